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
