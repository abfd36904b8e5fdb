import { isIP } from 'node:net';
import { DateTime } from 'luxon';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IriScheme } from '../graph/iri-scheme.js';
import { DEFAULT_ENGINE, ENGINE_NAMES, type EngineName } from '../store/create-runner.js';
import type { ExternalStore } from '../store/external-store.js';
import { isAbsoluteIri } from '../graph/absolute-iri.js';
import { DEFAULT_CHANGES_PAGE_SIZE } from '../history/change-stream.js';
import { DEFAULT_SYNTAX_LIMITS } from '../store/prepare-query.js';

/** The package's own folder: vocab/ ships with the program, while data/ and dist/ belong to the caller's folder. */
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Settings from the environment, with the defaults a fresh checkout needs. */
export interface Config {
  readonly baseUrl: string;
  readonly port: number;
  /** The address the server listens on (HOST); undefined: every interface. */
  readonly host?: string;
  readonly dataDir: string;
  readonly vocabDir: string;
  readonly outDir: string;
  /** Folder of the official DCAT-AP 3 shapes (DCAT_AP_SHAPES); unset, the build validates with vocab/shapes.ttl alone. */
  readonly dcatApDir?: string;
  /** Limits of the SPARQL endpoint (SPARQL_TIME_LIMIT_MS, SPARQL_MAX_ROWS, SPARQL_MAX_QUERY_LENGTH, SPARQL_MAX_NESTING, SPARQL_MAX_UNIONS, SPARQL_MAX_LITERAL_LENGTH, SPARQL_MAX_TRIPLE_PATTERNS, SPARQL_MAX_EXPRESSION_DEPTH, SPARQL_MAX_PATH_STEPS, SPARQL_MAX_ARGUMENTS, SPARQL_MAX_BODY_BYTES, SPARQL_WORKERS). */
  readonly sparql: SparqlConfig;
  /** Datasets per page of /catalog (CATALOG_PAGE_SIZE). */
  readonly catalogPageSize: number;
  /** The OAI-PMH repository (OAI_ADMIN_EMAIL, OAI_PAGE_SIZE); undefined without an administrator address, which the protocol requires and the data does not give. */
  readonly oai?: OaiConfig;
  /** SHACL worker threads of the build (VALIDATION_WORKERS; 0 validates in the main thread); each holds a copy of the graph. Undefined: buildDist's default (0). */
  readonly validationWorkers?: number;
  /** Releases and Memento (HISTORY, RELEASE_CACHE_DIR, HISTORY_SINCE). */
  readonly history: HistoryConfig;
  /** Mementos per TimeMap page (TIMEMAP_PAGE_SIZE). */
  readonly timemapPageSize: number;
  /** Members per page of the change stream (CHANGES_PAGE_SIZE). */
  readonly changesPageSize: number;
  /** The static export (EXPORT_DIR, EXPORT_SPARQL_ENDPOINT, EXPORT_ROOT, EXPORT_LISTEN). */
  readonly export: ExportConfig;
}

/** Where `oscg export` writes the site and what its pages and nginx configuration say. */
export interface ExportConfig {
  /** The export folder (EXPORT_DIR; default `export`). */
  readonly outDir: string;
  /** The SPARQL endpoint the exported pages point to (EXPORT_SPARQL_ENDPOINT); unset, they say there is none. */
  readonly sparqlEndpoint?: string;
  /** Where nginx will find the export, if not where it is written (EXPORT_ROOT, an absolute path). */
  readonly root?: string;
  /** The address and port of the generated standalone nginx.conf (EXPORT_LISTEN; default 127.0.0.1:8080). */
  readonly listen: string;
  /** Whether output pages are recorded in every citation style and locale (EXPORT_PAGE_CITATIONS, on or off; default on). */
  readonly pageCitations: boolean;
  /** Whether the releases, mementos, change stream and "what's new" are exported (EXPORT_HISTORY, on or off; default on, when HISTORY gives releases). */
  readonly history: boolean;
}

