import type { GraphKind } from '../graph/graph-kind.js';
import type { GraphWriter } from '../graph/graph-writer.js';
import type { SourceData } from '../source/source-data.js';
import { sourceKind, type SourceKindDeclaration } from '../source/source-kind.js';

/**
 * The record pages written for people (src/pages/): what a kind's page shows.
 * A kind without one gets the generic page of its statements.
 */
export type RecordPageName = 'output' | 'person' | 'organisation' | 'project';

/** A kind of thing published from data/: its file, its fields, how it is read and how it becomes RDF. */
export interface Kind<Model> extends GraphKind<Model> {
  /** The record page its things get; absent, the generic page. */
  readonly recordPage?: RecordPageName;
}

/** Everything a kind's module declares, once. */
export interface KindDeclaration<Schema, Model> extends SourceKindDeclaration<Schema, Model> {
  /** Its things' IRIs are `{base}id/{segment}/{id}`. */
  readonly segment?: string;
  /** The record page its things get (needs a segment); absent, the generic page. */
  readonly recordPage?: RecordPageName;
  /** Writes one model's triples. */
  map(model: Model, graph: GraphWriter, data: SourceData): void;
}

/** A kind from its declaration; the model type is what `read` returns, the raw type what the schema says. */
export function defineKind<const Schema, Model>(declaration: KindDeclaration<Schema, Model>): Kind<Model> {
  return { ...sourceKind<Schema, Model>(declaration), segment: declaration.segment, recordPage: declaration.recordPage, map: declaration.map };
}

/** The record page of the things whose IRIs have this segment, among these kinds. */
export function recordPageOf(kinds: readonly Kind<unknown>[], segment: string | undefined): RecordPageName | undefined {
  return segment === undefined ? undefined : kinds.find((kind) => kind.segment === segment)?.recordPage;
}
