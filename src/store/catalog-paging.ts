import { DataFactory, type Store } from 'n3';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { DCAT, DCT, FOAF, HYDRA, RDF, SKOS, XSD } from '../graph/namespaces.js';
import { describeResource } from './describe-resource.js';

const { namedNode, literal, quad } = DataFactory;

/** What a harvester asked for: one page of the catalogue, maybe only what changed since a moment. */
export interface CatalogPageRequest {
  /** 1-based page number. */
  readonly page: number;
  readonly pageSize: number;
  /** Only datasets whose record (or own dct:modified) is at or after this instant. */
  readonly modifiedSince?: Date;
  /** When the release history last saw the dataset's description change, if the server keeps one: it counts as a modification too. */
  readonly changedAt?: (dataset: string) => Date | undefined;
}

/** The public URLs the paging description links to; built by the HTTP layer from BASE_URL. */
export interface CatalogPageLinks {
  /** The paged collection as a whole (the catalogue document without `page`). */
  readonly collection: string;
  /** The URL of page `n` (with the same filter and format as the request). */
  readonly page: (n: number) => string;
}

/** One page of the catalogue: its triples and where it sits among the pages. */
export interface CatalogPage {
  readonly quads: readonly Quad[];
  /** The datasets on this page, in catalogue order. */
  readonly datasets: readonly NamedNode[];
  readonly page: number;
  readonly lastPage: number;
  /** How many datasets match the request across all pages. */
  readonly totalItems: number;
}

/**
 * The catalogue's datasets in IRI order (stable across builds, so a page
 * boundary only moves when datasets are added), optionally only those
 * modified at or after `since`: by the dates in the graph or, with
 * `changedAt`, by when the release history last saw the dataset change
 * (a change made elsewhere in data/, such as a project's contributors, that
 * the dataset's own lines do not date). A dataset with no known date is
 * left out of an incremental harvest: nothing says it changed.
 */
export function catalogDatasets(store: Store, catalog: string, since?: Date, changedAt?: (dataset: string) => Date | undefined): NamedNode[] {
  const datasets = store.getObjects(catalog, DCAT.dataset, null).filter((term) => term.termType === 'NamedNode') as NamedNode[];
  datasets.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  if (!since) return datasets;
  return datasets.filter((dataset) => {
    const instants = [lastModified(store, catalog, dataset.value), changedAt?.(dataset.value)].filter((instant): instant is Date => instant !== undefined);
    return instants.some((instant) => instant.getTime() >= since.getTime());
  });
}

/** The latest of a dataset's own dct:modified and its catalogue record's, as dated by the build; undefined when neither is known. */
export function lastModified(store: Store, catalog: string, dataset: string): Date | undefined {
  const records = store.getObjects(catalog, DCAT.record, null).filter((record) => store.countQuads(record, FOAF.primaryTopic, dataset, null) > 0);
  const instants = [dataset, ...records.map((record) => record.value)]
    .flatMap((subject) => store.getObjects(subject, DCT.modified, null))
    .map(instantOf)
    .filter((instant): instant is Date => instant !== undefined);
  if (instants.length === 0) return undefined;
  return new Date(Math.max(...instants.map((instant) => instant.getTime())));
}

/**
 * One page of the catalogue as a self-contained graph: the catalogue (linking
 * only the datasets on this page), each dataset's description with its
 * distributions and attributions, its catalogue record, a short typed
 * description of everything they reference (DCAT-AP's range shapes check the
 * class of each object, and a harvester should not have to dereference to name
 * an agent), and the Hydra paging view. Undefined for a page past the last.
 */
