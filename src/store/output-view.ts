import { DataFactory, type Store } from 'n3';
import type { Literal, NamedNode } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { BIBO, DCAT, DCT, FOAF, PROV, RDF, SCHEMA } from '../graph/namespaces.js';
import {
  creditsByRole,
  descriptionsOf,
  hasType,
  literalObjects,
  namedObjects,
  outputKindProperty,
  sequenceMembers,
  withAffiliations,
  type AgentWithAffiliations,
  type CreditsInRole,
} from './record-facts.js';

/** The EU file-type and IANA terms that say a link is a PDF. */
const PDF_FORMAT = 'http://publications.europa.eu/resource/authority/file-type/PDF';
const PDF_MEDIA_TYPES = new Set(['https://www.iana.org/assignments/media-types/application/pdf', 'http://www.iana.org/assignments/media-types/application/pdf']);

/** One way to reach an output: a distribution's link. */
export interface OutputLink {
  /** Where the link goes (the distribution's download URL, else its access URL). */
  readonly url: string;
  /** The name of the site it goes to, when the data gives it (Google Docs, Vimeo). */
  readonly platform?: string;
  /** Its file type (EU file-type authority), when known. */
  readonly format?: NamedNode;
  readonly titles: readonly Literal[];
  /** Whether the graph says the link is a PDF (its format or media type). */
  readonly isPdf: boolean;
}

/** A version of an output, with its version name when it has one. */
export interface OutputVersion {
  readonly output: NamedNode;
  readonly version?: Literal;
}

/** What an output's record page shows, as the graph says it; names and languages are the page's to choose. */
export interface OutputView {
  readonly page: 'output';
  readonly iri: NamedNode;
  readonly titles: readonly Literal[];
  readonly descriptions: readonly Literal[];
  /** Its kind (oscg:outputKind): a concept of vocab/output-kinds.ttl with a label. */
  readonly kind?: NamedNode;
  /** Its DCMI types (dct:type). */
  readonly dcmiTypes: readonly NamedNode[];
  /** Its rdf:types (schema:Report, schema:VideoObject…). */
  readonly types: readonly NamedNode[];
  /** Whether it is a living document (oscg:LivingDocument). */
  readonly living: boolean;
  /** Its authors in the order the source credits them (the rdf:Seq of bibo:authorList), else those of dct:creator. */
  readonly authors: readonly AgentWithAffiliations[];
  /** Its links, the primary one (schema:url) first. */
  readonly links: readonly OutputLink[];
  readonly issued?: Literal;
  readonly publishers: readonly NamedNode[];
  /** Its DOI name (bibo:doi), without the resolver. */
  readonly doi?: string;
  readonly licences: readonly NamedNode[];
  readonly version?: Literal;
  readonly languages: readonly NamedNode[];
  /** The BCP 47 tags of its languages (schema:inLanguage), for metadata that wants a code. */
  readonly languageCodes: readonly string[];
  /** Its fixed releases (dcat:hasVersion). */
  readonly versions: readonly OutputVersion[];
  /** The works it is a version of (dcat:isVersionOf). */
  readonly versionOf: readonly NamedNode[];
  /** The projects it comes from. */
  readonly projects: readonly NamedNode[];
  readonly funders: readonly NamedNode[];
  /** Everyone else credited, by role: not the authors (shown first) nor the funders (shown on their own). */
  readonly contributors: readonly CreditsInRole[];
  readonly keywords: readonly Literal[];
  readonly audiences: readonly NamedNode[];
}

/** Reads what an output's record page shows from the graph. */
export function outputView(store: Store, iris: IriScheme, iri: NamedNode): OutputView {
  const authorRole = iris.resource('role', 'author');
  const funderRole = iris.resource('role', 'funder');
  const ordered = sequenceMembers(store, iri, BIBO.authorList).filter((member): member is NamedNode => member.termType === 'NamedNode');
  const authors = ordered.length > 0 ? ordered : namedObjects(store, iri, DCT.creator);
  const primary = namedObjects(store, iri, SCHEMA.url).map((url) => url.value);
  const links = namedObjects(store, iri, DCAT.distribution)
    .map((distribution) => outputLink(store, iris, distribution))
    .filter((link): link is OutputLink => link !== undefined)
    .sort((a, b) => Number(!primary.includes(a.url)) - Number(!primary.includes(b.url)) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return {
    page: 'output',
    iri,
    titles: literalObjects(store, iri, DCT.title).length > 0 ? literalObjects(store, iri, DCT.title) : literalObjects(store, iri, SCHEMA.name),
    descriptions: descriptionsOf(store, iri),
    kind: namedObjects(store, iri, outputKindProperty(iris))[0],
    dcmiTypes: namedObjects(store, iri, DCT.type),
    types: namedObjects(store, iri, RDF.type),
    living: hasType(store, iri, DataFactory.namedNode(`${iris.ontology}LivingDocument`)),
    authors: authors.map((agent) => withAffiliations(store, agent)),
    links,
    issued: literalObjects(store, iri, DCT.issued)[0],
    publishers: namedObjects(store, iri, DCT.publisher),
    doi: literalObjects(store, iri, BIBO.doi)[0]?.value,
    licences: namedObjects(store, iri, DCT.license),
    version: literalObjects(store, iri, DCAT.version)[0],
    languages: namedObjects(store, iri, DCT.language),
    languageCodes: literalObjects(store, iri, SCHEMA.inLanguage).map((code) => code.value).sort(),
    versions: namedObjects(store, iri, DCAT.hasVersion).map((output) => {
      const version = literalObjects(store, output, DCAT.version)[0];
      return version ? { output, version } : { output };
    }),
    versionOf: namedObjects(store, iri, DCAT.isVersionOf),
    projects: namedObjects(store, iri, DCT.isPartOf).filter((part) => hasType(store, part, FOAF.Project)),
    funders: namedObjects(store, iri, SCHEMA.funder),
    contributors: creditsByRole(store, iri, PROV.qualifiedAttribution, [authorRole, funderRole]),
    keywords: literalObjects(store, iri, DCAT.keyword),
    audiences: namedObjects(store, iri, DCT.audience),
  };
}

function outputLink(store: Store, iris: IriScheme, distribution: NamedNode): OutputLink | undefined {
  const url = namedObjects(store, distribution, DCAT.downloadURL)[0] ?? namedObjects(store, distribution, DCAT.accessURL)[0];
  if (!url) return undefined;
  const format = namedObjects(store, distribution, DCT.format)[0];
  const mediaTypes = namedObjects(store, distribution, DCAT.mediaType).map((type) => type.value);
  const platform = literalObjects(store, distribution, DataFactory.namedNode(`${iris.ontology}platform`))[0]?.value;
  return {
    url: url.value,
    ...(platform ? { platform } : {}),
    ...(format ? { format } : {}),
    titles: literalObjects(store, distribution, DCT.title),
    isPdf: format?.value === PDF_FORMAT || mediaTypes.some((type) => PDF_MEDIA_TYPES.has(type)),
  };
}
