// JSON Schema pieces (the draft 2020-12 subset Ajv supports) that the kinds'
// schemas share. They check shape only; ids, references, language tags and
// vocabulary keys are checked by the reader. Each is `as const`, so the type of
// a value that passed a schema is inferred from the schema itself.

/** An id: lower-case letters and digits joined by single hyphens. */
export const slug = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
/** A list of distinct ids. */
export const slugList = { type: 'array', items: slug, uniqueItems: true } as const;
/** A key of a controlled vocabulary in vocab/. */
export const key = { type: 'string', minLength: 1 } as const;
/** A list of distinct vocabulary keys. */
export const keyList = { type: 'array', items: key, uniqueItems: true } as const;
/** A string with something other than blanks in it. */
export const nonEmptyString = { type: 'string', minLength: 1, pattern: '\\S' } as const;
/** A human-readable text: a string (in the default language) or a map of language tags to strings. */
export const text = {
  oneOf: [
    nonEmptyString,
    { type: 'object', minProperties: 1, additionalProperties: nonEmptyString },
  ],
} as const;
/** An absolute http(s) URL. */
export const httpUrl = { type: 'string', format: 'uri', pattern: '^https?://[^\\s/]+' } as const;
/** A calendar date, YYYY-MM-DD. */
export const date = { type: 'string', format: 'date' } as const;
/** A year, year and month, or full date (YYYY, YYYY-MM, YYYY-MM-DD): a maintainer states only as much as is known. */
export const partialDate = { type: 'string', pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$' } as const;
/** A DOI name, without its resolver (`10.1234/abc`). */
export const doi = { type: 'string', pattern: '^10\\.[0-9]{4,9}/\\S+$' } as const;
