import { DataFactory, type Store } from 'n3';
import type { Literal, Term } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { BIBO, DCAT, DCT, FOAF, RDF, SCHEMA } from '../graph/namespaces.js';

/** A name in a CSL item: a person's family and given names, or an organisation's (or an unsplit) name as a literal. */
export interface CslName {
  readonly family?: string;
  readonly given?: string;
  readonly literal?: string;
}

/**
 * One output as a CSL-JSON item (CSL 1.0.2 data schema): the pivot every
 * citation format is written from. It holds only what the graph states.
 */
export interface CslItem {
  /** The output's IRI. */
  readonly id: string;
  readonly type: string;
  /** The BibTeX key: the output's slug, with `_` for `-`, which BibTeX tools treat as unsafe. */
  readonly 'citation-key': string;
  readonly title: string;
  /** In the order the data credits them (the rdf:Seq of bibo:authorList). */
  readonly author?: readonly CslName[];
  readonly publisher?: string;
  readonly issued?: { readonly 'date-parts': readonly (readonly number[])[] };
  readonly DOI?: string;
  /** The output's IRI, the identifier this site asks to be cited by (FAIR Signposting `cite-as`). */
  readonly URL: string;
  readonly version?: string;
  readonly language?: string;
}

/** The CSL type of an output whose kind names none: CSL's generic type. */
const GENERIC_TYPE = 'document';

const { namedNode } = DataFactory;

/**
 * The CSL-JSON item of an output, read from the published graph; undefined
 * for anything that is not an output (a dcat:Dataset). Its type is the
 * oscg:cslType of the output's kind (vocab/output-kinds.ttl); a publication
 * date, publisher, DOI, version or language appears only when the graph states
 * it, so an output without dct:issued has no date at all.
 */
export function citationItem(store: Store, iri: string, site: IriScheme): CslItem | undefined {
  const subject = namedNode(iri);
  if (store.countQuads(subject, RDF.type, DCAT.Dataset, null) === 0) return undefined;
  const languages = literals(store, subject, SCHEMA.inLanguage).map((literal) => literal.value);
  // Titles and names in the output's own language, else English: a citation gives the title the work has, never a translation.
  const preferred = [...languages, 'en'];
  const name = (agent: Term) => pick(literals(store, agent, FOAF.name), preferred) ?? pick(literals(store, agent, SCHEMA.name), preferred);
  const authors = sequenceMembers(store, store.getObjects(subject, BIBO.authorList, null)[0]).map((agent) => cslName(store, agent, name(agent)));
  const publisher = store.getObjects(subject, DCT.publisher, null)[0];
  const publisherName = publisher && name(publisher);
  const issued = dateParts(literals(store, subject, DCT.issued)[0]?.value);
  const doi = literals(store, subject, BIBO.doi)[0]?.value;
  const version = literals(store, subject, DCAT.version)[0]?.value;
  const slug = iri.slice(iri.lastIndexOf('/') + 1);
  return {
    id: iri,
    type: cslType(store, subject, site),
    'citation-key': slug.replace(/-/g, '_'),
    title: pick(literals(store, subject, DCT.title), preferred) ?? slug,
    ...(authors.length > 0 ? { author: authors } : {}),
    ...(publisherName ? { publisher: publisherName } : {}),
    ...(issued ? { issued: { 'date-parts': [issued] } } : {}),
    ...(doi ? { DOI: doi } : {}),
    URL: iri,
    ...(version ? { version } : {}),
    ...(languages[0] ? { language: languages[0] } : {}),
  };
}

/** An output's place among the versions of a work, so a page can offer "this version" beside "the living document". */
export interface CitationVersions {
  /** The work this output is a version of (dcat:isVersionOf), such as the living guide. */
  readonly versionOf?: string;
  /** The versions of this output (dcat:hasVersion), in IRI order. */
  readonly versions: readonly string[];
}

/** Which work an output is a version of, and which versions it has, from dcat:isVersionOf and dcat:hasVersion. */
export function citationVersions(store: Store, iri: string): CitationVersions {
  const iris = (predicate: Term) => store.getObjects(iri, predicate as never, null).filter((term) => term.termType === 'NamedNode').map((term) => term.value).sort();
  const versionOf = iris(DCAT.isVersionOf)[0];
  return { ...(versionOf ? { versionOf } : {}), versions: iris(DCAT.hasVersion) };
}

/** The CSL type the output's kind states: the kind is the concept whose oscg:schemaClass is one of the output's types. */
function cslType(store: Store, subject: Term, site: IriScheme): string {
  const schemaClass = namedNode(`${site.ontology}schemaClass`);
  const typeProperty = namedNode(`${site.ontology}cslType`);
  const kinds = store.getObjects(subject, RDF.type, null).flatMap((type) => store.getSubjects(schemaClass, type, null));
  const types = kinds.flatMap((kind) => literals(store, kind, typeProperty)).map((literal) => literal.value).sort();
  return types[0] ?? GENERIC_TYPE;
}

/** A person with a family name as family and given names; anyone else (an organisation, a person whose name the data does not split) as the name as it is. */
function cslName(store: Store, agent: Term, name: string | undefined): CslName {
  const family = literals(store, agent, SCHEMA.familyName)[0]?.value ?? literals(store, agent, FOAF.familyName)[0]?.value;
  const given = literals(store, agent, SCHEMA.givenName)[0]?.value ?? literals(store, agent, FOAF.givenName)[0]?.value;
  const isPerson = store.countQuads(agent, RDF.type, FOAF.Person, null) > 0;
  if (isPerson && family) return given ? { family, given } : { family };
  return { literal: name ?? agent.value };
}

/** The members of the rdf:Seq `sequence` (`rdf:_1`, `rdf:_2`…), in the order of their numbers (`rdf:_10` after `rdf:_9`). */
function sequenceMembers(store: Store, sequence: Term | undefined): Term[] {
  if (!sequence) return [];
  const prefix = `${RDF.iri}_`;
  const position = (predicate: string) => (predicate.startsWith(prefix) && /^[1-9][0-9]*$/.test(predicate.slice(prefix.length)) ? Number(predicate.slice(prefix.length)) : undefined);
  return store
    .getQuads(sequence, null, null, null)
    .flatMap((quad) => {
      const at = position(quad.predicate.value);
      return at === undefined ? [] : [{ at, item: quad.object as Term }];
    })
    .sort((a, b) => a.at - b.at)
    .map(({ item }) => item);
}

/** `2018` → [2018], `2018-03` → [2018, 3], `2018-03-04` → [2018, 3, 4]; undefined for no date or another form. */
function dateParts(value: string | undefined): number[] | undefined {
  const match = value === undefined ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return undefined;
  return match.slice(1).filter((part): part is string => part !== undefined).map(Number);
}

function literals(store: Store, subject: Term, predicate: Term): Literal[] {
  return (store.getObjects(subject, predicate as never, null) as Term[]).filter((term): term is Literal => term.termType === 'Literal');
}

/** The value in the first preferred language, else one without a language, else the first in language order. */
function pick(values: readonly Literal[], preferred: readonly string[]): string | undefined {
  for (const language of preferred) {
    const found = values.find((literal) => literal.language.toLowerCase() === language.toLowerCase() || literal.language.toLowerCase().startsWith(`${language.toLowerCase()}-`));
    if (found) return found.value;
  }
  const sorted = [...values].sort((a, b) => a.language.localeCompare(b.language));
  return sorted.find((literal) => literal.language === '')?.value ?? sorted[0]?.value;
}
