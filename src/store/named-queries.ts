import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';
import { DataFactory } from 'n3';
import { Parser } from 'sparqljs';
import { XSD } from '../graph/namespaces.js';
import type { QueryBindings } from './prepare-query.js';
import { isAbsoluteIri } from '../graph/absolute-iri.js';

/** The types a named query's parameter may have; each value is bound as a term of that type. */
export type ParameterType = 'iri' | 'string' | 'integer';

/** One parameter, from a `# param: name type (optional|default=…) description` header line. */
export interface QueryParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly required: boolean;
  readonly default?: string;
  readonly description: string;
}

/** A query from sparql/*.rq with what its header comment says about it. */
export interface NamedQuery {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly parameters: readonly QueryParameter[];
  readonly text: string;
}

/** A parameter value that is not a term of the parameter's type, or a parameter the query does not have. */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
}

const HEADER = /^#\s*(title|description|param):\s*(.*)$/;
const PARAM = /^([A-Za-z_][A-Za-z0-9_]*)\s+(iri|string|integer)\s*(?:\((optional|required|default=[^)]*)\))?\s*(.*)$/;

/** The sparql/ folder that ships with the package. */
export const DEFAULT_QUERIES_DIR = fileURLToPath(new URL('../../sparql/', import.meta.url));

/**
 * Reads every `.rq` file of a folder; a file without a title or with a query
 * sparqljs rejects fails loudly. Synchronous: it runs once, while the app (whose
 * factory is synchronous) is built.
 */
export function loadNamedQueries(dir: string = DEFAULT_QUERIES_DIR): NamedQuery[] {
  const files = readdirSync(dir).filter((file) => file.endsWith('.rq')).sort();
  return files.map((file) => parseNamedQuery(basename(file, '.rq'), readFileSync(join(dir, file), 'utf8')));
}

/** Reads the header comment of one named query and checks that its text parses. */
export function parseNamedQuery(name: string, text: string): NamedQuery {
  let title: string | undefined;
  let description = '';
  const parameters: QueryParameter[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const header = HEADER.exec(line.trim());
    if (!header) continue;
    const [, key, value] = header as unknown as [string, string, string];
    if (key === 'title') title = value.trim();
    else if (key === 'description') description = value.trim();
    else {
      const param = PARAM.exec(value.trim());
      if (!param) throw new Error(`sparql/${name}.rq: cannot read parameter line "${line}"`);
      const [, paramName, type, flag, paramDescription] = param as unknown as [string, string, ParameterType, string | undefined, string];
      parameters.push({
        name: paramName,
        type,
        required: flag === 'required',
        ...(flag?.startsWith('default=') ? { default: flag.slice('default='.length) } : {}),
        description: paramDescription.trim(),
      });
    }
  }
  if (!title) throw new Error(`sparql/${name}.rq: the header comment has no "# title:" line`);
  new Parser().parse(text);
  return { name, title, description, parameters, text };
}

/** Turns query-string values into RDF terms of the declared types; never into query text. */
export function bindParameters(query: NamedQuery, values: ReadonlyMap<string, string>, base: string): QueryBindings {
  for (const name of values.keys()) {
    if (!query.parameters.some((parameter) => parameter.name === name)) {
      throw new ParameterError(`${query.name} has no parameter "${name}"; it takes ${query.parameters.map((parameter) => parameter.name).join(', ') || 'none'}.`);
    }
  }
  const bindings: Record<string, QueryBindings[string]> = {};
  for (const parameter of query.parameters) {
    const raw = values.get(parameter.name) ?? parameter.default?.replaceAll('{base}', base);
    if (raw === undefined || raw === '') {
      if (parameter.required) throw new ParameterError(`${query.name} needs the parameter "${parameter.name}".`);
      continue;
    }
    bindings[parameter.name] = toTerm(parameter, raw);
  }
  return bindings;
}

function toTerm(parameter: QueryParameter, raw: string): QueryBindings[string] {
  switch (parameter.type) {
    case 'iri':
      if (!isAbsoluteIri(raw)) throw new ParameterError(`"${raw}" is not an absolute IRI (parameter ${parameter.name}).`);
      return DataFactory.namedNode(raw);
    case 'integer':
      if (!/^[+-]?\d+$/.test(raw)) throw new ParameterError(`"${raw}" is not an integer (parameter ${parameter.name}).`);
      return DataFactory.literal(raw, XSD.integer);
    case 'string':
      return DataFactory.literal(raw);
  }
}
