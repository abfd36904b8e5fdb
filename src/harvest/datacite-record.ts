import type { Store } from 'n3';
import type { Literal } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { harvestRecord, type HarvestAgent, type HarvestRecord } from '../store/harvest-records.js';
import { languageOf, serializeXml, xmlDocument, XSI, type XmlNode } from './xml-document.js';

/** The namespace of every DataCite 4.x record. */
export const DATACITE_NAMESPACE = 'http://datacite.org/schema/kernel-4';

/**
 * The kernel version the records are written to, and its schema. A 4.6 record
 * is also a valid 4.7 one (4.7 only added values), and harvesters that know
 * 4.6 read it.
 */
export const DATACITE_VERSION = '4.6';
export const DATACITE_SCHEMA = 'http://schema.datacite.org/meta/kernel-4.6/metadata.xsd';

/** The media type of a DataCite XML record, as DataCite's own content negotiation names it. */
export const DATACITE_MEDIA_TYPE = 'application/vnd.datacite.datacite+xml';

// The controlled lists of the DataCite Metadata Schema 4.6 (include/datacite-resourceType-v4.xsd and
// include/datacite-contributorType-v4.xsd): a value from vocab/ outside them would make a record the
// schema refuses, so such a value counts as missing.
const RESOURCE_TYPES = new Set(['Audiovisual', 'Award', 'Book', 'BookChapter', 'Collection', 'ComputationalNotebook', 'ConferencePaper', 'ConferenceProceeding', 'DataPaper', 'Dataset', 'Dissertation', 'Event', 'Image', 'Instrument', 'InteractiveResource', 'Journal', 'JournalArticle', 'Model', 'OutputManagementPlan', 'PeerReview', 'PhysicalObject', 'Preprint', 'Project', 'Report', 'Service', 'Software', 'Sound', 'Standard', 'StudyRegistration', 'Text', 'Workflow', 'Other']);
const CONTRIBUTOR_TYPES = new Set(['ContactPerson', 'DataCollector', 'DataCurator', 'DataManager', 'Distributor', 'Editor', 'HostingInstitution', 'Other', 'Producer', 'ProjectLeader', 'ProjectManager', 'ProjectMember', 'RegistrationAgency', 'RegistrationAuthority', 'RelatedPerson', 'ResearchGroup', 'RightsHolder', 'Researcher', 'Sponsor', 'Supervisor', 'Translator', 'WorkPackageLeader']);

/** A property DataCite requires that an output's data does not give, and what would give it. */
export interface MissingDataCiteField {
  /** The DataCite property, e.g. `publicationYear`. */
  readonly property: string;
  /** The output's field in data/outputs.yaml that fills it in, e.g. `issued`. */
  readonly field?: string;
  /** What else fills it in, when it is not a field of the output. */
  readonly elsewhere?: string;
}

/**
 * The properties DataCite 4 requires (identifier, creators, titles, publisher,
 * publicationYear, resourceType) that this output's data cannot fill. Empty:
 * a complete DataCite record can be written. Nothing is guessed: without a DOI
 * there is no DataCite identifier, without `issued` no publication year.
 */
export function missingDataCiteFields(record: HarvestRecord): MissingDataCiteField[] {
  const missing: MissingDataCiteField[] = [];
  if (!record.doi) missing.push({ property: 'identifier (a DOI)', field: 'doi' });
  if (record.creators.length === 0 || record.creators.some((agent) => agent.names.length === 0)) missing.push({ property: 'creators', field: 'authors' });
  if (record.titles.length === 0) missing.push({ property: 'titles', field: 'title' });
  if (!record.publisher || record.publisher.names.length === 0) missing.push({ property: 'publisher', field: 'publisher' });
  if (!record.issued) missing.push({ property: 'publicationYear', field: 'issued' });
  if (!resourceTypeOf(record)) {
    missing.push({ property: 'resourceType', elsewhere: `give the kind${record.kind ? ` "${record.kind.key}"` : ' of the output'} a DataCite type (oscg:dataciteResourceType) in vocab/output-kinds.ttl` });
  }
  return missing;
}

