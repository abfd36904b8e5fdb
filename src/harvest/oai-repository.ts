import type { Store } from 'n3';
import type { Literal } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { DCT } from '../graph/namespaces.js';
import { harvestHeaders, harvestKinds, harvestRecord, type HarvestKind, type HarvestRecord } from '../store/harvest-records.js';
import { DATACITE_VERSION, dataCiteRefusal, missingDataCiteFields, writeDataCiteResource } from './datacite-record.js';
import { OAI_DC_NAMESPACE, OAI_DC_SCHEMA, writeOaiDc } from './oai-dc.js';
import { XSI, type XmlNode } from './xml-document.js';

/** How the repository is run: who answers for it, and how long a page of a list is. */
export interface OaiSettings {
  /** The addresses Identify gives as adminEmail (OAI_ADMIN_EMAIL); OAI-PMH requires at least one. */
  readonly adminEmails: readonly string[];
  /** Items per page of ListIdentifiers, ListRecords and ListSets (OAI_PAGE_SIZE). */
  readonly pageSize: number;
}

/** One item of the repository: an output with a datestamp. */
export interface OaiItem {
  readonly identifier: string;
  readonly iri: string;
  readonly datestamp: Date;
  /** The setSpec of its kind. */
  readonly set?: string;
}

/** A metadata format the repository disseminates. */
export interface MetadataFormat {
  readonly prefix: string;
  readonly schema: string;
  readonly namespace: string;
  /** Why this record cannot be had in this format, or undefined when it can. */
  refusal(record: HarvestRecord): string | undefined;
  /** Appends the record's metadata in this format to the record's `metadata` element. */
  write(parent: XmlNode, record: HarvestRecord): void;
}

/** The DataCite wrapper for OAI-PMH (`oai_datacite`, version 1.1). */
export const OAI_DATACITE_NAMESPACE = 'http://schema.datacite.org/oai/oai-1.1/';
export const OAI_DATACITE_SCHEMA = 'http://schema.datacite.org/oai/oai-1.1/oai.xsd';

/**
 * The formats, in the order ListMetadataFormats gives them: Simple Dublin
 * Core for every output, and DataCite for the outputs whose data holds all
 * that DataCite requires.
 */
export const METADATA_FORMATS: readonly MetadataFormat[] = [
  {
    prefix: 'oai_dc',
    schema: OAI_DC_SCHEMA,
    namespace: OAI_DC_NAMESPACE,
    refusal: () => undefined,
    write: writeOaiDc,
  },
  {
    prefix: 'oai_datacite',
    schema: OAI_DATACITE_SCHEMA,
    namespace: OAI_DATACITE_NAMESPACE,
    refusal: (record) => {
      const missing = missingDataCiteFields(record);
      return missing.length === 0 ? undefined : dataCiteRefusal(missing);
    },
    write: (parent, record) => {
      const wrapper = parent.ele(OAI_DATACITE_NAMESPACE, 'oai_datacite').att(XSI, 'xsi:schemaLocation', `${OAI_DATACITE_NAMESPACE} ${OAI_DATACITE_SCHEMA}`);
      wrapper.ele(OAI_DATACITE_NAMESPACE, 'schemaVersion').txt(DATACITE_VERSION);
      // The symbol of the DataCite data centre that registered the DOI: the data does not say
      // which one did, so it is left empty rather than guessed.
      wrapper.ele(OAI_DATACITE_NAMESPACE, 'datacentreSymbol');
      writeDataCiteResource(wrapper.ele(OAI_DATACITE_NAMESPACE, 'payload'), record);
    },
  },
];

/**
 * The OAI-PMH view of the published graph: the outputs as items, identified
 * in the oai-identifier scheme, dated by their catalogue records, in sets by
 * kind. Built once per loaded graph (which never changes while it is served).
 */
export class OaiRepository {
  readonly baseUrl: string;
  readonly repositoryName: string;
  readonly items: readonly OaiItem[];
  readonly sets: readonly HarvestKind[];
  /** The earliest datestamp of any item: a lower bound of every datestamp, as Identify must give. */
  readonly earliestDatestamp: Date;
  private readonly byIdentifier: ReadonlyMap<string, OaiItem>;
  private readonly records = new Map<string, HarvestRecord>();

  constructor(
    private readonly store: Store,
    readonly iris: IriScheme,
    readonly settings: OaiSettings,
  ) {
    this.baseUrl = iris.oai;
    const titles = store.getObjects(iris.catalog, DCT.title, null).filter((term) => term.termType === 'Literal') as Literal[];
    this.repositoryName = (titles.find((title) => title.language === 'en') ?? titles[0])?.value ?? iris.base;
    this.items = harvestHeaders(store, iris).flatMap((header) => {
      const identifier = iris.oaiIdentifier(header.iri);
      return identifier ? [{ identifier, iri: header.iri, datestamp: header.datestamp, set: header.kind }] : [];
    });
    this.byIdentifier = new Map(this.items.map((item) => [item.identifier, item]));
    this.sets = harvestKinds(store, iris);
    // With no item at all any lower bound is true; the Unix epoch is the conventional one.
    const times = this.items.map((item) => item.datestamp.getTime());
    this.earliestDatestamp = new Date(times.length > 0 ? Math.min(...times) : 0);
  }

  /** The item an OAI identifier names, if the repository has it. */
  item(identifier: string): OaiItem | undefined {
    return this.byIdentifier.get(identifier);
  }

  /** The full record of an item, built once. */
  record(item: OaiItem): HarvestRecord {
    let record = this.records.get(item.iri);
    if (!record) {
      record = harvestRecord(this.store, this.iris, item.iri);
      if (!record) throw new Error(`The graph has no harvest record for ${item.iri}, which it lists`);
      this.records.set(item.iri, record);
    }
    return record;
  }

  /** An identifier to show in Identify's oai-identifier description: the first item's, or one of the form the items would have. */
  get sampleIdentifier(): string {
    return this.items[0]?.identifier ?? `oai:${this.iris.oaiRepositoryIdentifier}:output/example`;
  }
}