/** Where the release history comes from and where built releases are kept. */
export interface HistoryConfig {
  /** HISTORY=off serves no history; on by default (it needs git and a checkout, else there is none). */
  readonly enabled: boolean;
  /** Where built releases are cached between runs (RELEASE_CACHE_DIR; default `{DIST_DIR}.releases` beside dist/). */
  readonly cacheDir: string;
  /** Releases published before this instant are not served (HISTORY_SINCE): how the history is pruned. */
  readonly since?: Date;
}

/** The OAI-PMH repository's settings. */
export interface OaiConfig {
  /** Who harvesters can write to: Identify's adminEmail, one or more (comma-separated in OAI_ADMIN_EMAIL). */
  readonly adminEmails: readonly string[];
  /** Items per page of ListIdentifiers, ListRecords and ListSets. */
  readonly pageSize: number;
}

/** The SPARQL endpoint's limits and worker pool size. */
export interface SparqlConfig {
  readonly timeLimitMs: number;
  readonly maxRows: number;
  readonly maxQueryLength: number;
  /** Deepest nesting of `{}`, `()` and `[]` together, most UNIONs and longest literal a query may have. */
  readonly maxNesting: number;
  readonly maxUnions: number;
  readonly maxLiteralLength: number;
  /** Most triple patterns, deepest nesting of operators, longest property path and most arguments of one function a parsed query may have. */
  readonly maxTriplePatterns: number;
  readonly maxExpressionDepth: number;
  readonly maxPathSteps: number;
  readonly maxArguments: number;
  readonly maxBodyBytes: number;
  /** Worker threads; 0 means one per core. */
  readonly workers: number;
  /** The engine behind the endpoint (SPARQL_ENGINE; `external` when SPARQL_ENDPOINT is set). */
  readonly engine: EngineName;
  /** The external store (SPARQL_ENDPOINT, SPARQL_GRAPH, SPARQL_GRAPH_STORE, SPARQL_GRAPH_STORE_USER, SPARQL_GRAPH_STORE_PASSWORD). */
  readonly external?: ExternalStore;
}

