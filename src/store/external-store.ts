import { isAbsoluteIri } from '../graph/absolute-iri.js';

/** Where the graph lives when an external SPARQL store answers the queries. */
export interface ExternalStore {
  /** The store's SPARQL 1.1 query endpoint (SPARQL_ENDPOINT). */
  readonly endpoint: string;
  /** The named graph in the store that holds the published graph (SPARQL_GRAPH); by default one named after the graph's content hash. */
  readonly graph?: string;
  /** Where the server loads the graph with the Graph Store Protocol (SPARQL_GRAPH_STORE); absent when it was bulk-loaded beforehand. */
  readonly graphStore?: GraphStoreTarget;
}

/** A Graph Store Protocol endpoint and the account that may write to it. */
export interface GraphStoreTarget {
  readonly url: string;
  /** SPARQL_GRAPH_STORE_USER and SPARQL_GRAPH_STORE_PASSWORD: sent only when the store asks (Basic or Digest). */
  readonly user?: string;
  readonly password?: string;
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