/** Why an output has no DataCite record, naming what is missing and where to fill it in; for a 406 or cannotDisseminateFormat. */
export function dataCiteRefusal(missing: readonly MissingDataCiteField[]): string {
  const fields = missing.flatMap((field) => (field.field ? [field.field] : []));
  const remedies = [...(fields.length > 0 ? [`fill in its ${list(fields)} in data/outputs.yaml`] : []), ...missing.flatMap((field) => (field.elsewhere ? [field.elsewhere] : []))];
  return `DataCite requires ${list(missing.map((field) => field.property))}, which this output's data does not give: ${list(remedies)}.`;
}

/** What DataCite makes of a resource: an output's complete record, or why it has none. */
export type DataCiteOffer = { readonly record: HarvestRecord } | { readonly refusal: string };

/**
 * Whether a resource has a DataCite record: undefined for anything that is
 * not an output, else the output's record or the reason it has none (the
 * missing properties and the fields that would give them). Worked out once
 * per output of a loaded graph.
 */
export function dataCiteOffer(store: Store, iris: IriScheme, iri: string): DataCiteOffer | undefined {
  let offers = dataCiteOffers.get(store);
  if (!offers) dataCiteOffers.set(store, (offers = new Map()));
  if (offers.has(iri)) return offers.get(iri);
  const record = harvestRecord(store, iris, iri);
  // Only outputs are remembered, so made-up IRIs take no room.
  if (!record) return undefined;
  const missing = missingDataCiteFields(record);
  const offer = missing.length === 0 ? { record } : { refusal: dataCiteRefusal(missing) };
  offers.set(iri, offer);
  return offer;
}

// Keyed by the store: a graph loaded anew starts afresh.
const dataCiteOffers = new WeakMap<Store, Map<string, DataCiteOffer>>();

/** A DataCite 4 record as a document of its own (the `application/vnd.datacite.datacite+xml` representation); the record must be complete. */
export function dataCiteDocument(record: HarvestRecord): string {
  const document = xmlDocument();
  writeDataCiteResource(document, record);
  return serializeXml(document);
}

/**
 * Appends the DataCite `resource` element of a complete record to `parent`:
 * the six required properties, then what else the data gives (subjects,
 * contributors, dates, language, the output's IRI, related versions and
 * project, formats, version, licence, descriptions, places, funders).
 */
