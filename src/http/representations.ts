import contentType from 'content-type';
import Negotiator from 'negotiator';
import type { Request } from 'express';
import type { Store } from 'n3';
import { citationItem, type CslItem } from '../citation/citation-item.js';
import { CITATION_FILE_FORMATS, FORMATTED_CITATION, formattedCitation, type CitationFileFormat } from '../citation/citation-formats.js';
import { CITATION_LOCALES, CITATION_STYLES, CitationOptionError, citationLocale, citationStyle, DEFAULT_CITATION_LOCALE, DEFAULT_CITATION_STYLE } from '../citation/citation-options.js';
import type { IriScheme } from '../graph/iri-scheme.js';
import { DCAT } from '../graph/namespaces.js';
import { JSON_LD_PROFILES, RDF_FORMATS, type JsonLdProfile, type RdfFormat } from '../graph/rdf-formats.js';
import { dataCiteDocument, dataCiteOffer, DATACITE_MEDIA_TYPE } from '../harvest/datacite-record.js';
import { schemaOrgJsonLd } from '../pages/schema-org-json-ld.js';
import type { ResourceDescription } from '../store/describe-resource.js';
import { acceptElements } from './accept-header.js';
import { BadRequestError, NotAcceptableError } from './http-errors.js';

/** What a representation's producer is given: the resource's description, the graph it comes from, and the page the route renders for this reader. */
export interface ProductionContext {
  readonly description: ResourceDescription;
  readonly prefixes: Readonly<Record<string, string>>;
  /** The whole published graph, for what a description does not hold (the names and kinds of the things it links to). */
  readonly store: Store;
  readonly site: IriScheme;
  /** The values of the representation's options (a citation's style and locale), checked and with defaults filled in; empty when it has none. */
  readonly options: Readonly<Record<string, string>>;
  /** The HTML page in the reader's language; the route renders it, because a page needs the request's languages and the store. */
  readonly page: () => Promise<string>;
}

/**
 * Parameters that choose a variant of one representation, such as a
 * citation's style and locale: given in the query string (`?style=apa`) or,
 * when the representation was negotiated, as parameters of the Accept range
 * that asked for it (`text/x-bibliography; style=apa`), as DOI content
 * negotiation takes them.
 */
export interface RepresentationOptions {
  readonly names: readonly string[];
  /** The values to produce with, normalised and with defaults filled in; throws BadRequestError for a value not on offer, naming those that are. */
  resolve(given: Readonly<Record<string, string>>): Readonly<Record<string, string>>;
  /** The language of the variant, sent as Content-Language. */
  contentLanguage?(values: Readonly<Record<string, string>>): string;
  /** Each option's values on offer, with every other name `resolve` takes for them, so a static export can record every variant. */
  readonly offered?: Readonly<Record<string, readonly string[]>>;
}

/** What decides whether a resource offers a representation: its IRI and its rdf:types, or what the graph holds about it. */
export interface OfferingResource {
  readonly iri: string;
  readonly types: readonly string[];
  /** The published graph and its URLs. */
  readonly store: Store;
  readonly iris: IriScheme;
}

/** A representation some resource of the kind that could have it does not offer, and why (for the 406 or 404 that refuses it). */
export interface Refusal {
  readonly representation: Representation;
  readonly reason: string;
}

/** One representation a document can be sent in: an RDF format (maybe a JSON-LD profile), the HTML page, or a format only some resources have. */
export interface Representation {
  /** Identifies the representation in ETags and `?format=`. */
  readonly key: string;
  /** The media type offered in negotiation, with its `profile` parameter if any. */
  readonly mediaType: string;
  /** The Content-Type header value. */
  readonly contentType: string;
  /** The extension of the URL that names this representation directly. */
  readonly extension: string;
  readonly label: string;
  /** The RDF serialiser, when the representation is RDF data (a machine-readable description of the resource). */
  readonly format?: RdfFormat;
  readonly jsonLdProfile?: JsonLdProfile;
  /** Offered under an old media type only to clients that ask for it; never named by an extension URL. */
  readonly legacy?: boolean;
  /** Written for people in their language: it varies on Accept-Language, says Content-Language and follows a `?lang=` choice. */
  readonly forReaders?: boolean;
  /** Which resources offer it; absent, every resource does. */
  readonly offeredBy?: (resource: OfferingResource) => boolean;
  /** Why a resource that does not offer it lacks it, when that is worth telling a client who asks (undefined: it is simply not a format of that resource). */
  readonly refusal?: (resource: OfferingResource) => string | undefined;
  /** The parameters that choose among its variants, if any. */
  readonly options?: RepresentationOptions;
  /** The body of the document in this representation. */
  produce(context: ProductionContext): Promise<string>;
}

