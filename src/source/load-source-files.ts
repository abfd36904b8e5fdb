import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { SourceDataError, SourceDataErrors } from './source-data-error.js';
import { latestDate, readLineDates } from './source-history.js';

/** A path into a YAML value: map keys and list indexes. */
export type FieldPath = readonly (string | number)[];

/** One parsed data file that can say on which line any of its fields is. */
export class SourceFile {
  constructor(
    readonly name: string,
    readonly displayPath: string,
    readonly value: unknown,
    private readonly document: Document,
    private readonly lines: LineCounter,
    private readonly lineDates: readonly (string | undefined)[] = [],
    /** True for a file of a kind's folder that holds one record (a map) rather than a list of them. */
    readonly oneRecord = false,
  ) {}

  /** When the lines of the field at `path` (or of the whole file) were last committed, if known. */
  lastCommitted(path?: FieldPath): string | undefined {
    if (!path) return latestDate(this.lineDates);
    const node = this.document.getIn(path, true);
    if (!isNode(node) || !node.range) return undefined;
    const first = this.lines.linePos(node.range[0]).line;
    const last = this.lines.linePos(Math.max(node.range[0], node.range[1] - 1)).line;
    return latestDate(this.lineDates.slice(first - 1, last));
  }

  /** The 1-based line of the field at `path`, or of its nearest existing parent. */
  lineOf(path: FieldPath): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }

  /** A readable field path such as `outputs[2].links[0].url`. */
  fieldName(path: FieldPath): string {
    return path.reduce<string>(
      (name, key) => (typeof key === 'number' ? `${name}[${key}]` : `${name}.${key}`),
      this.name,
    );
  }

  /** A SourceDataError located at the field `path` of this file. */
  error(problem: string, path: FieldPath): SourceDataError {
    return new SourceDataError(problem, {
      file: this.displayPath,
      line: this.lineOf(path),
      field: this.fieldName(path),
    });
  }
}

/** When each line of a data file was last committed; `readLineDates` (git blame of the checkout) unless a past commit is being built. */
export type LineDateReader = (path: string) => Promise<readonly (string | undefined)[]>;

/** One data file to read: the kind it holds, where it is, and whether it is one file of the kind's folder. */
export interface SourceFileEntry {
  readonly name: string;
  readonly path: string;
  readonly displayPath: string;
  readonly inFolder: boolean;
}

/**
 * The data files of each kind: `{dataDir}/{name}.yaml`, or every `*.yaml` file
 * of the folder `{dataDir}/{name}/` in the order of their names (code points),
 * so the order of the records, and with it the build, does not depend on the
 * file system. Both at once is an error, as is a folder for a kind that is one
 * record (`singles`: the catalogue). A kind with neither is reported as its
 * missing `{name}.yaml`, which reading it then says.
 */
export async function listSourceFiles(
  dataDir: string,
  names: readonly string[],
  cwd: string = process.cwd(),
  singles: ReadonlySet<string> = new Set(),
): Promise<SourceFileEntry[]> {
  const entries: SourceFileEntry[] = [];
  const errors: SourceDataError[] = [];
  const shown = (path: string) => relative(cwd, path) || path;
  for (const name of names) {
    const file = join(dataDir, `${name}.yaml`);
    const folder = join(dataDir, name);
    const folderStat = await stat(folder).catch(() => undefined);
    if (!folderStat?.isDirectory()) {
      entries.push({ name, path: file, displayPath: shown(file), inFolder: false });
      continue;
    }
    const fileExists = await stat(file).then(() => true, (cause: NodeJS.ErrnoException) => cause.code !== 'ENOENT' || readlink(file).then(() => true, () => false));
    if (fileExists) {
      errors.push(new SourceDataError(`the ${name} are both in this file and in the folder ${shown(folder)}/; keep one of them`, { file: shown(file), line: 1, field: '' }));
      continue;
    }
    if (singles.has(name)) {
      errors.push(new SourceDataError(`the ${name} is one record: write it as ${shown(file)}, not as a folder`, { file: `${shown(folder)}/`, line: 1, field: '' }));
      continue;
    }
    const names = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.name.endsWith('.yaml') && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const fileName of names) {
      const path = join(folder, fileName);
      entries.push({ name, path, displayPath: shown(path), inFolder: true });
    }
  }
  if (errors.length > 0) throw new SourceDataErrors(errors);
  return entries;
}

/**
 * Reads and parses one data file; its YAML syntax errors are returned with
 * their line. A file of a kind's folder may hold one record (a map) or a list.
 */
export async function readSourceFile(entry: SourceFileEntry, lineDatesOf: LineDateReader = readLineDates): Promise<SourceFile | SourceDataError[]> {
  const { path, displayPath } = entry;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    return [new SourceDataError(await whyUnreadable(path, cause as NodeJS.ErrnoException), { file: displayPath, line: 1, field: '' })];
  }
  // git blame runs while the YAML is parsed.
  const lineDates = lineDatesOf(path);
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    await lineDates;
    return document.errors.map((yamlError) => {
      const line = lines.linePos(yamlError.pos[0]).line;
      return new SourceDataError(`invalid YAML: ${yamlError.message.split('\n')[0]}`, { file: displayPath, line, field: '' });
    });
  }
  const value: unknown = document.toJS();
  return new SourceFile(entry.name, displayPath, value, document, lines, await lineDates, entry.inFolder && !Array.isArray(value));
}

/**
 * Reads and parses every data file of each kind (`{name}.yaml`, or the files
 * of the folder `{name}/`), all in memory; YAML syntax errors are collected
 * with their line. `onFile` hears of each file read.
 */
export async function loadSourceFiles(
  dataDir: string,
  names: readonly string[],
  cwd: string = process.cwd(),
  onFile?: (name: string) => void,
  lineDatesOf: LineDateReader = readLineDates,
  singles?: ReadonlySet<string>,
): Promise<Map<string, SourceFile[]>> {
  const files = new Map<string, SourceFile[]>(names.map((name) => [name, []]));
  const errors: SourceDataError[] = [];
  for (const entry of await listSourceFiles(dataDir, names, cwd, singles)) {
    const file = await readSourceFile(entry, lineDatesOf);
    if (Array.isArray(file)) errors.push(...file);
    else files.get(entry.name)!.push(file);
    onFile?.(entry.name);
  }
  if (errors.length > 0) throw new SourceDataErrors(errors);
  return files;
}

/** Why the data file at `path` could not be read, in words a maintainer can act on. */
async function whyUnreadable(path: string, cause: NodeJS.ErrnoException): Promise<string> {
  switch (cause.code) {
    case 'ENOENT': {
      // A symbolic link to nothing reads as missing too; where it points is what needs fixing.
      const target = await readlink(path).catch(() => undefined);
      return target === undefined ? 'file is missing' : `file is a symbolic link to "${target}", which does not exist`;
    }
    case 'EISDIR':
      return 'file is a directory, not a YAML file';
    case 'EACCES':
    case 'EPERM':
      return 'file cannot be read: permission denied';
    default:
      // Node's message ends with the call and the absolute path, which the location already gives.
      return `file cannot be read: ${cause.message.replace(/, \w+ '[^']*'$/, '')}`;
  }
}
