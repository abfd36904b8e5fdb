import type { SourceFile } from './load-source-files.js';
import { SourceData } from './source-data.js';
import { SourceDataErrors } from './source-data-error.js';
import type { SourceKind } from './source-kind.js';
import type { VocabularyKeys } from './source-model.js';
import { SourceReader } from './source-reader.js';

/** Checks the shape of every data file, then every id and reference between them; throws SourceDataErrors. */
export function validateSourceData(files: ReadonlyMap<string, SourceFile>, kinds: readonly SourceKind<unknown>[], vocabulary: VocabularyKeys): SourceData {
  const fileOf = (kind: SourceKind<unknown>): SourceFile => {
    const file = files.get(kind.name);
    if (!file) throw new Error(`data/${kind.name}.yaml was not loaded.`);
    return file;
  };
  const shapeErrors = kinds.flatMap((kind) => kind.checkShape(fileOf(kind)));
  if (shapeErrors.length > 0) throw new SourceDataErrors(shapeErrors);
  const reader = new SourceReader([...files.values()], vocabulary);
  const data = new SourceData((namespace, id) => reader.kindOf(namespace, id));
  for (const kind of kinds) data.set(kind, kind.read(fileOf(kind), reader));
  reader.checkReferences();
  if (reader.errors.length > 0) throw new SourceDataErrors(reader.errors);
  return data;
}
