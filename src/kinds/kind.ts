import type { GraphKind } from '../graph/graph-kind.js';
import type { GraphWriter } from '../graph/graph-writer.js';
import type { SourceData } from '../source/source-data.js';
import { sourceKind, type SourceKindDeclaration } from '../source/source-kind.js';

/** A kind of thing published from data/: its file, its fields, how it is read and how it becomes RDF. */
export type Kind<Model> = GraphKind<Model>;

/** Everything a kind's module declares, once. */
export interface KindDeclaration<Schema, Model> extends SourceKindDeclaration<Schema, Model> {
  /** Its things' IRIs are `{base}id/{segment}/{id}`. */
  readonly segment?: string;
  /** Writes one model's triples. */
  map(model: Model, graph: GraphWriter, data: SourceData): void;
}

/** A kind from its declaration; the model type is what `read` returns, the raw type what the schema says. */
export function defineKind<const Schema, Model>(declaration: KindDeclaration<Schema, Model>): Kind<Model> {
  return { ...sourceKind<Schema, Model>(declaration), segment: declaration.segment, map: declaration.map };
}