/** The HTML page for people. */
export const HTML_REPRESENTATION: Representation = {
  key: 'html',
  mediaType: 'text/html',
  contentType: 'text/html; charset=utf-8',
  extension: 'html',
  label: 'HTML',
  forReaders: true,
  produce: (context) => context.page(),
};

const JSON_LD = RDF_FORMATS.find((format) => format.name === 'jsonld')!;

/** An RDF format of the table as a representation, sent with charset. */
export function rdfRepresentation(format: RdfFormat): Representation {
  return {
    key: format.name,
    mediaType: format.mediaType,
    contentType: `${format.mediaType}; charset=utf-8`,
    extension: format.extension,
    label: format.label,
    format,
    produce: ({ description, prefixes }) => format.serialize(description.quads, { prefixes }),
  };
}

function jsonLdVariant(profile: JsonLdProfile, profileParameter: string): Representation {
  return {
    key: `jsonld-${profile}`,
    mediaType: `${JSON_LD.mediaType};profile="${profileParameter}"`,
    contentType: `${JSON_LD.mediaType}; profile="${JSON_LD_PROFILES[profile]}"; charset=utf-8`,
    extension: JSON_LD.extension,
    label: `${JSON_LD.label} (${profile})`,
    format: JSON_LD,
    jsonLdProfile: profile,
    produce: ({ description, prefixes }) => JSON_LD.serialize(description.quads, { prefixes, jsonLdProfile: profile }),
  };
}

/**
 * The JSON-LD profiles a client can ask for; `profile` may list several IRIs
 * (JSON-LD 1.1 §9), and a flattened document here is also compacted.
 */
const JSON_LD_VARIANTS: readonly Representation[] = [
  jsonLdVariant('compacted', JSON_LD_PROFILES.compacted),
  jsonLdVariant('expanded', JSON_LD_PROFILES.expanded),
  jsonLdVariant('flattened', JSON_LD_PROFILES.flattened),
  jsonLdVariant('flattened', `${JSON_LD_PROFILES.flattened} ${JSON_LD_PROFILES.compacted}`),
  jsonLdVariant('flattened', `${JSON_LD_PROFILES.compacted} ${JSON_LD_PROFILES.flattened}`),
];

/** A format under an old media type it is still asked for, sent under that type so the client knows it. */
function legacyVariant(format: RdfFormat, mediaType: string): Representation {
  return {
    key: `${format.name}-${mediaType.replace(/[^a-z0-9]+/g, '-')}`,
    mediaType,
    contentType: `${mediaType}; charset=utf-8`,
    extension: format.extension,
    label: `${format.label} (${mediaType})`,
    format,
    legacy: true,
    produce: ({ description, prefixes }) => format.serialize(description.quads, { prefixes }),
  };
}

/** The outputs: what citations are offered for. */
const OUTPUTS = (resource: OfferingResource) => ofType(DCAT.Dataset.value)(resource);

/** The output's CSL-JSON item, which every citation format is written from. */
function itemOf({ store, description, site }: ProductionContext): CslItem {
  const item = citationItem(store, description.iri, site);
  if (!item) throw new Error(`${description.iri} offers citations but is not an output`);
  return item;
}

/** A citation in a file format: for reference managers, as DOI content negotiation serves them. */
function citationFile({ key, mediaType, extension, label, write }: CitationFileFormat): Representation {
  return { key, mediaType, contentType: `${mediaType}; charset=utf-8`, extension, label, offeredBy: OUTPUTS, produce: async (context) => write(itemOf(context)) };
}

/** `style` and `locale` of a formatted citation, checked against those on offer. */
const CITATION_OPTIONS: RepresentationOptions = {
  names: ['style', 'locale'],
  resolve(given) {
    try {
      return { style: citationStyle(given.style ?? DEFAULT_CITATION_STYLE.id).id, locale: citationLocale(given.locale ?? DEFAULT_CITATION_LOCALE.tag).tag };
    } catch (error) {
      if (!(error instanceof CitationOptionError)) throw error;
      const offered = error.option === 'style' ? { styles: CITATION_STYLES.map((style) => ({ id: style.id, label: style.label })) } : { locales: CITATION_LOCALES.map((locale) => ({ tag: locale.tag, label: locale.label })) };
      throw new BadRequestError(error.message, offered);
    }
  },
  contentLanguage: (values) => values.locale!,
  offered: {
    style: CITATION_STYLES.flatMap((style) => [style.id, ...style.aliases]),
    locale: [...new Set(CITATION_LOCALES.flatMap((locale) => [locale.tag, locale.tag.split('-')[0]!]))],
  },
};