/** Reads BASE_URL (normalised to end in /), PORT, HOST, the folders, the SPARQL settings and CATALOG_PAGE_SIZE; rejects malformed values. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const baseUrl = new IriScheme(env.BASE_URL ?? `http://localhost:${port}/`).base;
  return {
    baseUrl,
    port,
    host: readHost(env.HOST),
    dataDir: resolve(cwd, env.DATA_DIR ?? 'data'),
    vocabDir: env.VOCAB_DIR ? resolve(cwd, env.VOCAB_DIR) : resolve(PACKAGE_ROOT, 'vocab'),
    outDir: resolve(cwd, env.DIST_DIR ?? 'dist'),
    dcatApDir: env.DCAT_AP_SHAPES ? resolve(cwd, env.DCAT_AP_SHAPES) : undefined,
    sparql: {
      timeLimitMs: count(env, 'SPARQL_TIME_LIMIT_MS', 10_000, 1),
      maxRows: count(env, 'SPARQL_MAX_ROWS', 10_000, 1),
      maxQueryLength: count(env, 'SPARQL_MAX_QUERY_LENGTH', 10_000, 1),
      maxNesting: count(env, 'SPARQL_MAX_NESTING', DEFAULT_SYNTAX_LIMITS.maxNesting, 1),
      maxUnions: count(env, 'SPARQL_MAX_UNIONS', DEFAULT_SYNTAX_LIMITS.maxUnions, 0),
      maxLiteralLength: count(env, 'SPARQL_MAX_LITERAL_LENGTH', DEFAULT_SYNTAX_LIMITS.maxLiteralLength, 1),
      maxTriplePatterns: count(env, 'SPARQL_MAX_TRIPLE_PATTERNS', DEFAULT_SYNTAX_LIMITS.maxTriplePatterns, 1),
      maxExpressionDepth: count(env, 'SPARQL_MAX_EXPRESSION_DEPTH', DEFAULT_SYNTAX_LIMITS.maxExpressionDepth, 1),
      maxPathSteps: count(env, 'SPARQL_MAX_PATH_STEPS', DEFAULT_SYNTAX_LIMITS.maxPathSteps, 1),
      maxArguments: count(env, 'SPARQL_MAX_ARGUMENTS', DEFAULT_SYNTAX_LIMITS.maxArguments, 1),
      maxBodyBytes: count(env, 'SPARQL_MAX_BODY_BYTES', 64 * 1024, 1),
      workers: count(env, 'SPARQL_WORKERS', 0, 0),
      ...engineSettings(env),
    },
    catalogPageSize: count(env, 'CATALOG_PAGE_SIZE', 100, 1),
    oai: readOaiConfig(env),
    validationWorkers: env.VALIDATION_WORKERS ? count(env, 'VALIDATION_WORKERS', 0, 0) : undefined,
    history: readHistory(env, cwd),
    timemapPageSize: count(env, 'TIMEMAP_PAGE_SIZE', 1000, 1),
    changesPageSize: count(env, 'CHANGES_PAGE_SIZE', DEFAULT_CHANGES_PAGE_SIZE, 1),
    export: readExport(env, cwd),
  };
}

/** EXPORT_DIR, EXPORT_SPARQL_ENDPOINT (an http(s) URL), EXPORT_ROOT (an absolute path), EXPORT_LISTEN (`address:port` or a port, as nginx's listen takes it) and EXPORT_PAGE_CITATIONS. */
function readExport(env: NodeJS.ProcessEnv, cwd: string): ExportConfig {
  const listen = env.EXPORT_LISTEN || '127.0.0.1:8080';
  if (!/^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]|[a-z0-9.-]+):)?\d{1,5}$/i.test(listen)) throw new Error(`EXPORT_LISTEN must be a port or address:port such as 127.0.0.1:8080, not "${listen}"`);
  const root = env.EXPORT_ROOT || undefined;
  if (root !== undefined && !isAbsolute(root)) throw new Error(`EXPORT_ROOT must be an absolute path (where nginx finds the export), not "${root}"`);
  const pageCitations = env.EXPORT_PAGE_CITATIONS || 'on';
  if (pageCitations !== 'on' && pageCitations !== 'off') throw new Error(`EXPORT_PAGE_CITATIONS must be on or off, not "${pageCitations}"`);
  const history = env.EXPORT_HISTORY || 'on';
  if (history !== 'on' && history !== 'off') throw new Error(`EXPORT_HISTORY must be on or off, not "${history}"`);
  return {
    history: history === 'on',
    pageCitations: pageCitations === 'on',
    outDir: resolve(cwd, env.EXPORT_DIR || 'export'),
    sparqlEndpoint: env.EXPORT_SPARQL_ENDPOINT ? httpUrl(env, 'EXPORT_SPARQL_ENDPOINT') : undefined,
    root,
    listen,
  };
}

/** HISTORY (on or off), RELEASE_CACHE_DIR and HISTORY_SINCE (an ISO 8601 date or date-time; no zone is UTC). */
function readHistory(env: NodeJS.ProcessEnv, cwd: string): HistoryConfig {
  const switched = env.HISTORY ?? 'on';
  if (switched !== 'on' && switched !== 'off') throw new Error(`HISTORY must be on or off, not "${switched}"`);
  const outDir = resolve(cwd, env.DIST_DIR ?? 'dist');
  const raw = env.HISTORY_SINCE;
  let since: Date | undefined;
  if (raw) {
    // luxon checks the calendar (2024-02-30 is no date); a time without zone is UTC.
    const parsed = DateTime.fromISO(raw, { zone: 'utc' });
    if (!parsed.isValid) throw new Error(`HISTORY_SINCE must be an ISO 8601 date or date-time such as 2024-01-31 or 2024-01-31T12:00:00Z, not "${raw}"`);
    since = parsed.toJSDate();
  }
  return { enabled: switched === 'on', cacheDir: env.RELEASE_CACHE_DIR ? resolve(cwd, env.RELEASE_CACHE_DIR) : `${outDir}.releases`, since };
}

