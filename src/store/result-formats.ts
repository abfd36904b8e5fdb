/** A serialisation of SELECT/ASK results (the SPARQL 1.1 result formats). */
export interface ResultFormat {
  /** Short name, also the value of a `?format=` override. */
  readonly name: string;
  readonly mediaType: string;
  /** Other media types clients ask for when they mean this format. */
  readonly aliases: readonly string[];
  readonly label: string;
  /** The W3C formats IRI, for the service description. */
  readonly formatIri: string;
}

const FORMATS = 'http://www.w3.org/ns/formats/';

/** The table of SPARQL result formats for SELECT and ASK; the first is the default. */
export const RESULT_FORMATS: readonly ResultFormat[] = [
  { name: 'json', mediaType: 'application/sparql-results+json', aliases: ['application/json'], label: 'SPARQL JSON', formatIri: `${FORMATS}SPARQL_Results_JSON` },
  { name: 'xml', mediaType: 'application/sparql-results+xml', aliases: ['application/xml', 'text/xml'], label: 'SPARQL XML', formatIri: `${FORMATS}SPARQL_Results_XML` },
  { name: 'csv', mediaType: 'text/csv', aliases: [], label: 'CSV', formatIri: `${FORMATS}SPARQL_Results_CSV` },
  { name: 'tsv', mediaType: 'text/tab-separated-values', aliases: [], label: 'TSV', formatIri: `${FORMATS}SPARQL_Results_TSV` },
];

/** The result format with this media type or alias, if any. */
export function resultFormatByMediaType(mediaType: string): ResultFormat | undefined {
  return RESULT_FORMATS.find((format) => format.mediaType === mediaType || format.aliases.includes(mediaType));
}
