import { readLineDates } from './source-history.js';
import { readSourceFile, type LineDateReader, type SourceFile, type SourceFileEntry } from './load-source-files.js';
import { SourceData } from './source-data.js';
import { SourceDataErrors, type SourceDataError } from './source-data-error.js';
import type { SourceKind } from './source-kind.js';
import type { VocabularyKeys } from './source-model.js';
import { SourceReader } from './source-reader.js';

/** Checks the shape of every data file, then every id and reference between them; throws SourceDataErrors. */
export function validateSourceData(files: ReadonlyMap<string, readonly SourceFile[]>, kinds: readonly SourceKind<unknown>[], vocabulary: VocabularyKeys): SourceData {
  const filesOf = (kind: SourceKind<unknown>): readonly SourceFile[] => {
    const found = files.get(kind.name);
    if (!found) throw new Error(`data/${kind.name}.yaml was not loaded.`);
    return found;
  };
  const shapeErrors = kinds.flatMap((kind) => filesOf(kind).flatMap((file) => kind.checkShape(file)));
  if (shapeErrors.length > 0) throw new SourceDataErrors(shapeErrors);
  const reader = new SourceReader([...files.values()].flat(), vocabulary);
  const data = new SourceData((namespace, id) => reader.kindOf(namespace, id));
  for (const kind of kinds) for (const file of filesOf(kind)) data.add(kind, kind.read(file, reader));
  reader.checkReferences();
  if (reader.errors.length > 0) throw new SourceDataErrors(reader.errors);
  data.lastCommitted = reader.dataLastCommitted();
  return data;
}

/**
 * validateSourceData one file at a time: each file is parsed, checked and read
 * into models, then let go, so only one parsed file (with its line positions)
 * is in memory at once. The problems reported are the same: YAML syntax
 * errors if any file has some, else shape errors if any, else the ids,
 * references and keys. `onFile` hears of each file read, `onFilesRead` that
 * every file is read and the references between them are to be checked.
 */
export async function readSourceData(
  entries: readonly SourceFileEntry[],
  kinds: readonly SourceKind<unknown>[],
  vocabulary: VocabularyKeys,
  options: { readonly lineDates?: LineDateReader; readonly onFile?: (entry: SourceFileEntry) => void; readonly onFilesRead?: () => void } = {},
): Promise<SourceData> {
  const kindByName = new Map(kinds.map((kind) => [kind.name, kind]));
  const reader = new SourceReader([], vocabulary);
  const data = new SourceData((namespace, id) => reader.kindOf(namespace, id));
  const syntaxErrors: SourceDataError[] = [];
  const shapeErrors: SourceDataError[] = [];
  // git blame of the next file runs while this one is parsed and read.
  const lineDates = options.lineDates ?? readLineDates;
  let next = entries.length > 0 ? readSourceFile(entries[0]!, lineDates) : undefined;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index]!;
    const file = await next!;
    next = index + 1 < entries.length ? readSourceFile(entries[index + 1]!, lineDates) : undefined;
    if (Array.isArray(file)) {
      syntaxErrors.push(...file);
    } else if (syntaxErrors.length === 0) {
      const kind = kindByName.get(entry.name);
      if (!kind) throw new Error(`No kind reads ${entry.displayPath}.`);
      const problems = kind.checkShape(file);
      shapeErrors.push(...problems);
      if (shapeErrors.length === 0) {
        reader.noteFile(file);
        data.add(kind, kind.read(file, reader));
        reader.release();
      }
    }
    options.onFile?.(entry);
  }
  if (syntaxErrors.length > 0) throw new SourceDataErrors(syntaxErrors);
  if (shapeErrors.length > 0) throw new SourceDataErrors(shapeErrors);
  options.onFilesRead?.();
  reader.checkReferences();
  if (reader.errors.length > 0) throw new SourceDataErrors(reader.errors);
  data.lastCommitted = reader.dataLastCommitted();
  return data;
}
