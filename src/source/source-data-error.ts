/** Where in data/ a problem was found: the file, its 1-based line, and the field path. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly field: string;
}

/** A problem in a human-edited data file, reported with its file, line and field. */
export class SourceDataError extends Error {
  override readonly name = 'SourceDataError';
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly problem: string;

  constructor(problem: string, location: SourceLocation) {
    const field = location.field ? `, ${location.field}` : '';
    super(`${location.file}, line ${location.line}${field}: ${problem}`);
    this.problem = problem;
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
  }
}

/** Every problem found in data/, so a maintainer can fix them in one pass. */
export class SourceDataErrors extends Error {
  override readonly name = 'SourceDataErrors';
  readonly errors: readonly SourceDataError[];

  constructor(errors: readonly SourceDataError[]) {
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    super(`The data files have ${count}:\n${errors.map((error) => `  ${error.message}`).join('\n')}`);
    this.errors = errors;
  }
}