export function catalogPage(store: Store, catalog: string, request: CatalogPageRequest, links: CatalogPageLinks): CatalogPage | undefined {
  const all = catalogDatasets(store, catalog);
  const matching = request.modifiedSince ? catalogDatasets(store, catalog, request.modifiedSince, request.changedAt) : all;
  const lastPage = Math.max(1, Math.ceil(matching.length / request.pageSize));
  if (!Number.isInteger(request.page) || request.page < 1 || request.page > lastPage) return undefined;
  const datasets = matching.slice((request.page - 1) * request.pageSize, request.page * request.pageSize);
  const onPage = new Set(datasets.map((dataset) => dataset.value));
  const allDatasets = new Set(all.map((dataset) => dataset.value));
  const records = store.getObjects(catalog, DCAT.record, null);
  const recordsOnPage = records.filter((record) => store.getObjects(record, FOAF.primaryTopic, null).some((topic) => onPage.has(topic.value)));
  const allRecords = new Set(records.map((record) => record.value));
  const pageRecords = new Set(recordsOnPage.map((record) => record.value));
  const elsewhere = (iri: string) => (allDatasets.has(iri) && !onPage.has(iri)) || (allRecords.has(iri) && !pageRecords.has(iri));

  // The catalogue's own triples, minus its links to datasets and records on other pages.
  const quads: Quad[] = store.getQuads(catalog, null, null, null).filter((q) => !elsewhere(q.object.value));
  for (const dataset of datasets) quads.push(...(describeResource(store, dataset.value)?.own ?? []));
  for (const record of recordsOnPage) quads.push(...store.getQuads(record, null, null, null));
  // A dataset described on another page stays untyped as dcat:Dataset here: harvesters import every
  // subject of that type, and would otherwise import it twice, once from this partial description.
  quads.push(...referencedDescriptions(store, quads).filter((q) => !(q.predicate.equals(RDF.type) && q.object.equals(DCAT.Dataset) && elsewhere(q.subject.value))));
  quads.push(...pagingQuads(request, lastPage, matching.length, links));
  return { quads, datasets, page: request.page, lastPage, totalItems: matching.length };
}

/**
 * For every resource the page links to but does not describe: its types,
 * literal values (names, titles, labels) and concept scheme, repeated for the
 * schemes so those are typed as well.
 */
function referencedDescriptions(store: Store, quads: readonly Quad[]): Quad[] {
  const described = new Set(quads.map((q) => q.subject.value));
  const added: Quad[] = [];
  let pending = linkedIris(quads, described);
  while (pending.length > 0) {
    const next: Quad[] = [];
    for (const iri of pending) {
      described.add(iri);
      next.push(
        ...store.getQuads(iri, null, null, null).filter((q) => q.predicate.equals(RDF.type) || q.predicate.equals(SKOS.inScheme) || q.object.termType === 'Literal'),
      );
    }
    added.push(...next);
    pending = linkedIris(next, described);
  }
  return added;
}

function linkedIris(quads: readonly Quad[], described: ReadonlySet<string>): string[] {
  const iris = new Set<string>();
  for (const q of quads) {
    if (q.object.termType === 'NamedNode' && !q.predicate.equals(RDF.type) && !described.has(q.object.value)) iris.add(q.object.value);
  }
  return [...iris];
}

/**
 * Hydra paging: the view is typed both PartialCollectionView (Hydra Core) and
 * the older PagedCollection, because ckanext-dcat's parser looks for `next`
 * on the latter and udata's on the former. There is no `previous`: a
 * harvester following links only ever moves forward.
 */
function pagingQuads(request: CatalogPageRequest, lastPage: number, totalItems: number, links: CatalogPageLinks): Quad[] {
  const collection = namedNode(links.collection);
  const view = namedNode(links.page(request.page));
  const count = (n: number) => literal(String(n), XSD.integer);
  const quads = [
    quad(collection, RDF.type, HYDRA.Collection),
    quad(collection, HYDRA.totalItems, count(totalItems)),
    quad(collection, HYDRA.view, view),
    quad(view, RDF.type, HYDRA.PartialCollectionView),
    quad(view, RDF.type, HYDRA.PagedCollection),
    quad(view, HYDRA.first, namedNode(links.page(1))),
    quad(view, HYDRA.last, namedNode(links.page(lastPage))),
    quad(view, HYDRA.totalItems, count(totalItems)),
    quad(view, HYDRA.itemsPerPage, count(request.pageSize)),
  ];
  if (request.page < lastPage) quads.push(quad(view, HYDRA.next, namedNode(links.page(request.page + 1))));
  return quads;
}

/** An xsd:date or xsd:dateTime literal as an instant; a date or a time without zone is read as UTC. */
function instantOf(term: Term): Date | undefined {
  if (term.termType !== 'Literal') return undefined;
  const value = /T.*(Z|[+-]\d\d:\d\d)$/.test(term.value) || !term.value.includes('T') ? term.value : `${term.value}Z`;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}
