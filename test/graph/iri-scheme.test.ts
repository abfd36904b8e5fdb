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

  it('reads the segment of a thing’s IRI, and nothing from any other IRI', () => {
    const cases: readonly [string, string | undefined][] = [
      ['https://data.example.org/osc/id/person/ada', 'person'],
      ['https://data.example.org/osc/id/output/open-smart-cities-guide', 'output'],
      ['https://data.example.org/osc/id/output/guide#distribution-x', undefined],
      ['https://data.example.org/osc/id/catalog', undefined],
      ['https://data.example.org/osc/id/person/ada/more', undefined],
      ['https://data.example.org/osc/doc/person/ada', undefined],
      ['https://elsewhere.example/osc/id/person/ada', undefined],
    ];
    for (const [iri, segment] of cases) expect(site.segmentOf(iri), iri).toBe(segment);
    expect(site.segmentOf(site.resource('project', 'x').value)).toBe('project');
  });

  it.each([
    ['https://data.example.org/osc/id/output/guide', 'https://data.example.org/osc/linkset/output/guide'],
    ['https://data.example.org/osc/id/catalog', 'https://data.example.org/osc/linkset/catalog'],
    ['https://data.example.org/osc/vocab/ontology', 'https://data.example.org/osc/linkset/vocab/ontology'],
  ])('the linkset of %s is %s, and leads back to it', (resource, linkset) => {
    expect(site.linksetOf(resource)).toBe(linkset);
    expect(site.resourceOfLinkset(linkset)).toBe(resource);
  });

  it.each([
    ['a hash part', 'https://data.example.org/osc/id/output/guide#distribution-web'],
    ['an IRI elsewhere', 'https://elsewhere.example/id/output/guide'],
    ['a document', 'https://data.example.org/osc/doc/output/guide'],
  ])('%s has no linkset', (_what, iri) => {
    expect(site.linksetOf(iri)).toBeUndefined();
  });

  it.each(['https://data.example.org/osc/linkset/', 'https://data.example.org/osc/doc/output/guide', 'https://elsewhere.example/linkset/output/guide'])(
    '%s is no linkset of a resource',
    (url) => expect(site.resourceOfLinkset(url)).toBeUndefined(),
  );

  it('names the OAI-PMH repository and its items in the oai-identifier scheme, from the base\'s host', () => {
    expect([site.oai, site.oaiService, site.oaiRepositoryIdentifier]).toEqual(['https://data.example.org/osc/oai', 'https://data.example.org/osc/oai#service', 'data.example.org']);
    expect(site.hasOaiIdentifierScheme).toBe(true);
    expect(site.oaiIdentifier('https://data.example.org/osc/id/output/guide')).toBe('oai:data.example.org:output/guide');
    expect(site.resourceOfOaiIdentifier('oai:data.example.org:output/guide')).toBe('https://data.example.org/osc/id/output/guide');
    for (const iri of ['https://data.example.org/osc/id/output/guide#authors', 'https://data.example.org/osc/doc/output/guide', 'https://elsewhere.example/osc/id/output/guide', 'https://data.example.org/osc/id/']) {
      expect(site.oaiIdentifier(iri), iri).toBeUndefined();
    }
    for (const identifier of ['oai:elsewhere.example:output/guide', 'oai:data.example.org:', 'oai:data.example.org:output/guide#x', 'output/guide']) {
      expect(site.resourceOfOaiIdentifier(identifier), identifier).toBeUndefined();
    }
    // localhost and IP addresses are no domain names: Identify then declares no oai-identifier scheme.
    expect(['http://localhost:3000/', 'http://127.0.0.1/', 'http://Data.Example.ORG/'].map((base) => new IriScheme(base).hasOaiIdentifierScheme)).toEqual([false, false, true]);
  });
});
