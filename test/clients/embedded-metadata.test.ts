import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveGraphOnLoopback, type LoopbackGraphServer } from '../support/loopback-graph-server.js';

// The record pages as harvesters of embedded metadata read them: Debian's
// python3-extruct (the extractor Scrapy-based crawlers use) fetches each page
// over real HTTP, following the resource IRI's 303 with a browser's Accept
// header, and extracts its Dublin Core, OpenGraph and JSON-LD. The fixture's
// report has a publisher and a PDF link but no date; its guide has neither.

const run = promisify(execFile);
const DEBIAN_PYTHON = '/usr/bin/python3';

const EXTRACT = `
import json, sys, urllib.request
import extruct

results = {}
for url in sys.argv[1:]:
    request = urllib.request.Request(url, headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", "Accept-Language": "en"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200, (url, response.status)
        final_url, body = response.geturl(), response.read().decode("utf-8")
    data = extruct.extract(body, base_url=final_url, syntaxes=["dublincore", "opengraph", "json-ld"])
    results[url] = {"final": final_url, **data}
print(json.dumps(results))
`;

interface Extracted {
  readonly final: string;
  readonly dublincore: { readonly elements?: { name: string; content: string; URI: string }[]; readonly terms?: { name: string; content: string; URI: string }[]; readonly namespaces?: Record<string, string> }[];
  readonly opengraph: { readonly namespace: Record<string, string>; readonly properties: [string, string][] }[];
  readonly 'json-ld': Record<string, unknown>[];
}

let site: LoopbackGraphServer;
let extracted: Record<string, Extracted>;
const iri = (path: string) => `${site.base}${path}`;

beforeAll(async () => {
  site = await serveGraphOnLoopback();
  const pages = ['id/output/test-report', 'id/output/test-guide', 'id/output/test-webinar-1', 'id/person/bob', 'id/project/test-project'].map(iri);
  const { stdout } = await run(DEBIAN_PYTHON, ['-c', EXTRACT, ...pages], { maxBuffer: 16 * 1024 * 1024 });
  extracted = JSON.parse(stdout) as Record<string, Extracted>;
}, 120_000);

afterAll(async () => {
  await site?.close();
});

/** The values of one OpenGraph property, in document order. */
function openGraph(page: Extracted, property: string): string[] {
  return page.opengraph.flatMap((item) => item.properties.filter(([name]) => name === property).map(([, value]) => value));
}

/** The values of one Dublin Core element or term, in document order. */
function dublinCore(page: Extracted, name: string): string[] {
  const [item] = page.dublincore;
  return [...(item?.elements ?? []), ...(item?.terms ?? [])].filter((entry) => entry.name.toLowerCase() === name.toLowerCase()).map((entry) => entry.content);
}

describe('record pages, read by extruct', () => {
  it('were reached through the resource IRI’s 303', () => {
    expect(extracted[iri('id/output/test-report')]!.final).toBe(iri('doc/output/test-report.html'));
  });

  it('give Dublin Core with the authors in order, the kind and the identifier, in the namespaces the page declares', () => {
    const report = extracted[iri('id/output/test-report')]!;
    expect(report.dublincore[0]!.namespaces).toEqual({ DC: 'http://purl.org/dc/elements/1.1/', DCTERMS: 'http://purl.org/dc/terms/' });
    expect(dublinCore(report, 'DC.title')).toEqual(['Test Report']);
    expect(dublinCore(report, 'DC.creator')).toEqual(['Test Organisation', 'Bob Example']);
    expect(dublinCore(report, 'DC.type')).toEqual(['Report', 'Text']);
    expect(dublinCore(report, 'DC.identifier')).toEqual([iri('id/output/test-report')]);
    expect(dublinCore(report, 'DC.publisher')).toEqual(['Test Organisation']);
    // No date in the data: none in the page.
    expect(dublinCore(report, 'DC.date')).toEqual([]);
    const elements = report.dublincore[0]!.elements!;
    expect(elements.find((entry) => entry.name === 'DC.creator')!.URI).toBe('http://purl.org/dc/elements/1.1/creator');
  });

  it('give OpenGraph a title, a type and the page’s address; a recording is a video, a person a profile', () => {
    const report = extracted[iri('id/output/test-report')]!;
    expect(report.opengraph[0]!.namespace).toEqual({ og: 'http://ogp.me/ns#' });
    expect(openGraph(report, 'og:title')).toEqual(['Test Report']);
    expect(openGraph(report, 'og:type')).toEqual(['article']);
    expect(openGraph(report, 'og:url')).toEqual([iri('doc/output/test-report')]);
    expect(openGraph(report, 'og:description')).toEqual(['A report for tests.']);
    expect(openGraph(extracted[iri('id/output/test-webinar-1')]!, 'og:type')).toEqual(['video.other']);
    expect(openGraph(extracted[iri('id/person/bob')]!, 'og:type')).toEqual(['profile']);
    expect(openGraph(extracted[iri('id/project/test-project')]!, 'og:title')).toEqual(['Test Project']);
  });

  it('embed schema.org JSON-LD about the resource, with its type and name', () => {
    const [report] = extracted[iri('id/output/test-report')]!['json-ld'];
    expect(report!['@id']).toBe(iri('id/output/test-report'));
    expect(report!['@type']).toBe('Report');
    expect(report!.name).toEqual(expect.arrayContaining([{ '@language': 'en', '@value': 'Test Report' }, { '@language': 'fr', '@value': 'Rapport de test' }]));
    const [guide] = extracted[iri('id/output/test-guide')]!['json-ld'];
    expect(guide!['@id']).toBe(iri('id/output/test-guide'));
    expect(JSON.stringify(guide!.author)).toContain(iri('id/person/ada-example'));
  });
});