export function writeDataCiteResource(parent: XmlNode, record: HarvestRecord): void {
  const missing = missingDataCiteFields(record);
  if (missing.length > 0) throw new Error(`No DataCite record for ${record.iri}: ${dataCiteRefusal(missing)}`);
  const resource = parent.ele(DATACITE_NAMESPACE, 'resource').att(XSI, 'xsi:schemaLocation', `${DATACITE_NAMESPACE} ${DATACITE_SCHEMA}`);
  const element = (into: XmlNode, name: string) => into.ele(DATACITE_NAMESPACE, name);
  element(resource, 'identifier').att('identifierType', 'DOI').txt(record.doi!);

  const creators = element(resource, 'creators');
  for (const agent of record.creators) {
    const creator = element(creators, 'creator');
    name(element(creator, 'creatorName'), agent);
    for (const affiliation of agent.affiliations) {
      const label = preferred(affiliation.names);
      if (label) element(creator, 'affiliation').txt(label.value);
    }
  }
  const titles = element(resource, 'titles');
  for (const title of record.titles) languageOf(element(titles, 'title'), title).txt(title.value);
  const publisher = preferred(record.publisher!.names)!;
  languageOf(element(resource, 'publisher'), publisher).txt(publisher.value);
  element(resource, 'publicationYear').txt(record.issued!.value.slice(0, 4));
  element(resource, 'resourceType').att('resourceTypeGeneral', resourceTypeOf(record)!).txt(kindLabel(record));

  const subjects = [...record.keywords, ...record.subjects.flatMap((subject) => subject.labels.slice(0, 1))];
  if (subjects.length > 0) {
    const list = element(resource, 'subjects');
    for (const subject of subjects) languageOf(element(list, 'subject'), subject).txt(subject.value);
  }
  const contributions = record.contributions.filter((credit) => CONTRIBUTOR_TYPES.has(credit.dataciteContributorType ?? '') && credit.agent.names.length > 0);
  if (contributions.length > 0) {
    const list = element(resource, 'contributors');
    for (const credit of contributions) {
      const contributor = element(list, 'contributor').att('contributorType', credit.dataciteContributorType!);
      name(element(contributor, 'contributorName'), credit.agent);
    }
  }
  const dates = element(resource, 'dates');
  element(dates, 'date').att('dateType', 'Issued').txt(record.issued!.value);
  if (record.modified) element(dates, 'date').att('dateType', 'Updated').txt(record.modified.value);
  // DataCite has one primary language; a second is not said rather than dropped at random.
  if (record.languages.length === 1) element(resource, 'language').txt(record.languages[0]!);
  element(element(resource, 'alternateIdentifiers'), 'alternateIdentifier').att('alternateIdentifierType', 'URL').txt(record.iri);

  const related = [
    ...record.hasVersion.map((iri) => ['HasVersion', iri] as const),
    ...record.isVersionOf.map((iri) => ['IsVersionOf', iri] as const),
    ...record.isPartOf.map((link) => ['IsPartOf', link.iri] as const),
  ];
  if (related.length > 0) {
    const list = element(resource, 'relatedIdentifiers');
    for (const [relation, iri] of related) element(list, 'relatedIdentifier').att('relatedIdentifierType', 'URL').att('relationType', relation).txt(iri);
  }
  if (record.formats.length > 0) {
    const list = element(resource, 'formats');
    for (const format of record.formats) element(list, 'format').txt(format.value);
  }
  if (record.version) element(resource, 'version').txt(record.version);
  if (record.license) element(element(resource, 'rightsList'), 'rights').att('rightsURI', record.license);
  if (record.descriptions.length > 0) {
    const list = element(resource, 'descriptions');
    for (const description of record.descriptions) languageOf(element(list, 'description').att('descriptionType', 'Abstract'), description).txt(description.value);
  }
  const places = record.spatial.flatMap((place) => place.labels.slice(0, 1));
  if (places.length > 0) {
    const list = element(resource, 'geoLocations');
    for (const place of places) element(element(list, 'geoLocation'), 'geoLocationPlace').txt(place.value);
  }
  const funders = record.funders.filter((agent) => agent.names.length > 0);
  if (funders.length > 0) {
    const list = element(resource, 'fundingReferences');
    for (const funder of funders) element(element(list, 'fundingReference'), 'funderName').txt(preferred(funder.names)!.value);
  }
}

/** The DataCite resourceTypeGeneral of the output's kind, if vocab/ gives one DataCite knows. */
function resourceTypeOf(record: HarvestRecord): string | undefined {
  const type = record.kind?.dataciteResourceType;
  return type !== undefined && RESOURCE_TYPES.has(type) ? type : undefined;
}

/** The kind's English (or first) label: the free-text resource type beside the general one. */
function kindLabel(record: HarvestRecord): string {
  return preferred(record.kind?.labels ?? [])?.value ?? resourceTypeOf(record)!;
}

/** A creator's or contributor's name, typed personal or organisational. Names are written whole: the data has no given and family names, and splitting them would be a guess. */
function name(element: XmlNode, agent: HarvestAgent): void {
  const label = preferred(agent.names)!;
  languageOf(element.att('nameType', agent.person ? 'Personal' : 'Organizational'), label).txt(label.value);
}

/** The untagged or English value if there is one, else the first: one name per agent. */
function preferred(literals: readonly Literal[]): Literal | undefined {
  return literals[0];
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
