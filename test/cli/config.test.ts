import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/cli/config.js';

describe('readConfig', () => {
  it('has defaults a fresh checkout can serve with', () => {
    const config = readConfig({}, '/srv/app');
    expect(config).toMatchObject({ baseUrl: 'http://localhost:3000/', port: 3000, dataDir: '/srv/app/data', outDir: '/srv/app/dist', catalogPageSize: 100 });
    expect(config.sparql).toEqual({ timeLimitMs: 10_000, maxRows: 10_000, maxQueryLength: 10_000, maxBodyBytes: 65_536, workers: 0, engine: 'oxigraph' });
  });

  it('reads each setting from the environment', () => {
    const config = readConfig({ PORT: '8080', BASE_URL: 'https://data.example.org/osc', CATALOG_PAGE_SIZE: '25', SPARQL_ENGINE: 'comunica', SPARQL_MAX_ROWS: '50' }, '/srv/app');
    expect(config).toMatchObject({ baseUrl: 'https://data.example.org/osc/', port: 8080, catalogPageSize: 25 });
    expect(config.sparql).toMatchObject({ engine: 'comunica', maxRows: 50 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a port number, not "eighty"'],
    [{ CATALOG_PAGE_SIZE: '0' }, 'CATALOG_PAGE_SIZE must be an integer of at least 1, not "0"'],
    [{ SPARQL_ENGINE: 'virtuoso' }, 'SPARQL_ENGINE must be one of comunica, oxigraph, not "virtuoso"'],
    [{ BASE_URL: 'ftp://example.org/' }, 'BASE_URL must be an absolute http(s) URL such as http://localhost:3000/, not "ftp://example.org/"'],
  ])('rejects %o with a message naming the setting', (env, message) => {
    expect(() => readConfig(env, '/srv/app')).toThrow(message);
  });
});
