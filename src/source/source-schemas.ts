import type { SourceFileName } from './load-source-files.js';

// JSON Schemas (draft 2020-12 subset that Ajv supports) of the data files.
// They check shape only; cross-file references, language tags and vocabulary
// keys are checked in check-source-references.ts.

const slug = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
const slugList = { type: 'array', items: slug, uniqueItems: true } as const;
const key = { type: 'string', minLength: 1 } as const;
const keyList = { type: 'array', items: key, uniqueItems: true } as const;
const nonEmptyString = { type: 'string', minLength: 1, pattern: '\\S' } as const;
/** A human-readable text: a string (in the default language) or a map of language tags to strings. */
const text = {
  oneOf: [
    nonEmptyString,
    { type: 'object', minProperties: 1, additionalProperties: nonEmptyString },
  ],
} as const;
const httpUrl = { type: 'string', format: 'uri', pattern: '^https?://[^\\s/]+' } as const;

const catalog = {
  type: 'object',
  required: ['title', 'description', 'publisher'],
  additionalProperties: false,
  properties: {
    title: text,
    description: text,
    publisher: slug,
    language: keyList,
    spatial: keyList,
    themes: keyList,
  },
} as const;

const organisation = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    id: slug,
    name: text,
    alternate_name: text,
    description: text,
    kind: key,
    part_of: slug,
    funding_program: { type: 'boolean' },
    url: httpUrl,
  },
} as const;

const person = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    id: slug,
    name: nonEmptyString,
    honorific_prefix: text,
    honorific_suffix: text,
    job_title: text,
    affiliations: slugList,
    url: httpUrl,
  },
} as const;

const contribution = {
  type: 'object',
  required: ['agent', 'roles'],
  additionalProperties: false,
  properties: { agent: slug, roles: { ...keyList, minItems: 1 } },
} as const;

const project = {
  type: 'object',
  required: ['id', 'name', 'description'],
  additionalProperties: false,
  properties: {
    id: slug,
    name: text,
    description: text,
    lead: slug,
    see_also: slugList,
    contributions: { type: 'array', items: contribution },
  },
} as const;

const funding = {
  type: 'object',
  required: ['id', 'funders', 'funded', 'description'],
  additionalProperties: false,
  properties: {
    id: slug,
    funders: { ...slugList, minItems: 1 },
    funded: slug,
    year: { type: 'integer', minimum: 1000, maximum: 9999 },
    description: text,
  },
} as const;

const document = {
  type: 'object',
  required: ['id', 'title'],
  additionalProperties: false,
  properties: { id: slug, title: text, description: text, url: httpUrl, publisher: slug },
} as const;

const link = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: { id: slug, url: httpUrl, platform: nonEmptyString, format: key, title: text },
} as const;

const output = {
  type: 'object',
  required: ['id', 'title', 'description', 'kind', 'links'],
  additionalProperties: false,
  properties: {
    id: slug,
    title: text,
    description: text,
    kind: key,
    living: { type: 'boolean' },
    version: nonEmptyString,
    versions: slugList,
    project: slug,
    publisher: slug,
    authors: slugList,
    language: keyList,
    subjects: keyList,
    audiences: keyList,
    themes: keyList,
    spatial: keyList,
    keywords: { type: 'array', items: text },
    issued: { type: 'string', format: 'date' },
    modified: { type: 'string', format: 'date' },
    cover_image: {
      type: 'object',
      required: ['file'],
      additionalProperties: false,
      properties: { file: { type: 'string', pattern: '^[^/\\\\]+\\.[A-Za-z0-9]+$' }, url: httpUrl },
    },
    links: { type: 'array', minItems: 1, items: link },
  },
} as const;

const listOf = (item: object) => ({ type: 'array', items: item }) as const;

/** The schema of each data file. */
export const SOURCE_SCHEMAS: Record<SourceFileName, object> = {
  catalog,
  organisations: listOf(organisation),
  people: listOf(person),
  projects: listOf(project),
  funding: listOf(funding),
  documents: listOf(document),
  outputs: listOf(output),
};
