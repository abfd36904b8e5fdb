import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** The type of a value that passed `Schema`. */
export type Infer<Schema> = Schema extends JSONSchema ? FromSchema<Schema> : never;
import type { FieldPath, SourceFile } from './load-source-files.js';
import type { SourceDataError } from './source-data-error.js';
import type { Item, SourceReader } from './source-reader.js';
import { doi, httpUrl, nonEmptyString, partialDate, slug } from './schema-parts.js';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = (formatsPlugin as unknown as { default: (ajv: Ajv, formats: string[]) => Ajv }).default;
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
addFormats(ajv, ['uri', 'date']);

/** How one kind of thing is read from its data file: checked against its schema, then turned into models. */
export interface SourceKind<Model> {
  /** The collection name: the file is `data/{name}.yaml` (or the files of `data/{name}/`), field paths start with it. */
  readonly name: string;
  /** True when the kind is one record (the catalogue), which is one file, never a folder. */
  readonly single: boolean;
  /** Every shape problem of the file, located at its field. */
  checkShape(file: SourceFile): SourceDataError[];
  /** The file's models (one for a single-map file), once its shape is known good; reference problems go to the reader. */
  read(file: SourceFile, reader: SourceReader): readonly Model[];
}

/** What a kind declares to be read: its fields once, as a JSON Schema whose TypeScript type is inferred. */
export interface SourceKindDeclaration<Schema, Model> {
  readonly name: string;
  /** True when the file is one map (the catalogue) rather than a list of items. */
  readonly single?: boolean;
  /** The schema of one item; shape errors and the item's type both come from it. */
  readonly schema: Schema;
  /** One checked item to its model, registering its id and checking its references through the reader. */
  read(item: Item<Infer<Schema>>, reader: SourceReader): Model;
}

/** A SourceKind from its declaration: the schema is compiled once, and validated values reach `read` with their inferred type. */
export function sourceKind<const Schema, Model>(declaration: SourceKindDeclaration<Schema, Model>): SourceKind<Model> {
  // Ajv's type guards hand `read` the values its schema checked, typed as the schema says.
  const validate = ajv.compile<Infer<Schema>>(declaration.schema as object);
  const validateList = ajv.compile<Infer<Schema>[]>({ type: 'array', items: declaration.schema as object });
  const readAll = (file: SourceFile, reader: SourceReader): Model[] => {
    const value = file.value;
    const models: Model[] = [];
    if (declaration.single || file.oneRecord) {
      if (validate(value)) models.push(declaration.read({ value, file, path: [] }, reader));
    } else if (validateList(value)) {
      for (let index = 0; index < value.length; index += 1) models.push(declaration.read({ value: value[index]!, file, path: [index] }, reader));
    }
    return models;
  };
  return {
    name: declaration.name,
    single: declaration.single === true,
    checkShape(file) {
      // A file of a kind's folder may hold one record (a map) instead of a list.
      const check = declaration.single || file.oneRecord ? validate : validateList;
      return check(file.value) ? [] : shapeErrors(file, check.errors ?? []);
    },
    read(file, reader) {
      return readAll(file, reader);
    },
  };
}

/** The shape problems ajv found, one per field, in words a maintainer acts on. */
function shapeErrors(file: SourceFile, errors: readonly ErrorObject[]): SourceDataError[] {
  // A text field that is neither form fails both `oneOf` branches; report the `oneOf` alone.
  const textFailures = errors.filter((error) => error.keyword === 'oneOf').map((error) => error.instancePath);
  const reported = errors
    .filter((error) => error.keyword === 'oneOf' || !textFailures.some((path) => isWithin(error.instancePath, path)))
    .map((error) => {
      const path = pointerToPath(error.instancePath);
      const { problem, field } = describeSchemaError(error);
      return file.error(problem, field === undefined ? path : [...path, field]);
    });
  // One problem per field is enough: a bad URL fails both `format` and `pattern`.
  return reported.filter((error, index) => reported.findIndex((other) => other.field === error.field) === index);
}

function isWithin(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(`${parent}/`);
}

function pointerToPath(pointer: string): FieldPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function describeSchemaError(error: ErrorObject): { problem: string; field?: string } {
  const shown = JSON.stringify(error.data);
  switch (error.keyword) {
    case 'required':
      return { problem: `missing required field "${error.params.missingProperty}"`, field: error.params.missingProperty };
    case 'additionalProperties':
      return { problem: `unknown field "${error.params.additionalProperty}"`, field: error.params.additionalProperty };
    case 'type':
      return { problem: `must be ${article(error.params.type)}, not ${shown}` };
    case 'oneOf':
      return { problem: 'must be a text: a non-empty string, or a map of language tags to non-empty strings' };
    case 'format':
      return { problem: error.params.format === 'date' ? `${shown} is not a date (YYYY-MM-DD)` : `${shown} is not a valid URL` };
    case 'pattern':
      return { problem: describePattern(String(error.params.pattern), shown) };
    case 'minItems':
      return { problem: `must list at least ${error.params.limit}` };
    case 'minLength':
    case 'minProperties':
      return { problem: 'must not be empty' };
    case 'uniqueItems':
      return { problem: `lists the same value twice (items ${error.params.j} and ${error.params.i})` };
    case 'minimum':
    case 'maximum':
      return { problem: `${shown} is not a four-digit year` };
    default:
      return { problem: error.message ?? 'is invalid' };
  }
}

function article(type: string): string {
  return type === 'object' ? 'a map of fields' : type === 'array' ? 'a list' : type === 'integer' ? 'an integer' : `a ${type}`;
}

/** What each pattern of schema-parts.ts asks for, in words a maintainer can act on. */
const PATTERN_MEANINGS: ReadonlyMap<string, string> = new Map([
  [slug.pattern, 'is not a valid id (lower-case letters and digits, joined by single hyphens)'],
  [httpUrl.pattern, 'is not an absolute http(s) URL'],
  [partialDate.pattern, 'is not a year, year-month or date (YYYY, YYYY-MM or YYYY-MM-DD)'],
  [doi.pattern, 'is not a DOI name (10.NNNN/suffix, without "https://doi.org/")'],
  [nonEmptyString.pattern, 'must not be blank'],
]);

function describePattern(pattern: string, shown: string): string {
  if (pattern.startsWith('^[^/')) return `${shown} is not a file name with an extension`;
  return `${shown} ${PATTERN_MEANINGS.get(pattern) ?? `does not match the pattern ${pattern}`}`;
}
