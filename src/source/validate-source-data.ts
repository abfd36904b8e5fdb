import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FieldPath, SourceFile, SourceFileName } from './load-source-files.js';
import { SourceDataError, SourceDataErrors } from './source-data-error.js';
import type {
  Catalog, Contribution, Funding, Link, Organisation, Output, Person, Project, SourceData, Text,
  VocabularyField, VocabularyKeys, WebDocument,
} from './source-model.js';
import { DEFAULT_LANGUAGE } from './source-model.js';
import { SOURCE_SCHEMAS } from './source-schemas.js';
import { slugify } from './slugify.js';
import { latestDate } from './source-history.js';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = (formatsPlugin as unknown as { default: (ajv: Ajv, formats: string[]) => Ajv }).default;
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
addFormats(ajv, ['uri', 'date']);
const validators = new Map(
  Object.entries(SOURCE_SCHEMAS).map(([name, schema]) => [name as SourceFileName, ajv.compile(schema)]),
);

/** Checks the shape of every data file, then every reference between them; throws SourceDataErrors. */
export function validateSourceData(files: ReadonlyMap<SourceFileName, SourceFile>, vocabulary: VocabularyKeys): SourceData {
  const shapeErrors = [...files.values()].flatMap(checkShape);
  if (shapeErrors.length > 0) throw new SourceDataErrors(shapeErrors);
  const checker = new ReferenceChecker(files, vocabulary);
  const data = checker.run();
  if (checker.errors.length > 0) throw new SourceDataErrors(checker.errors);
  return data;
}