function engineSettings(env: NodeJS.ProcessEnv): { engine: EngineName; external?: ExternalStore } {
  const raw = env.SPARQL_ENGINE;
  const external = readExternalStore(env);
  if (raw === undefined || raw === '') return external ? { engine: 'external', external } : { engine: DEFAULT_ENGINE };
  if (!(ENGINE_NAMES as readonly string[]).includes(raw)) throw new Error(`SPARQL_ENGINE must be one of ${ENGINE_NAMES.join(', ')}, not "${raw}"`);
  if (raw === 'external' && !external) throw new Error('SPARQL_ENGINE=external needs SPARQL_ENDPOINT, the URL of the store\'s SPARQL endpoint.');
  if (raw !== 'external' && external) throw new Error(`SPARQL_ENDPOINT is set, so the engine is the external store, but SPARQL_ENGINE says "${raw}": unset one of them.`);
  return { engine: raw as EngineName, external };
}

/** OAI_ADMIN_EMAIL (comma-separated addresses, each as OAI-PMH's schema wants: something@host.domain) and OAI_PAGE_SIZE; no address, no repository. */
function readOaiConfig(env: NodeJS.ProcessEnv): OaiConfig | undefined {
  const pageSize = count(env, 'OAI_PAGE_SIZE', 100, 1);
  if (!env.OAI_ADMIN_EMAIL) return undefined;
  const adminEmails = env.OAI_ADMIN_EMAIL.split(',').map((address) => address.trim());
  for (const address of adminEmails) {
    if (!/^[^\s@,]+@([^\s@,.]+\.)+[^\s@,.]+$/.test(address)) throw new Error(`OAI_ADMIN_EMAIL must be one or more e-mail addresses separated by commas, such as oai@example.org, not "${env.OAI_ADMIN_EMAIL}"`);
  }
  return { adminEmails, pageSize };
}

/** An IP address or a host name (letters, digits, hyphens, dots); empty or unset: every interface. */
function readHost(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (isIP(raw) || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(raw)) return raw;
  throw new Error(`HOST must be an IP address or a host name such as 127.0.0.1, ::1 or localhost, not "${raw}"`);
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} must be an integer of at least ${minimum}, not "${raw}"`);
  return value;
}

/** Reads SPARQL_ENDPOINT, SPARQL_GRAPH, SPARQL_GRAPH_STORE(_USER, _PASSWORD); undefined when no endpoint is set. */
export function readExternalStore(env: NodeJS.ProcessEnv): ExternalStore | undefined {
  if (!env.SPARQL_ENDPOINT) {
    for (const name of ['SPARQL_GRAPH', 'SPARQL_GRAPH_STORE']) {
      if (env[name]) throw new Error(`${name} is set but SPARQL_ENDPOINT is not: set the external store's query endpoint too, or unset ${name}.`);
    }
    return undefined;
  }
  const endpoint = httpUrl(env, 'SPARQL_ENDPOINT');
  const graph = env.SPARQL_GRAPH || undefined;
  if (graph !== undefined && !isAbsoluteIri(graph)) throw new Error(`SPARQL_GRAPH must be an absolute IRI, not "${graph}"`);
  const graphStore = env.SPARQL_GRAPH_STORE ? { url: httpUrl(env, 'SPARQL_GRAPH_STORE'), user: env.SPARQL_GRAPH_STORE_USER || undefined, password: env.SPARQL_GRAPH_STORE_PASSWORD ?? undefined } : undefined;
  return { endpoint, graph, graphStore };
}

function httpUrl(env: NodeJS.ProcessEnv, name: string): string {
  const raw = env[name]!;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an http or https URL, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http or https URL, not "${raw}"`);
  return url.href;
}
