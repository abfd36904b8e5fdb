import { JSON_LD_PROFILES } from '../../src/graph/rdf-formats.js';

// Content negotiation as tables of cases, shared by the suites that run them against the Express
// app (test/http/content-negotiation.test.ts) and against nginx serving a static export
// (test/clients/static-export-nginx.test.ts), and by the check of the njs negotiation
// (test/export/nginx-negotiation.test.ts).

/** What rapper (raptor2) sends. */
export const RAPPER_ACCEPT =
  'application/rdf+xml, text/rdf;q=0.6, application/n-triples, text/plain;q=0.1, text/turtle, application/x-turtle, application/turtle, text/n3;q=0.3, text/rdf+n3;q=0.3, application/rdf+n3;q=0.3, application/x-trig, application/rss;q=0.8, application/rss+xml;q=0.8, text/rss;q=0.8, application/xml;q=0.3, text/xml;q=0.3, application/atom+xml;q=0.3, text/html;q=0.2, application/xhtml+xml;q=0.4, text/html;q=0.6, application/xhtml+xml;q=0.8, application/json;q=0.1, text/json;q=0.1, text/x-nquads, */*;q=0.1';
/** What Python rdflib sends. */
export const RDFLIB_ACCEPT = 'application/rdf+xml,text/rdf+n3;q=0.9,application/xhtml+xml;q=0.5, */*;q=0.1';
/** What Firefox sends for a page. */
export const FIREFOX_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
/** What rdflib 6 sends when asked for N-Triples. */
export const RDFLIB_NTRIPLES_ACCEPT = 'text/plain, */*;q=0.1';

/** The Accept headers of the clients above. */
export const ACCEPT_HEADERS_OF_CLIENTS: readonly string[] = [RAPPER_ACCEPT, RDFLIB_ACCEPT, FIREFOX_ACCEPT, RDFLIB_NTRIPLES_ACCEPT];

/** The media type of each document extension. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  ttl: 'text/turtle',
  jsonld: 'application/ld+json',
  nt: 'application/n-triples',
  rdf: 'application/rdf+xml',
  nq: 'application/n-quads',
  trig: 'application/trig',
  html: 'text/html',
};

/** [Accept header (undefined: none sent), the extension of the representation it must get]. */
export const NEGOTIATION_CASES: readonly [string | undefined, string][] = [
  ['text/turtle', 'ttl'],
  ['application/ld+json', 'jsonld'],
  ['application/n-triples', 'nt'],
  ['application/rdf+xml', 'rdf'],
  ['application/n-quads', 'nq'],
  ['application/trig', 'trig'],
  ['text/html', 'html'],
  [FIREFOX_ACCEPT, 'html'],
  ['*/*', 'html'],
  [undefined, 'html'],
  ['text/turtle;q=0.5, application/rdf+xml', 'rdf'],
  ['application/rdf+xml;q=0.2, text/turtle;q=0.9, */*;q=0.1', 'ttl'],
  ['text/*;q=0.9, text/html;q=0.1', 'ttl'],
  ['text/html;q=0, */*', 'ttl'],
  ['application/*', 'jsonld'],
  ['application/n-triples;q=1.0, text/turtle;q=0.999', 'nt'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.expanded}"`, 'jsonld'],
  [RAPPER_ACCEPT, 'rdf'],
  [RDFLIB_ACCEPT, 'rdf'],
];

/** Accept headers nothing on offer matches. */
export const NOT_ACCEPTABLE: readonly string[] = [
  'image/png',
  'application/pdf, text/csv;q=0.5',
  'text/html;q=0, application/ld+json;q=0, text/turtle;q=0, application/n-triples;q=0, application/rdf+xml;q=0, application/n-quads;q=0, application/trig;q=0',
];

/** [Accept, the JSON-LD document form that must come back]. */
export const PROFILE_CASES: readonly [string, 'compacted' | 'expanded' | 'flattened'][] = [
  ['application/ld+json', 'compacted'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.compacted}"`, 'compacted'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.expanded}"`, 'expanded'],
  [`application/ld+json;profile=${JSON_LD_PROFILES.expanded}`, 'expanded'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.flattened}"`, 'flattened'],
  [`application/ld+json;profile="${JSON_LD_PROFILES.flattened} ${JSON_LD_PROFILES.compacted}"`, 'flattened'],
  [`text/turtle;q=0.5, application/ld+json;profile="${JSON_LD_PROFILES.expanded}"`, 'expanded'],
];

/**
 * A malformed weight is ignored (the range counts as q=1), and an Accept with no media range left
 * is disregarded, for documents and errors alike: [path, Accept, status, media type].
 */
export const MALFORMED_ACCEPT_CASES: readonly [string, string, number, string][] = [
  ['/doc/person/ada-example', '*/*;q=foo', 200, 'text/html'],
  ['/doc/person/ada-example', 'text/turtle;q=', 200, 'text/turtle'],
  ['/doc/person/ada-example', 'text/turtle;q=2', 200, 'text/turtle'],
  ['/doc/person/ada-example', ';;;', 200, 'text/html'],
  ['/doc/person/ada-example', 'text/turtle;q=foo, application/rdf+xml;q=0.5', 200, 'text/turtle'],
  ['/doc/person/ada-example', 'application/rdf+xml;q=0.5x, text/turtle;q=0.9', 200, 'application/rdf+xml'],
  ['/doc/person/ada-example', 'image/png;q=foo', 406, 'application/problem+json'],
  ['/id/person/nobody', '*/*;q=foo', 404, 'application/problem+json'],
  ['/id/person/nobody', 'text/html;q=foo, application/problem+json;q=0.5', 404, 'text/html'],
  ['/id/person/nobody', 'application/json;q=', 404, 'application/json'],
  ['/id/person/nobody', ';;;', 404, 'application/problem+json'],
];

/** Every Accept header of the malformed cases. */
export const MALFORMED_ACCEPT_HEADERS: readonly string[] = MALFORMED_ACCEPT_CASES.map(([, accept]) => accept);
