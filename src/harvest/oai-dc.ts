import type { Literal } from '@rdfjs/types';
import type { HarvestAgent, HarvestRecord } from '../store/harvest-records.js';
import { languageOf, XSI, type XmlNode } from './xml-document.js';

/** The oai_dc container's namespace and schema (OAI-PMH 2.0, section 6.2). */
export const OAI_DC_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const OAI_DC_SCHEMA = 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd';

/** Simple Dublin Core's element namespace. */
export const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

const DCMI_TYPE = 'http://purl.org/dc/dcmitype/';

/** One Simple Dublin Core element: its name and value, with the value's language if tagged. */
export type DcElement = readonly [name: string, value: string | Literal];

/**
 * An output as Simple Dublin Core. Every language of a title, a description
 * or a keyword is its own element with `xml:lang`, so a harvester that keeps
 * French and English apart (FRDR) can. Creators keep the order the source
 * credits them in; identifiers are the output's IRI, its DOI and its landing
 * pages; dates are only those the data gives for the output itself.
 */
export function dublinCoreElements(record: HarvestRecord): DcElement[] {
  const elements: DcElement[] = [];
  const add = (name: string, values: readonly (string | Literal)[]) => {
    for (const value of values) elements.push([name, value]);
  };
  add('title', record.titles);
  add('creator', record.creators.flatMap(agentName));
  add('subject', [...record.keywords, ...record.subjects.flatMap((subject) => subject.labels.slice(0, 1))]);
  add('description', record.descriptions);
  add('publisher', record.publisher ? agentName(record.publisher) : []);
  add('contributor', record.contributors.flatMap(agentName));
  add('date', [record.issued, record.modified].filter((date): date is Literal => date !== undefined).map((date) => date.value));
  add('type', record.dcmiType?.startsWith(DCMI_TYPE) ? [record.dcmiType.slice(DCMI_TYPE.length)] : []);
  add('type', record.kind?.labels.slice(0, 1) ?? []);
  add('format', record.formats);
  add('identifier', [record.iri, ...(record.doi ? [`https://doi.org/${record.doi}`] : []), ...record.landingPages]);
  add('language', record.languages);
  add('relation', [...record.isVersionOf, ...record.hasVersion, ...record.isPartOf.map((link) => link.iri)]);
  add('coverage', record.spatial.flatMap((place) => place.labels.slice(0, 1)));
  add('rights', record.license ? [record.license] : []);
  return elements;
}

/** Appends the `oai_dc:dc` element of a record to `parent` (a record's `metadata`). */
export function writeOaiDc(parent: XmlNode, record: HarvestRecord): void {
  writeDcElements(parent, dublinCoreElements(record));
}

/** Appends an `oai_dc:dc` element holding these elements (also a set's description). */
export function writeDcElements(parent: XmlNode, elements: readonly DcElement[]): void {
  const dc = parent
    .ele(OAI_DC_NAMESPACE, 'oai_dc:dc')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:dc', DC_NAMESPACE)
    .att(XSI, 'xsi:schemaLocation', `${OAI_DC_NAMESPACE} ${OAI_DC_SCHEMA}`);
  for (const [name, value] of elements) {
    const element = dc.ele(DC_NAMESPACE, `dc:${name}`);
    if (typeof value === 'string') element.txt(value);
    else languageOf(element, value).txt(value.value);
  }
}

/** One name per agent: the untagged or English one if any. */
function agentName(agent: HarvestAgent): Literal[] {
  return agent.names.slice(0, 1);
}
