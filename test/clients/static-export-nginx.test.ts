import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { chmod, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../src/export/export-site.js';
import type { SiteTable } from '../../src/export/site-table.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { createApp } from '../../src/http/create-app.js';
import { REPRESENTATIONS, type RepresentationTable } from '../../src/http/representations.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';
import { describeHeaders } from '../support/header-suite.js';
import { httpClient, type Fetch, type Fetched } from '../support/http-client.js';
import { describeNegotiation, describeRepresentationsPerResource, TEST_REPRESENTATION } from '../support/negotiation-suite.js';
import { ACCEPT_HEADERS_OF_CLIENTS, MALFORMED_ACCEPT_HEADERS, NEGOTIATION_CASES, NOT_ACCEPTABLE, PROFILE_CASES } from '../support/negotiation-tables.js';
import { freePort, startNginx, type NginxServer } from '../support/nginx-server.js';
import { close, expectedDescription, FIXTURE_DATA, listen } from '../http/linked-data-fixture.js';
import { exportHistory } from '../support/exported-history.js';
import { FIXTURE_RELEASES } from '../support/fixture-history.js';
import { createHistoryServer, type HistoryServer } from '../support/history-server.js';
import { describeMemento, INVALID_DATETIMES, TIMEGATE_CASES } from '../support/memento-suite.js';

// `oscg export` then Debian's nginx (with libnginx-mod-http-js) on loopback, serving the export with
// the configuration the export generated: the negotiation and header suites the Express app passes
// (test/support/*-suite.ts) pass here too, every answer is the Express app's (status, the headers
// that matter, the bytes of the body) over thousands of generated requests, and rapper and Python
// rdflib follow its 303s.

const run = promisify(execFile);
const SPARQL_ENDPOINT = 'https://sparql.example.org/sparql';

/** An export of the fixture served by nginx, and the Express app configured as the export was, both on loopback. */
interface Served {
  readonly graph: PublishedGraph;
  readonly table: SiteTable;
  readonly nginx: NginxServer;
  readonly express: { server: Server; origin: string };
  readonly fromNginx: Fetch;
  readonly fromExpress: Fetch;
}

async function serve(baseUrl: string, options: { representations?: RepresentationTable; port?: number } = {}): Promise<Served> {
  const graph = await buildTestGraph({ baseUrl, dataDir: FIXTURE_DATA });
  const parent = await mkdtemp(join(tmpdir(), 'oscg-export-'));
  // nginx's workers run as an unprivileged user, which must be able to read the export.
  await chmod(parent, 0o755);
  const outDir = join(parent, 'site');
  await exportSite({ distDir: graph.distDir, outDir, sparqlEndpoint: SPARQL_ENDPOINT, representations: options.representations });
  const table = JSON.parse(await readFile(join(outDir, 'nginx/site.json'), 'utf8')) as SiteTable;
  const nginx = await startNginx(outDir, { port: options.port });
  const site = new IriScheme(baseUrl, { sparqlEndpoint: SPARQL_ENDPOINT });
  const express = await listen(createApp({ graph, baseUrl, site, representations: options.representations ?? REPRESENTATIONS, accessLog: () => {}, log: () => {} }));
  return { graph, table, nginx, express, fromNginx: httpClient(nginx.origin), fromExpress: httpClient(express.origin) };
}

async function stop(served: Served | undefined): Promise<void> {
  if (!served) return;
  await served.nginx.stop();
  await close(served.express.server);
}

let served: Served;
let extended: Served;
beforeAll(async () => {
  served = await serve('http://localhost:3000/');
  extended = await serve('http://localhost:3000/', { representations: REPRESENTATIONS.with(TEST_REPRESENTATION) });
});
afterAll(async () => {
  await stop(served);
  await stop(extended);
});

describe('nginx serving the export', () => {
  describeNegotiation(() => ({ fetch: served.fromNginx, base: served.graph.manifest.baseUrl, graph: served.graph }));
  describeRepresentationsPerResource(() => ({ fetch: extended.fromNginx, base: extended.graph.manifest.baseUrl, graph: extended.graph }));
  describeHeaders(() => ({ fetch: served.fromNginx, base: served.graph.manifest.baseUrl, graph: served.graph }));
});

/** Headers of the connection or of one server program, not of the resource. */
const NOT_COMPARED = new Set(['date', 'connection', 'keep-alive', 'server', 'transfer-encoding', 'x-request-id', 'accept-ranges']);

/** What must be the same in two answers: status, headers that matter, body bytes; a request id present on both errors. */
function comparable(response: Fetched): { status: number; headers: Record<string, string | undefined>; body: string; requestId: boolean } {
  // nginx sends no Content-Length with a 204 or 304, as RFC 9110 (§8.6) asks; Express sends 0 with its 204.
  const ignored = (name: string) => NOT_COMPARED.has(name) || (name === 'content-length' && (response.status === 204 || response.status === 304));
  // A compressed body is compared decompressed: the two servers compress with other settings (and Express streams it, without Content-Length).
  const coding = response.headers['content-encoding'];
  const compressed = coding !== undefined && coding !== 'identity';
  const headers = Object.fromEntries(
    Object.entries(response.headers)
      .filter(([name]) => !ignored(name) && !(compressed && name === 'content-length'))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const body = !compressed || response.body.length === 0 ? response.body : coding === 'br' ? brotliDecompressSync(response.body) : coding === 'gzip' ? gunzipSync(response.body) : inflateSync(response.body);
  return { status: response.status, headers, body: body.toString('base64'), requestId: response.headers['x-request-id'] !== undefined };
}

/** Every path of the export, in its forms: resource IRIs, documents with and without extension, the catalogue's forms, and paths that are not there. */
function pathsOf(table: SiteTable): string[] {
  const paths: string[] = [];
  for (const [stem, entry] of Object.entries(table.entries)) {
    const path = `${table.basePath}${stem}`;
    paths.push(path);
    if (entry.o === undefined) continue;
    const extensions = [...new Set(table.offerSets[entry.o]!.map((offer) => offer.x).filter((extension) => extension !== undefined))];
    if (stem.startsWith('doc/') || stem === 'dump' || stem === 'void') for (const extension of extensions) paths.push(`${path}.${extension}`);
    if (stem === 'catalog') {
      for (const form of Object.keys(entry.f)) {
        const query = new URLSearchParams(form);
        const extension = query.get('ext');
        query.delete('ext');
        paths.push(`${path}${extension ? `.${extension}` : ''}?${query}`);
      }
    }
  }
  return [
    ...paths,
    '/nope',
    '/id/person/nobody',
    '/id/',
    '/doc/person/nobody.ttl',
    '/doc/person/ada-example.exe',
    '/doc/person/ada-example/',
    '/catalog.xyz',
    '/catalog?page=0',
    '/catalog?page=2',
    '/catalog?page=abc&lang=fr',
    '/void.xyz',
    '/dump.xyz',
    '/sparql-ui/missing.js',
    '/doc/person/ada-example?format=docx',
    '/doc/person/ada-example?format=TURTLE',
    '/doc/person/ada-example?format=ttl&format=nt',
    '/doc/person/ada-example.ttl?format=jsonld',
    '/id/person/ada-example?format=html&lang=fr',
    '/doc/person/ada-example?lang=fr&x=%7e',
    '/linkset/person/nobody',
    '/doc/output/test-guide.txt?style=vancouver&locale=fr',
    '/doc/output/test-guide.txt?locale=FR-ca&style=HARVARD1',
    '/doc/output/test-guide.txt?style=nope',
    '/doc/output/test-guide.txt?locale=xx-YY',
    '/doc/output/test-guide.txt?style=apa&style=vancouver',
    '/id/output/test-guide?style=vancouver',
    '/doc/output/test-guide?format=bibliography&locale=fr-CA',
    '/doc/output/test-guide?format=datacite',
    '/doc/output/test-guide.datacite',
    '/doc/output/test-guide.html?style=vancouver&locale=fr-CA',
    '/doc/output/test-guide?style=nope',
    '/doc/output/test-guide?style=nope&lang=fr',
    '/doc/output/test-guide?locale=fr&lang=fr',
    '/doc/output/test-guide?style=apa&style=vancouver',
    '/sparql?format=turtle',
    '/sparql?format=xml',
    `/sparql?query=${encodeURIComponent('ASK {}')}`,
  ];
}

/** The header sets the requests are sent with: every Accept of the tables, languages, codings and validators. */
const ACCEPTS: readonly (string | undefined)[] = [
  ...new Set([
    undefined,
    ...NEGOTIATION_CASES.map(([accept]) => accept),
    ...NOT_ACCEPTABLE,
    ...PROFILE_CASES.map(([accept]) => accept),
    ...MALFORMED_ACCEPT_HEADERS,
    ...ACCEPT_HEADERS_OF_CLIENTS,
    'application/json',
    'text/html;q=0.1, application/problem+json',
    // Citations, their options in the Accept range as DOI content negotiation takes them, and linksets.
    'text/x-bibliography',
    'text/x-bibliography; style=vancouver; locale=fr-CA',
    'text/x-bibliography; locale=en; q=0.5, text/x-bibliography; style=harvard1; q=0.9',
    'text/x-bibliography; style=nope',
    'application/x-bibtex, application/x-research-info-systems;q=0.5',
    'application/vnd.citationstyles.csl+json',
    'application/linkset+json',
    'application/linkset',
    'application/vnd.datacite.datacite+xml',
    'application/vnd.datacite.datacite+xml, text/turtle;q=0.5',
  ]),
];
const OTHER_HEADERS: readonly Record<string, string>[] = [
  {},
  { 'Accept-Language': 'fr' },
  { 'Accept-Language': 'fr-CA, en;q=0.5' },
  { 'Accept-Language': 'de, *;q=0.1' },
  { 'Accept-Encoding': 'gzip, deflate, br' },
  { 'Accept-Encoding': 'gzip' },
  { 'Accept-Encoding': 'deflate, identity;q=0' },
  { 'If-None-Match': '*' },
  { 'If-Modified-Since': 'Thu, 01 Jan 2099 00:00:00 GMT' },
  { 'Cache-Control': 'no-cache', 'If-Modified-Since': 'Thu, 01 Jan 2099 00:00:00 GMT' },
];

describe('every answer of nginx is the Express app’s', () => {
  it('for every path, Accept header, language, coding and validator of the tables (GET and HEAD)', async () => {
    const differences: string[] = [];
    let compared = 0;
    const check = async (path: string, init: { method?: string; headers?: Record<string, string> }) => {
      const [expected, actual] = await Promise.all([served.fromExpress(path, init), served.fromNginx(path, init)]);
      compared += 1;
      const a = comparable(expected);
      const b = comparable(actual);
      // The one coding nginx cannot match: an error page the njs module writes itself nginx can
      // only gzip, and only with a 404, where the server uses brotli or deflate too. Its text is
      // still compared, decompressed.
      if (expected.status >= 400 && a.headers['content-encoding'] !== b.headers['content-encoding']) {
        const acceptsGzip = /gzip/.test(init.headers?.['Accept-Encoding'] ?? '');
        expect([undefined, ...(acceptsGzip && actual.status === 404 ? ['gzip'] : [])]).toContain(b.headers['content-encoding']);
        for (const name of ['content-encoding', 'content-length']) {
          delete a.headers[name];
          delete b.headers[name];
        }
      }
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        // One example of each kind of difference: which fields differ, and how the statuses compare.
        const kind = `${a.status}/${b.status} ${Object.keys({ ...a.headers, ...b.headers }).filter((name) => a.headers[name] !== b.headers[name]).join(',')} ${a.body === b.body ? '' : 'body'}`;
        if (!kinds.has(kind)) {
          kinds.add(kind);
          differences.push(`${kind}: ${init.method ?? 'GET'} ${path} ${JSON.stringify(init.headers)}\n  express ${JSON.stringify({ ...a, body: expected.text.slice(0, 300) })}\n  nginx   ${JSON.stringify({ ...b, body: actual.text.slice(0, 300) })}`);
        }
      }
    };
    const kinds = new Set<string>();
    const every: { method?: string; headers?: Record<string, string> }[] = [];
    for (const accept of ACCEPTS) every.push({ headers: accept === undefined ? {} : { Accept: accept } });
    for (const headers of OTHER_HEADERS) every.push({ headers: { Accept: 'text/html', ...headers } }, { headers: { Accept: 'text/turtle', ...headers } });
    every.push({ method: 'HEAD', headers: { Accept: 'text/turtle' } }, { method: 'HEAD', headers: { Accept: 'text/html', 'Accept-Encoding': 'gzip' } });
    // Every path with a few headers; a path of each kind with all of them.
    const few = ([{}, { Accept: 'text/turtle' }, { Accept: 'text/html', 'Accept-Language': 'fr' }, { Accept: 'image/png' }, { Accept: 'text/html', 'If-None-Match': '*' }, { Accept: 'application/ld+json', 'Accept-Encoding': 'gzip, br' }] as Record<string, string>[]).map((headers) => ({ headers }));
    const all = new Set(['/', '/id/person/ada-example', '/doc/person/ada-example', '/id/output/test-guide', '/doc/output/test-guide', '/doc/output/test-guide.txt', '/linkset/output/test-guide', '/doc/output/test-guide.jsonld', '/doc/output/test-guide.html', '/catalog', '/catalog.jsonld', '/void', '/dump', '/sparql', '/nope', '/sitemap.xml']);
    for (const path of pathsOf(served.table)) {
      const requests = all.has(path) ? every : few;
      // Accept-Encoding: identity unless a coding is asked for, so the bodies compare byte for byte.
      for (let index = 0; index < requests.length; index += 16) {
        await Promise.all(requests.slice(index, index + 16).map((init) => check(path, { ...init, headers: { 'Accept-Encoding': 'identity', ...init.headers } })));
      }
    }
    expect(differences.slice(0, 8).join('\n\n')).toBe('');
    expect(compared).toBeGreaterThan(1000);
  }, 600_000);

  it('for other methods: 405 on the site’s routes, 404 elsewhere, preflight answered everywhere, queries sent on to the endpoint', async () => {
    const differences: string[] = [];
    for (const path of ['/', '/id/person/ada-example', '/doc/person/ada-example.ttl', '/catalog', '/catalog.ttl', '/void', '/dump.nt', '/sitemap.xml', '/robots.txt', '/favicon.ico', '/health', '/nope', '/sparql-ui/start.js', '/sparql', `/sparql?query=${encodeURIComponent('SELECT * {}')}`]) {
      const inits: { method: string; headers: Record<string, string> }[] = [
        { method: 'POST', headers: { Accept: 'application/json' } },
        { method: 'PUT', headers: {} },
        { method: 'DELETE', headers: { Accept: 'text/html', 'Accept-Language': 'fr' } },
        { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'Accept, If-None-Match' } },
        { method: 'OPTIONS', headers: {} },
      ];
      for (const init of inits) {
        const [expected, actual] = await Promise.all([served.fromExpress(path, init), served.fromNginx(path, init)]);
        const a = comparable(expected);
        const b = comparable(actual);
        if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${init.method} ${path}\n  express ${JSON.stringify({ ...a, body: expected.text })}\n  nginx   ${JSON.stringify({ ...b, body: actual.text })}`);
      }
    }
    expect(differences.join('\n\n')).toBe('');
  });
});

describe('linked-data clients following the 303s on nginx', () => {
  let onPort: Served;
  let base: string;
  beforeAll(async () => {
    // The graph is built for the address nginx listens on, so its IRIs are the URLs the clients fetch.
    const port = await freePort();
    base = `http://127.0.0.1:${port}/`;
    onPort = await serve(base, { port });
  });
  afterAll(() => stop(onPort));

  const RESOURCES = ['id/person/ada-example', 'id/output/test-guide', 'id/catalog', 'id/organisation/test-org', 'vocab/ontology'];
  const expected = (path: string) => expectedDescription(onPort.graph.store.getQuads(null, null, null, null), `${base}${path.split('#')[0]}`);

  it.each(RESOURCES.flatMap((path) => ['guess', 'turtle', 'rdfxml', 'ntriples'].map((parser) => [path, parser] as const)))('rapper fetches %s with -i %s and gets the description', async (path, parser) => {
    const { stdout } = await run('rapper', ['-q', '-i', parser, '-o', 'ntriples', `${base}${path}`], { maxBuffer: 16 << 20 });
    expect(tripleLines(parseNTriples(stdout))).toEqual(expected(path));
  });

  it.each(RESOURCES.flatMap((path) => ['', 'turtle', 'xml', 'nt', 'json-ld'].map((format) => [path, format] as const)))('Python rdflib parses %s (format=%j), following the 303', async (path, format) => {
    const script = 'import sys, rdflib\nrdflib.NORMALIZE_LITERALS = False\ngraph = rdflib.Graph()\ngraph.parse(sys.argv[1], format=(sys.argv[2] or None))\nsys.stdout.write(graph.serialize(format="nt"))\n';
    const { stdout } = await run('/usr/bin/python3', ['-c', script, `${base}${path}`, format], { maxBuffer: 16 << 20 });
    expect(tripleLines(parseNTriples(stdout))).toEqual(expected(path));
  });

  it('curl following a browser’s request ends on the HTML page', async () => {
    const { stdout } = await run('curl', ['-sSfL', '-H', 'Accept: text/html,application/xhtml+xml,*/*;q=0.8', '-w', '%{content_type} %{url_effective}', '-o', '/dev/null', `${base}id/person/bob`]);
    expect(stdout).toBe(`text/html; charset=utf-8 ${base}doc/person/bob.html`);
  });
});

describe('an export with history, on nginx', () => {
  let server: HistoryServer;
  let nginx: NginxServer;
  let express: { server: Server; origin: string };
  let fromNginx: Fetch;
  let fromExpress: Fetch;
  beforeAll(async () => {
    server = await createHistoryServer();
    const exported = await exportHistory(server);
    await chmod(join(exported.outDir, '..'), 0o755);
    nginx = await startNginx(exported.outDir);
    express = await listen(exported.app);
    fromNginx = httpClient(nginx.origin);
    fromExpress = httpClient(express.origin);
  }, 300_000);
  afterAll(async () => {
    await nginx?.stop();
    if (express) await close(express.server);
    await server?.close();
  });

  describeMemento(() => ({ fetch: fromNginx, base: server.base }));

  it('answers every history path as the Express app does', async () => {
    const { base: R1, added: R2, retitled: R3, removed: R4 } = FIXTURE_RELEASES;
    const paths = [
      '/releases',
      '/doc/output/test-report',
      '/doc/output/test-report.ttl',
      '/id/output/test-report',
      '/dump',
      '/dump.nt',
      ...['/doc/output/test-report', '/doc/output/test-report.html', '/id/catalog', '/dump.jsonld', '/vocab/ontology', '/doc/vocab/ontology.ttl'].flatMap((path) => [`/timemap/link${path}`, `/timemap/json${path}`, `/timemap/link${path}?page=2`, `/timemap/json${path}?page=abc`]),
      ...[R1, R2, R3, R4].flatMap((release) => [`/memento/${release}/doc/output/test-report`, `/memento/${release}/doc/output/test-report.ttl`, `/memento/${release}/doc/output/test-report.txt?style=vancouver`, `/memento/${release}/id/output/test-report`, `/memento/${release}/doc/output/test-faq.jsonld`, `/memento/${release}/dump.ttl`, `/memento/${release}/dump`, `/memento/${release}/doc/output/test-added?format=turtle`, `/memento/${release}/id/catalog`, `/memento/${release}/doc/person/ada-example.bib`]),
      '/memento/latest/doc/output/test-report',
      '/memento/x',
      `/memento/${R1}/sparql`,
      `/memento/${R1}/id/output/never-published`,
      '/timemap/xml/id/catalog',
      '/timegate/nope',
      '/changes',
      '/changes?format=nquads',
      '/changes/nope',
      '/whats-new',
      '/whats-new?page=2',
      '/whats-new?page=9',
      '/whats-new?page=x&lang=fr',
      '/history/output/test-report',
      '/history/output/test-faq?lang=fr',
      '/history/output/nobody',
    ];
    const root = await fromExpress('/changes', { headers: { Accept: 'application/n-quads' } });
    for (const match of root.text.matchAll(/<([^>]+\/changes\/[^>]+)>/g)) paths.push(new URL(match[1]!).pathname);
    const headerSets: Record<string, string>[] = [
      {},
      { Accept: 'text/turtle' },
      { Accept: 'text/html', 'Accept-Language': 'fr' },
      { Accept: 'application/n-quads', 'Accept-Encoding': 'gzip, br' },
      { Accept: 'image/png' },
      { Accept: 'application/problem+json' },
      { Accept: 'text/html', 'If-None-Match': '*' },
    ];
    const timegates = [...new Set(TIMEGATE_CASES.map(([, path]) => path)), '/doc/output/test-report.csl.json', '/id/output/test-faq', '/dump'];
    const datetimes = [undefined, ...TIMEGATE_CASES.map(([, , datetime]) => datetime), ...INVALID_DATETIMES];
    const requests: [string, Record<string, string>][] = [
      ...paths.flatMap((path) => headerSets.map((headers) => [path, headers] as [string, Record<string, string>])),
      ...timegates.flatMap((path) => datetimes.map((datetime) => [`/timegate${path}`, datetime === undefined ? {} : { 'Accept-Datetime': datetime }] as [string, Record<string, string>])),
    ];
    const differences: string[] = [];
    for (let index = 0; index < requests.length; index += 16) {
      await Promise.all(
        requests.slice(index, index + 16).map(async ([path, headers]) => {
          const init = { headers: { 'Accept-Encoding': 'identity', ...headers } };
          const [expected, actual] = await Promise.all([fromExpress(path, init), fromNginx(path, init)]);
          const a = comparable(expected);
          const b = comparable(actual);
          if (expected.status >= 400 && a.headers['content-encoding'] !== b.headers['content-encoding']) {
            for (const name of ['content-encoding', 'content-length']) {
              delete a.headers[name];
              delete b.headers[name];
            }
          }
          if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${path} ${JSON.stringify(headers)}\n  express ${JSON.stringify({ ...a, body: expected.text.slice(0, 200) })}\n  nginx   ${JSON.stringify({ ...b, body: actual.text.slice(0, 200) })}`);
        }),
      );
    }
    expect(differences.slice(0, 6).join('\n\n')).toBe('');
    expect(requests.length).toBeGreaterThan(500);
  }, 600_000);
});