/**
 * The citation style and locale an output's page was asked for with `?style=`
 * and `?locale=`, checked as for a formatted citation (a 400 listing those on
 * offer); each is absent when not asked for, so the page picks its default.
 */
export function pageCitationOptions(req: Request): { style?: string; locale?: string } {
  const given = queryOptions(req, CITATION_OPTIONS.names);
  const checked = CITATION_OPTIONS.resolve(given);
  return { ...(given.style === undefined ? {} : { style: checked.style }), ...(given.locale === undefined ? {} : { locale: checked.locale }) };
}

/**
 * What outputs offer besides the RDF formats and the page: citations as
 * BibTeX, RIS, CSL-JSON and formatted text (`text/x-bibliography` with
 * `style` and `locale`), and their schema.org description as JSON-LD under
 * the media type DOI content negotiation gives it.
 */
export const CITATION_REPRESENTATIONS: readonly Representation[] = [
  ...CITATION_FILE_FORMATS.map(citationFile),
  {
    ...FORMATTED_CITATION,
    contentType: `${FORMATTED_CITATION.mediaType}; charset=utf-8`,
    offeredBy: OUTPUTS,
    options: CITATION_OPTIONS,
    produce: async (context) => `${formattedCitation(itemOf(context), context.options.style, context.options.locale)}\n`,
  },
  {
    key: 'schemaorg',
    mediaType: 'application/vnd.schemaorg.ld+json',
    contentType: 'application/vnd.schemaorg.ld+json; charset=utf-8',
    extension: 'schema.jsonld',
    label: 'schema.org JSON-LD',
    offeredBy: OUTPUTS,
    produce: async ({ description }) => `${JSON.stringify((await schemaOrgJsonLd(description.iri, description.quads)) ?? {}, null, 2)}\n`,
  },
];

/**
 * The representations of documents, in the order that breaks ties. Entries
 * with an `offeredBy` predicate belong to some resources only; `with` adds
 * entries after the existing ones, so a new format never wins a tie.
 */
export class RepresentationTable {
  /** A table of these entries, in this order. */
  constructor(readonly entries: readonly Representation[]) {}

  /** This table with more entries at its end. */
  with(...entries: readonly Representation[]): RepresentationTable {
    return new RepresentationTable([...this.entries, ...entries]);
  }

  /** What this resource offers, in tie-breaking order. */
  offeredBy(resource: OfferingResource): Representation[] {
    return this.entries.filter((entry) => entry.offeredBy?.(resource) ?? true);
  }

  /** The representations this resource does not offer but could, with the reason, for the error that refuses them. */
  refusedBy(resource: OfferingResource): Refusal[] {
    return this.entries.flatMap((entry) => {
      const reason = entry.offeredBy && !entry.offeredBy(resource) ? entry.refusal?.(resource) : undefined;
      return reason === undefined ? [] : [{ representation: entry, reason }];
    });
  }

  /** Every extension some resource's document URL may carry. */
  extensions(): Set<string> {
    return offeredExtensions(this.entries);
  }
}

/**
 * DataCite XML (kernel 4), DataCite's own media type for content negotiation:
 * only for outputs whose data holds all that DataCite requires; the others
 * refuse it naming the missing fields.
 */
const DATACITE_REPRESENTATION: Representation = {
  key: 'datacite',
  mediaType: DATACITE_MEDIA_TYPE,
  contentType: `${DATACITE_MEDIA_TYPE}; charset=utf-8`,
  extension: 'datacite',
  label: 'DataCite XML',
  offeredBy: ({ store, iris, iri }) => {
    const offer = dataCiteOffer(store, iris, iri);
    return offer !== undefined && 'record' in offer;
  },
  refusal: ({ store, iris, iri }) => {
    const offer = dataCiteOffer(store, iris, iri);
    return offer && 'refusal' in offer ? offer.refusal : undefined;
  },
  produce: async ({ description, store, site }) => {
    const offer = dataCiteOffer(store, site, description.iri);
    if (!offer || !('record' in offer)) throw new Error(`DataCite was chosen for ${description.iri}, which does not offer it`);
    return dataCiteDocument(offer.record);
  },
};

