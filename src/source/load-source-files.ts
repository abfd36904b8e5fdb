import { readFile, readlink } from 'node:fs/promises';
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

/** Reads and parses the data file `{name}.yaml` of each name; YAML syntax errors are collected with their line. `onFile` hears of each file read. */
export async function loadSourceFiles(
  dataDir: string,
  names: readonly string[],
  cwd: string = process.cwd(),
  onFile?: (name: string) => void,
  lineDatesOf: LineDateReader = readLineDates,
): Promise<Map<string, SourceFile>> {
  const files = new Map<string, SourceFile>();
  const errors: SourceDataError[] = [];
  for (const name of names) {
    const path = join(dataDir, `${name}.yaml`);
    const displayPath = relative(cwd, path) || path;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      errors.push(new SourceDataError(await whyUnreadable(path, cause as NodeJS.ErrnoException), { file: displayPath, line: 1, field: '' }));
      onFile?.(name);
      continue;
    }
    // git blame runs while the YAML is parsed.
    const lineDates = lineDatesOf(path);
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (document.errors.length > 0) {
      for (const yamlError of document.errors) {
        const line = lines.linePos(yamlError.pos[0]).line;
        const problem = `invalid YAML: ${yamlError.message.split('\n')[0]}`;
        errors.push(new SourceDataError(problem, { file: displayPath, line, field: '' }));
      }
      await lineDates;
      onFile?.(name);
      continue;
    }
    files.set(name, new SourceFile(name, displayPath, document.toJS(), document, lines, await lineDates));
    onFile?.(name);
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