function checkShape(file: SourceFile): SourceDataError[] {
  const validate = validators.get(file.name)!;
  if (validate(file.value)) return [];
  const errors = validate.errors ?? [];
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

function describePattern(pattern: string, shown: string): string {
  if (pattern.startsWith('^[a-z0-9]')) return `${shown} is not a valid id (lower-case letters and digits, joined by single hyphens)`;
  if (pattern.startsWith('^https?')) return `${shown} is not an absolute http(s) URL`;
  if (pattern.startsWith('^[^/')) return `${shown} is not a file name with an extension`;
  return `${shown} must not be blank`;
}

type Raw = Record<string, unknown>;
type Located<T> = { readonly value: T; readonly file: SourceFile; readonly path: FieldPath };

/** Turns the shape-checked files into the model while checking ids, references and keys. */
class ReferenceChecker {
  readonly errors: SourceDataError[] = [];
  private readonly slugs = new Map<string, Map<string, Located<unknown>>>();
  private readonly languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  /** Reference checks, run once every file has registered its ids. */
  private readonly pending: Array<() => void> = [];

  constructor(
    private readonly files: ReadonlyMap<SourceFileName, SourceFile>,
    private readonly vocabulary: VocabularyKeys,
  ) {}

  run(): SourceData {
    const organisations = this.list('organisations').map((item) => this.organisation(item));
    const people = this.list('people').map((item) => this.person(item));
    const projects = this.list('projects').map((item) => this.project(item));
    const funding = this.list('funding').map((item) => this.funding(item));
    const documents = this.list('documents').map((item) => this.document(item));
    const outputs = this.list('outputs').map((item) => this.output(item));
    const catalog = this.catalog();
    this.checkReferences();
    return { catalog, organisations, people, projects, funding, documents, outputs };
  }

  private checkReferences(): void {
    for (const check of this.pending) check();
  }

  private list(name: SourceFileName): Located<Raw>[] {
    const file = this.files.get(name)!;
    const items = (file.value ?? []) as Raw[];
    return items.map((value, index) => ({ value, file, path: [index] }));
  }

  private at(item: Located<Raw>, field: string): FieldPath {
    return [...item.path, field];
  }

  /** The ids taken in a namespace; people and organisations share `agent`, since roles may name either. */
  private namespace(name: string): Map<string, Located<unknown>> {
    const taken = this.slugs.get(name) ?? new Map<string, Located<unknown>>();
    this.slugs.set(name, taken);
    return taken;
  }

  private register(namespace: string, slug: string, item: Located<Raw>, field: string): string {
    const taken = this.namespace(namespace);
    const earlier = taken.get(slug);
    if (earlier) {
      const where = `${earlier.file.displayPath}, line ${earlier.file.lineOf(earlier.path)}`;
      this.errors.push(item.file.error(`duplicate id "${slug}": already used at ${where}`, this.at(item, field)));
    } else {
      taken.set(slug, item);
    }
    return slug;
  }

  /** The item's `id`, or one derived from `fromField` when it has none. */
  private slugOf(namespace: string, item: Located<Raw>, fromField: string): string {
    if (typeof item.value.id === 'string') return this.register(namespace, item.value.id, item, 'id');
    const source = item.value[fromField];
    const base = typeof source === 'string' ? source : Object.values(this.text(item, fromField) ?? {})[0] ?? '';
    const slug = slugify(base);
    if (slug === '') {
      this.errors.push(item.file.error(`cannot derive an id from ${JSON.stringify(base)}; add an "id"`, this.at(item, fromField)));
    }
    return this.register(namespace, slug, item, item.value.id === undefined ? fromField : 'id');
  }

  private refer(namespaces: readonly string[], what: string, slug: string | undefined, file: SourceFile, path: FieldPath): void {
    if (slug === undefined) return;
    this.pending.push(() => {
      if (!namespaces.some((namespace) => this.slugs.get(namespace)?.has(slug))) {
        this.errors.push(file.error(`refers to ${what} "${slug}", which is not defined`, path));
      }
    });
  }

  private referAll(namespaces: readonly string[], what: string, item: Located<Raw>, field: string): string[] {
    const slugs = (item.value[field] as string[] | undefined) ?? [];
    slugs.forEach((slug, index) => this.refer(namespaces, what, slug, item.file, [...item.path, field, index]));
    return slugs;
  }

  private keys(field: VocabularyField, item: Located<Raw>, name: string): string[] {
    const keys = (item.value[name] as string[] | undefined) ?? [];
    keys.forEach((key, index) => this.key(field, key, item.file, [...item.path, name, index]));
    return keys;
  }

  private key(field: VocabularyField, key: string, file: SourceFile, path: FieldPath): string {
    if (!this.vocabulary.has(field, key)) {
      this.errors.push(file.error(`unknown ${field.replace('-', ' ')} "${key}" (not defined in vocab/)`, path));
    }
    return key;
  }

  /** A text field as a language map; plain strings are in DEFAULT_LANGUAGE. */
  private text(item: Located<Raw>, field: string): Text | undefined {
    return this.textValue(item.value[field], item.file, this.at(item, field));
  }

  private textValue(value: unknown, file: SourceFile, path: FieldPath): Text | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return { [DEFAULT_LANGUAGE]: value.trim() };
    const text: Record<string, string> = {};
    for (const [tag, string] of Object.entries(value as Record<string, string>)) {
      const canonical = this.languageTag(tag, file, [...path, tag]);
      if (canonical) text[canonical] = string.trim();
    }
    return text;
  }

  private languageTag(tag: string, file: SourceFile, path: FieldPath): string | undefined {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(tag)[0];
    } catch {
      canonical = undefined;
    }
    const language = canonical ? new Intl.Locale(canonical).language : undefined;
    let known = false;
    try {
      known = language !== undefined && this.languageNames.of(language) !== undefined;
    } catch {
      known = false;
    }
    if (!canonical || !known) {
      this.errors.push(file.error(`unknown language tag "${tag}" (use a BCP 47 tag such as "en", "fr" or "fr-CA")`, path));
      return undefined;
    }
    return canonical;
  }

  private organisation(item: Located<Raw>): Organisation {
    const raw = item.value;
    const slug = this.slugOf('agent', item, 'name');
    this.namespace('organisation').set(slug, item);
    this.refer(['organisation'], 'organisation', raw.part_of as string | undefined, item.file, this.at(item, 'part_of'));
    return {
      slug,
      name: this.text(item, 'name')!,
      alternateName: this.text(item, 'alternate_name'),
      description: this.text(item, 'description'),
      kind: raw.kind === undefined ? undefined : this.key('organisation-kind', raw.kind as string, item.file, this.at(item, 'kind')),
      partOf: raw.part_of as string | undefined,
      fundingProgram: raw.funding_program === true,
      url: raw.url as string | undefined,
    };
  }

  private person(item: Located<Raw>): Person {
    const raw = item.value;
    return {
      slug: this.slugOf('agent', item, 'name'),
      name: (raw.name as string).trim(),
      honorificPrefix: this.text(item, 'honorific_prefix'),
      honorificSuffix: this.text(item, 'honorific_suffix'),
      jobTitle: this.text(item, 'job_title'),
      affiliations: this.referAll(['organisation'], 'organisation', item, 'affiliations'),
      url: raw.url as string | undefined,
    };
  }

  private project(item: Located<Raw>): Project {
    const raw = item.value;
    this.refer(['agent'], 'person or organisation', raw.lead as string | undefined, item.file, this.at(item, 'lead'));
    const contributions = ((raw.contributions as Raw[] | undefined) ?? []).map((value, index): Contribution => {
      const contribution: Located<Raw> = { value, file: item.file, path: [...item.path, 'contributions', index] };
      this.refer(['agent'], 'person or organisation', value.agent as string, item.file, this.at(contribution, 'agent'));
      return { agent: value.agent as string, roles: this.keys('role', contribution, 'roles') };
    });
    return {
      slug: this.slugOf('project', item, 'name'),
      name: this.text(item, 'name')!,
      description: this.text(item, 'description')!,
      lead: raw.lead as string | undefined,
      seeAlso: this.referAll(['document'], 'document', item, 'see_also'),
      contributions,
    };
  }

  private funding(item: Located<Raw>): Funding {
    const raw = item.value;
    this.refer(['project'], 'project', raw.funded as string, item.file, this.at(item, 'funded'));
    return {
      slug: this.slugOf('funding', item, 'id'),
      funders: this.referAll(['agent'], 'person or organisation', item, 'funders'),
      funded: raw.funded as string,
      year: raw.year as number | undefined,
      description: this.text(item, 'description')!,
    };
  }

  private document(item: Located<Raw>): WebDocument {
    const raw = item.value;
    this.refer(['agent'], 'person or organisation', raw.publisher as string | undefined, item.file, this.at(item, 'publisher'));
    return {
      slug: this.slugOf('document', item, 'title'),
      title: this.text(item, 'title')!,
      description: this.text(item, 'description'),
      url: raw.url as string | undefined,
      publisher: raw.publisher as string | undefined,
    };
  }

  private output(item: Located<Raw>): Output {
    const raw = item.value;
    const slug = this.slugOf('output', item, 'title');
    this.refer(['project'], 'project', raw.project as string | undefined, item.file, this.at(item, 'project'));
    this.refer(['agent'], 'person or organisation', raw.publisher as string | undefined, item.file, this.at(item, 'publisher'));
    const versions = this.referAll(['output'], 'output', item, 'versions');
    versions.forEach((version, index) => {
      if (version === slug) this.errors.push(item.file.error('an output cannot be a version of itself', [...item.path, 'versions', index]));
    });
    const linkSlugs = new Set<string>();
    const links = (raw.links as Raw[]).map((value, index): Link => {
      const link: Located<Raw> = { value, file: item.file, path: [...item.path, 'links', index] };
      const linkSlug = (value.id as string | undefined) ?? (slugify(String(value.platform ?? '')) || `link-${index + 1}`);
      if (linkSlugs.has(linkSlug)) {
        this.errors.push(item.file.error(`duplicate link id "${linkSlug}" in this output; give the link an "id"`, link.path));
      }
      linkSlugs.add(linkSlug);
      return {
        slug: linkSlug,
        url: value.url as string,
        platform: value.platform as string | undefined,
        format: value.format === undefined ? undefined : this.key('format', value.format as string, item.file, this.at(link, 'format')),
        title: this.text(link, 'title'),
      };
    });
    const cover = raw.cover_image as { file: string; url?: string } | undefined;
    return {
      slug,
      title: this.text(item, 'title')!,
      description: this.text(item, 'description')!,
      kind: this.key('output-kind', raw.kind as string, item.file, this.at(item, 'kind')),
      living: raw.living === true,
      version: raw.version as string | undefined,
      versions,
      project: raw.project as string | undefined,
      publisher: raw.publisher as string | undefined,
      authors: this.referAll(['agent'], 'person or organisation', item, 'authors'),
      language: this.keys('language', item, 'language'),
      subjects: this.keys('subject', item, 'subjects'),
      audiences: this.keys('audience', item, 'audiences'),
      themes: this.keys('theme', item, 'themes'),
      spatial: this.keys('spatial', item, 'spatial'),
      keywords: ((raw.keywords as unknown[] | undefined) ?? []).map(
        (keyword, index) => this.textValue(keyword, item.file, [...item.path, 'keywords', index])!,
      ),
      issued: raw.issued as string | undefined,
      modified: raw.modified as string | undefined,
      coverImage: cover && { file: cover.file, url: cover.url },
      links,
      lastCommitted: item.file.lastCommitted(item.path),
    };
  }

  private catalog(): Catalog {
    const file = this.files.get('catalog')!;
    const item: Located<Raw> = { value: file.value as Raw, file, path: [] };
    this.refer(['agent'], 'person or organisation', item.value.publisher as string, file, ['publisher']);
    return {
      title: this.text(item, 'title')!,
      description: this.text(item, 'description')!,
      publisher: item.value.publisher as string,
      language: this.keys('language', item, 'language'),
      spatial: this.keys('spatial', item, 'spatial'),
      themes: this.keys('theme', item, 'themes'),
      lastCommitted: latestDate([...this.files.values()].map((source) => source.lastCommitted())),
    };
  }
}