/**
 * The one table of document representations, in the order that breaks ties: a
 * client stating no preference (`*\/*`) gets the HTML page, which links to every
 * other format. The plain JSON-LD type comes before its profiles, so it means
 * "compacted". A format only some kinds of resource have is one more entry at
 * the end, with its `offeredBy` predicate.
 */
export const REPRESENTATIONS = new RepresentationTable([
  HTML_REPRESENTATION,
  ...RDF_FORMATS.map(rdfRepresentation),
  ...JSON_LD_VARIANTS,
  ...RDF_FORMATS.flatMap((format) => (format.legacyMediaTypes ?? []).map((mediaType) => legacyVariant(format, mediaType))),
  ...CITATION_REPRESENTATIONS,
  DATACITE_REPRESENTATION,
]);

/** What every document offers (the entries without a predicate): the home page and the catalogue negotiate among these. */
export const DOCUMENT_REPRESENTATIONS: readonly Representation[] = REPRESENTATIONS.entries.filter((entry) => entry.offeredBy === undefined);

/** An `offeredBy` predicate: the resources with one of these rdf:types (IRIs). */
export function ofType(...types: readonly string[]): (resource: OfferingResource) => boolean {
  return (resource) => resource.types.some((type) => types.includes(type));
}

/** One representation per format (no profile variants, no legacy types), for links and error messages. */
export function distinctRepresentations(offers: readonly Representation[]): Representation[] {
  return offers.filter((offer) => !offer.legacy && offer.jsonLdProfile === undefined);
}

/** One representation per format of every document, for links and error messages. */
export const DISTINCT_REPRESENTATIONS: readonly Representation[] = distinctRepresentations(DOCUMENT_REPRESENTATIONS);

/**
 * The representation a request gets from `offers`, by quality values and
 * wildcards; 406 when none fits, saying why when what was asked for is among
 * the `refused`.
 */
export function negotiate(req: Request, offers: readonly Representation[], refused: readonly Refusal[] = []): Representation {
  const accept = req.get('Accept');
  // Negotiator matches a range's parameters against the offer's, so `text/x-bibliography; style=apa`
  // would match no offer: the parameters a representation reads itself are left out of the match.
  const headers = accept === undefined ? {} : { accept: withoutOptionParameters(accept, offers) };
  const preferred = new Negotiator({ headers }).mediaType(offers.map((offer) => offer.mediaType));
  const chosen = preferred === undefined ? undefined : offers.find((offer) => offer.mediaType === preferred);
  if (!chosen) {
    const available = offers.filter((offer) => !offer.legacy).map((offer) => offer.mediaType.split(';')[0]!);
    // A wildcard would match a refused type too; only a type asked for by name is explained.
    const asked = refused.filter((refusal) => new Negotiator(req).mediaTypes([refusal.representation.mediaType]).length > 0 && namesMediaType(req, refusal.representation.mediaType));
    throw new NotAcceptableError(req.get('Accept') ?? '', [...new Set(available)], asked.map((refusal) => refusal.reason));
  }
  return chosen;
}

/** Whether the Accept header names this media type itself, not by a wildcard. */
function namesMediaType(req: Request, mediaType: string): boolean {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return (req.get('Accept') ?? '').split(',').some((range) => range.split(';')[0]!.trim().toLowerCase() === type);
}

/** How the representation was chosen decides which request headers the response varies on. */
export interface Choice {
  readonly representation: Representation;
  /** Whether the Accept header took part in the choice. */
  readonly variesOnAccept: boolean;
  /** The representation's option parameters the Accept range that chose it gave (`style`, `locale`); empty unless it was negotiated. */
  readonly acceptOptions: Readonly<Record<string, string>>;
}

/**
 * The representation of a document: `?format=` (a format name or extension)
 * wins, then the URL's extension, then the Accept header. A `.jsonld` URL still
 * reads the JSON-LD profile from Accept.
 */
