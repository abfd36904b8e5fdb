import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/cli/config.js';

describe('readConfig', () => {
  it('has defaults a fresh checkout can serve with', () => {
    const config = readConfig({}, '/srv/app');
    expect(config).toMatchObject({ baseUrl: 'http://localhost:3000/', port: 3000, dataDir: '/srv/app/data', outDir: '/srv/app/dist', catalogPageSize: 100 });
    expect(config.host).toBeUndefined();
    expect(config.sparql).toEqual({ timeLimitMs: 10_000, maxRows: 10_000, maxQueryLength: 10_000, maxNesting: 64, maxUnions: 256, maxLiteralLength: 4096, maxTriplePatterns: 64, maxExpressionDepth: 128, maxPathSteps: 64, maxArguments: 256, maxBodyBytes: 65_536, workers: 0, engine: 'oxigraph' });
  });

  it('reads each setting from the environment', () => {
    const config = readConfig({ PORT: '8080', BASE_URL: 'https://data.example.org/osc', CATALOG_PAGE_SIZE: '25', SPARQL_ENGINE: 'comunica', SPARQL_MAX_ROWS: '50' }, '/srv/app');
    expect(config).toMatchObject({ baseUrl: 'https://data.example.org/osc/', port: 8080, catalogPageSize: 25 });
    expect(config.sparql).toMatchObject({ engine: 'comunica', maxRows: 50 });
    expect(readConfig({}, '/srv/app').validationWorkers).toBeUndefined();
    expect(['127.0.0.1', '::1', 'localhost', 'app-1.internal', ''].map((HOST) => readConfig({ HOST }, '/srv/app').host)).toEqual(['127.0.0.1', '::1', 'localhost', 'app-1.internal', undefined]);
    expect(readConfig({ VALIDATION_WORKERS: '0' }, '/srv/app').validationWorkers).toBe(0);
  });

  it('keeps releases beside dist/ unless told where, and reads how to prune and page the history', () => {
    expect(readConfig({}, '/srv/app')).toMatchObject({ history: { enabled: true, cacheDir: '/srv/app/dist.releases', since: undefined }, timemapPageSize: 1000, changesPageSize: 100 });
    expect(readConfig({ DIST_DIR: 'out/site' }, '/srv/app').history.cacheDir).toBe('/srv/app/out/site.releases');
    const config = readConfig({ HISTORY: 'off', RELEASE_CACHE_DIR: 'cache/releases', HISTORY_SINCE: '2024-02-01', TIMEMAP_PAGE_SIZE: '50', CHANGES_PAGE_SIZE: '25' }, '/srv/app');
    expect(config).toMatchObject({ history: { enabled: false, cacheDir: '/srv/app/cache/releases', since: new Date('2024-02-01T00:00:00Z') }, timemapPageSize: 50, changesPageSize: 25 });
    expect(readConfig({ HISTORY_SINCE: '2024-02-01T12:30' }, '/srv/app').history.since).toEqual(new Date('2024-02-01T12:30:00Z'));
    expect(readConfig({ HISTORY_SINCE: '2024-02-01T12:30:00+02:00' }, '/srv/app').history.since).toEqual(new Date('2024-02-01T10:30:00Z'));
  });

  it('reads where and how to export the site, and refuses what nginx could not take', () => {
    expect(readConfig({}, '/srv/app').export).toEqual({ outDir: '/srv/app/export', sparqlEndpoint: undefined, root: undefined, listen: '127.0.0.1:8080', pageCitations: true, history: true });
    const config = readConfig({ EXPORT_DIR: 'site', EXPORT_SPARQL_ENDPOINT: 'https://query.example.org/sparql', EXPORT_ROOT: '/srv/www/osc', EXPORT_LISTEN: '8081', EXPORT_PAGE_CITATIONS: 'off', EXPORT_HISTORY: 'off' }, '/srv/app');
    expect(config.export).toEqual({ outDir: '/srv/app/site', sparqlEndpoint: 'https://query.example.org/sparql', root: '/srv/www/osc', listen: '8081', pageCitations: false, history: false });
    expect(() => readConfig({ EXPORT_ROOT: 'www/osc' }, '/srv/app')).toThrow('EXPORT_ROOT must be an absolute path (where nginx finds the export), not "www/osc"');
    expect(() => readConfig({ EXPORT_LISTEN: 'localhost:80; evil' }, '/srv/app')).toThrow('EXPORT_LISTEN must be a port or address:port such as 127.0.0.1:8080, not "localhost:80; evil"');
    expect(() => readConfig({ EXPORT_SPARQL_ENDPOINT: 'ftp://example.org/sparql' }, '/srv/app')).toThrow('EXPORT_SPARQL_ENDPOINT must be an http or https URL, not "ftp://example.org/sparql"');
    expect(() => readConfig({ EXPORT_PAGE_CITATIONS: 'yes' }, '/srv/app')).toThrow('EXPORT_PAGE_CITATIONS must be on or off, not "yes"');
    expect(() => readConfig({ EXPORT_HISTORY: 'no' }, '/srv/app')).toThrow('EXPORT_HISTORY must be on or off, not "no"');
  });

  it('has an OAI-PMH repository only when OAI_ADMIN_EMAIL names who answers for it', () => {
    expect(readConfig({}, '/srv/app').oai).toBeUndefined();
    expect(readConfig({ OAI_PAGE_SIZE: '5' }, '/srv/app').oai).toBeUndefined();
    expect(readConfig({ OAI_ADMIN_EMAIL: 'oai@example.org' }, '/srv/app').oai).toEqual({ adminEmails: ['oai@example.org'], pageSize: 100 });
    expect(readConfig({ OAI_ADMIN_EMAIL: 'a@example.org, b@data.example.org', OAI_PAGE_SIZE: '1' }, '/srv/app').oai).toEqual({ adminEmails: ['a@example.org', 'b@data.example.org'], pageSize: 1 });
  });

  it('puts an external store behind the endpoint when SPARQL_ENDPOINT is set', () => {
    const config = readConfig(
      { SPARQL_ENDPOINT: 'http://127.0.0.1:8890/sparql', SPARQL_GRAPH_STORE: 'http://127.0.0.1:8890/sparql-graph-crud-auth', SPARQL_GRAPH_STORE_USER: 'loader', SPARQL_GRAPH_STORE_PASSWORD: 'secret' },
      '/srv/app',
    );
    expect(config.sparql.engine).toBe('external');
    expect(config.sparql.external).toEqual({
      endpoint: 'http://127.0.0.1:8890/sparql',
      graph: undefined,
      graphStore: { url: 'http://127.0.0.1:8890/sparql-graph-crud-auth', user: 'loader', password: 'secret' },
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a port number, not "eighty"'],
    [{ HOST: '127.0.0.1:3000' }, 'HOST must be an IP address or a host name such as 127.0.0.1, ::1 or localhost, not "127.0.0.1:3000"'],
    [{ HOST: '[::1]' }, 'HOST must be an IP address or a host name such as 127.0.0.1, ::1 or localhost, not "[::1]"'],
    [{ CATALOG_PAGE_SIZE: '0' }, 'CATALOG_PAGE_SIZE must be an integer of at least 1, not "0"'],
    [{ OAI_PAGE_SIZE: '0' }, 'OAI_PAGE_SIZE must be an integer of at least 1, not "0"'],
    [{ OAI_ADMIN_EMAIL: 'oai' }, 'OAI_ADMIN_EMAIL must be one or more e-mail addresses separated by commas, such as oai@example.org, not "oai"'],
    [{ OAI_ADMIN_EMAIL: 'oai@localhost' }, 'OAI_ADMIN_EMAIL must be one or more e-mail addresses separated by commas, such as oai@example.org, not "oai@localhost"'],
    [{ OAI_ADMIN_EMAIL: 'a@example.org,' }, 'OAI_ADMIN_EMAIL must be one or more e-mail addresses separated by commas'],
    [{ VALIDATION_WORKERS: 'two' }, 'VALIDATION_WORKERS must be an integer of at least 0, not "two"'],
    [{ SPARQL_ENGINE: 'virtuoso' }, 'SPARQL_ENGINE must be one of comunica, oxigraph, external, not "virtuoso"'],
    [{ SPARQL_ENGINE: 'external' }, "SPARQL_ENGINE=external needs SPARQL_ENDPOINT, the URL of the store's SPARQL endpoint."],
    [{ SPARQL_ENGINE: 'oxigraph', SPARQL_ENDPOINT: 'http://127.0.0.1:8890/sparql' }, 'SPARQL_ENDPOINT is set, so the engine is the external store, but SPARQL_ENGINE says "oxigraph": unset one of them.'],
    [{ SPARQL_ENDPOINT: 'file:///etc/passwd' }, 'SPARQL_ENDPOINT must be an http or https URL, not "file:///etc/passwd"'],
    [{ SPARQL_ENDPOINT: 'http://127.0.0.1:8890/sparql', SPARQL_GRAPH: 'not an iri' }, 'SPARQL_GRAPH must be an absolute IRI, not "not an iri"'],
    [{ SPARQL_GRAPH_STORE: 'http://127.0.0.1:8890/sparql-graph-crud' }, 'SPARQL_GRAPH_STORE is set but SPARQL_ENDPOINT is not: set the external store\'s query endpoint too, or unset SPARQL_GRAPH_STORE.'],
    [{ HISTORY: 'yes' }, 'HISTORY must be on or off, not "yes"'],
    [{ HISTORY_SINCE: '2024-02-30' }, 'HISTORY_SINCE must be an ISO 8601 date or date-time such as 2024-01-31 or 2024-01-31T12:00:00Z, not "2024-02-30"'],
    [{ HISTORY_SINCE: 'last year' }, 'HISTORY_SINCE must be an ISO 8601 date or date-time such as 2024-01-31 or 2024-01-31T12:00:00Z, not "last year"'],
    [{ TIMEMAP_PAGE_SIZE: '0' }, 'TIMEMAP_PAGE_SIZE must be an integer of at least 1, not "0"'],
    [{ CHANGES_PAGE_SIZE: 'ten' }, 'CHANGES_PAGE_SIZE must be an integer of at least 1, not "ten"'],
    [{ BASE_URL: 'ftp://example.org/' }, 'BASE_URL must be an absolute http(s) URL such as http://localhost:3000/, not "ftp://example.org/"'],
  ])('rejects %o with a message naming the setting', (env, message) => {
    expect(() => readConfig(env, '/srv/app')).toThrow(message);
  });
});
