import type { SourceData } from '../source/source-data.js';
import type { SourceKind } from '../source/source-kind.js';
import type { GraphWriter } from './graph-writer.js';

/** A kind of thing as the graph stage sees it: where its IRIs are and how a model becomes triples. */
export interface GraphKind<Model> extends SourceKind<Model> {
  /** Its things' IRIs are `{base}id/{segment}/{id}`; absent for a kind with one fixed IRI (the catalogue). */
  readonly segment?: string;
  /** Writes the triples of one model; `data` holds every kind's models, for the facts that join them. */
  map(model: Model, graph: GraphWriter, data: SourceData): void;
}