export function chooseRepresentation(req: Request, extension: string | undefined, offers: readonly Representation[], refused: readonly Refusal[] = []): Choice {
  const override = req.query.format;
  if (override !== undefined) {
    const representation = typeof override === 'string' ? byName(override, offers) : undefined;
    const refusal = typeof override === 'string' && !representation ? refused.find((candidate) => byName(override, [candidate.representation])) : undefined;
    if (refusal) throw new NotAcceptableError(`?format=${String(override)}`, distinctKeys(offers), [refusal.reason]);
    if (!representation) {
      throw new BadRequestError(`Unknown format "${String(override)}". Use one of: ${distinctKeys(offers).join(', ')}.`, { formats: distinctKeys(offers) });
    }
    return { representation, variesOnAccept: false, acceptOptions: {} };
  }
  if (extension !== undefined) {
    const named = offers.filter((offer) => offer.extension === extension && !offer.legacy);
    if (named.length > 1) {
      // Several profiles share `.jsonld`: Accept picks one, anything else gets the first (compacted).
      const preferred = new Negotiator(req).mediaType(named.map((offer) => offer.mediaType));
      return { representation: named.find((offer) => offer.mediaType === preferred) ?? named[0]!, variesOnAccept: true, acceptOptions: {} };
    }
    if (named[0]) return { representation: named[0], variesOnAccept: false, acceptOptions: {} };
  }
  const representation = negotiate(req, offers, refused);
  return { representation, variesOnAccept: true, acceptOptions: acceptedOptions(req.get('Accept'), representation) };
}

/**
 * The option values a request gives a representation: the query string's,
 * over those of the Accept range that chose it. A parameter given twice in
 * the query string is a 400. Returns them checked, with defaults filled in,
 * and the ones the request gave, for the URL of the variant.
 */
export function requestedOptions(req: Request, representation: Representation, acceptOptions: Readonly<Record<string, string>>): { values: Readonly<Record<string, string>>; given: Readonly<Record<string, string>> } {
  const options = representation.options;
  if (!options) return { values: {}, given: {} };
  const given = { ...acceptOptions, ...queryOptions(req, options.names) };
  const values = options.resolve(given);
  // The given ones as the checked values spell them (`APA` → `apa`), so the variant has one URL per spelling.
  return { values, given: Object.fromEntries(Object.keys(given).map((name) => [name, values[name]!])) };
}

/** The values the query string gives these option parameters; one given twice (or as an object) is a 400. */
function queryOptions(req: Request, names: readonly string[]): Record<string, string> {
  const given: Record<string, string> = {};
  for (const name of names) {
    const value = req.query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new BadRequestError(`Give the ${name} parameter once, as a plain value.`);
    given[name] = value;
  }
  return given;
}

/** A media range of an Accept header with its parameters, or undefined for one content-type cannot read. */
function parseRange(element: string): contentType.ParsedMediaType | undefined {
  try {
    return contentType.parse(element);
  } catch {
    return undefined;
  }
}

/** The Accept header with the option parameters of the offers that have options removed from their ranges. */
function withoutOptionParameters(accept: string, offers: readonly Representation[]): string {
  const optionNames = new Map(offers.filter((offer) => offer.options).map((offer) => [offer.mediaType.toLowerCase(), offer.options!.names]));
  if (optionNames.size === 0) return accept;
  return acceptElements(accept)
    .map((element) => {
      const range = parseRange(element);
      const names = range && optionNames.get(range.type);
      if (!range || !names) return element;
      const parameters = Object.fromEntries(Object.entries(range.parameters).filter(([name]) => !names.includes(name)));
      return contentType.format({ type: range.type, parameters });
    })
    .join(', ');
}

/** The option parameters of the most preferred Accept range naming this representation's media type exactly. */
function acceptedOptions(accept: string | undefined, representation: Representation): Readonly<Record<string, string>> {
  const names = representation.options?.names;
  if (!names || accept === undefined) return {};
  const weight = (range: contentType.ParsedMediaType) => {
    const q = Number(range.parameters.q ?? '1');
    return Number.isFinite(q) ? q : 1;
  };
  const ranges = acceptElements(accept)
    .map(parseRange)
    .filter((range): range is contentType.ParsedMediaType => range?.type === representation.mediaType.toLowerCase() && weight(range) > 0);
  // The first of the heaviest ranges, as negotiation breaks ties by order.
  const chosen = ranges.reduce<contentType.ParsedMediaType | undefined>((best, range) => (best === undefined || weight(range) > weight(best) ? range : best), undefined);
  return Object.fromEntries(Object.entries(chosen?.parameters ?? {}).filter(([name]) => names.includes(name)));
}

/** The extensions a document URL may carry. */
export function offeredExtensions(offers: readonly Representation[]): Set<string> {
  return new Set(offers.map((offer) => offer.extension));
}

function byName(name: string, offers: readonly Representation[]): Representation | undefined {
  const lower = name.toLowerCase();
  return offers.find((offer) => offer.key === lower || (offer.jsonLdProfile === undefined && (offer.extension === lower || offer.format?.name === lower)))
    ?? offers.find((offer) => offer.key === `jsonld-${lower}`);
}

function distinctKeys(offers: readonly Representation[]): string[] {
  return [...new Set(offers.map((offer) => offer.key))];
}
