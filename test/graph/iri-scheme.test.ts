import { describe, expect, it } from 'vitest';
import { IriScheme } from '../../src/graph/iri-scheme.js';

describe('IriScheme: every public URL of the site', () => {
  const site = new IriScheme('https://data.example.org/osc');

  it('puts every page, endpoint and file under the base, path included', () => {
    expect(site.base).toBe('https://data.example.org/osc/');
    expect([site.sparql, site.sparqlAssets, site.dump(), site.dump('ttl'), site.catalogPages(), site.catalogPages('jsonld')]).toEqual([
      'https://data.example.org/osc/sparql',
      'https://data.example.org/osc/sparql-ui',
      'https://data.example.org/osc/dump',
      'https://data.example.org/osc/dump.ttl',
      'https://data.example.org/osc/catalog',
      'https://data.example.org/osc/catalog.jsonld',
    ]);
    expect([site.queries, site.query('outputs'), site.openapi, site.void(), site.void('nt'), site.voidDataset, site.wellKnownVoid]).toEqual([
      'https://data.example.org/osc/queries',
      'https://data.example.org/osc/queries/outputs',
      'https://data.example.org/osc/openapi.json',
      'https://data.example.org/osc/void',
      'https://data.example.org/osc/void.nt',
      'https://data.example.org/osc/void#dataset',
      'https://data.example.org/osc/.well-known/void',
    ]);
    expect([site.sitemap, site.robots, site.favicon, site.health]).toEqual([
      'https://data.example.org/osc/sitemap.xml',
      'https://data.example.org/osc/robots.txt',
      'https://data.example.org/osc/favicon.ico',
      'https://data.example.org/osc/health',
    ]);
  });

  it('names the releases and, for any original resource of the site, its Memento TimeGate, TimeMaps and mementos', () => {
    const original = 'https://data.example.org/osc/doc/output/guide.ttl';
    expect([site.releases, site.timegate(original), site.timemap(original, 'link'), site.timemap(original, 'json'), site.memento('20240110100000', original)]).toEqual([
      'https://data.example.org/osc/releases',
      'https://data.example.org/osc/timegate/doc/output/guide.ttl',
      'https://data.example.org/osc/timemap/link/doc/output/guide.ttl',
      'https://data.example.org/osc/timemap/json/doc/output/guide.ttl',
      'https://data.example.org/osc/memento/20240110100000/doc/output/guide.ttl',
    ]);
    expect(() => site.timegate('https://elsewhere.example/doc/x')).toThrow(/not under/);
  });

  it('names the change stream, its pages, "what\'s new", each resource\'s history page and the activity of each change', () => {
    const resource = 'https://data.example.org/osc/id/output/guide';
    expect([site.changes(), site.changes('20240110100000-0123456789abcdef'), site.changeStream, site.whatsNew]).toEqual([
      'https://data.example.org/osc/changes',
      'https://data.example.org/osc/changes/20240110100000-0123456789abcdef',
      'https://data.example.org/osc/changes#stream',
      'https://data.example.org/osc/whats-new',
    ]);
    expect([site.historyOf(resource), site.historyOf('https://data.example.org/osc/vocab/ontology'), site.change(resource, '20240110100000')]).toEqual([
      'https://data.example.org/osc/history/output/guide',
      'https://data.example.org/osc/history/vocab/ontology',
      'https://data.example.org/osc/history/output/guide#change-20240110100000',
    ]);
    expect([site.resourceOfHistory('https://data.example.org/osc/history/output/guide'), site.resourceOfHistory('https://data.example.org/osc/history/vocab/ontology')]).toEqual([resource, 'https://data.example.org/osc/vocab/ontology']);
    // No history page for what has no document: a part, another site, the history folder itself.
    expect([site.historyOf(`${resource}#distribution-x`), site.historyOf('https://elsewhere.example/id/output/guide'), site.resourceOfHistory('https://data.example.org/osc/history/'), site.resourceOfHistory('https://data.example.org/osc/doc/output/guide')]).toEqual([undefined, undefined, undefined, undefined]);
    expect(() => site.change('https://elsewhere.example/id/x', '20240110100000')).toThrow(/has no document/);
  });

  it('turns its URLs into route paths under the mount point, and back', () => {
    expect(site.basePath).toBe('/osc/');
    expect(site.path(site.sparql)).toBe('/sparql');
    expect(site.path(site.base)).toBe('/');
    expect(site.url('/id/person/ada')).toBe('https://data.example.org/osc/id/person/ada');
    expect(() => site.path('https://elsewhere.example/sparql')).toThrow(/not under/);
  });
});
