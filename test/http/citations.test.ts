import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { asText, createTestServer, FIXTURE_DATA, type TestServer } from './linked-data-fixture.js';

// Citation content negotiation, DOI-style, as tables of cases: what a client
// sends (the Accept header, the query, the URL's extension) and what it must
// get back.

let server: TestServer;
const doc = (path: string) => `${server.base}doc/output/${path}`;

beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
});

function get(path: string, accept?: string) {
  const call = request(server.app).get(path).buffer(true).parse(asText);
  return accept === undefined ? call : call.set('Accept', accept);
}

const BIBTEX = (body: string) => expect(body).toMatch(/^@techreport\{test_report,\n\tauthor = \{\{Test Organisation\} and Example, Bob\},/);
const RIS = (body: string) => expect(body).toMatch(/^TY {2}- RPRT\nAU {2}- Test Organisation\nAU {2}- Example, Bob\n/);
const CSL_JSON = (body: string) => expect(JSON.parse(body)).toMatchObject({ type: 'report', title: 'Test Report', author: [{ literal: 'Test Organisation' }, { family: 'Example', given: 'Bob' }] });
const SCHEMA_ORG = (body: string) => expect(JSON.parse(body)).toMatchObject({ '@id': 'http://localhost:3000/id/output/test-report', '@type': 'Report' });
const APA_EN = (body: string) => expect(body).toBe('Test Organisation, & Example, B. (n.d.). Test Report. Test Organisation. Retrieved http://localhost:3000/id/output/test-report\n');
const APA_FR = (body: string) => expect(body).toMatch(/^Test Organisation, & Example, B\. \(s\.\u00a0d\.\)\. Test Report\. Test Organisation\. Consulté http/);
const VANCOUVER_FR = (body: string) => expect(body).toMatch(/^1\. Test Organisation, Example B\. Test Report \[Internet\]\. Test Organisation\. Disponible sur/);
const HARVARD_EN = (body: string) => expect(body).toMatch(/^Test Organisation and Example, B\. \(no date\) Test Report\./);

/** [what the client sends: path and Accept, the Content-Type it must get, the body check, the Content-Language]. */
const DOCUMENTS: readonly [string, string | undefined, string, (body: string) => void, string?][] = [
  ['/doc/output/test-report', 'application/x-bibtex', 'application/x-bibtex', BIBTEX],
  ['/doc/output/test-report.bib', undefined, 'application/x-bibtex', BIBTEX],
  ['/doc/output/test-report?format=bibtex', 'text/turtle', 'application/x-bibtex', BIBTEX],
  ['/doc/output/test-report?format=bib', undefined, 'application/x-bibtex', BIBTEX],
  ['/doc/output/test-report', 'application/x-research-info-systems', 'application/x-research-info-systems', RIS],
  ['/doc/output/test-report.ris', undefined, 'application/x-research-info-systems', RIS],
  ['/doc/output/test-report', 'application/vnd.citationstyles.csl+json', 'application/vnd.citationstyles.csl+json', CSL_JSON],
  ['/doc/output/test-report.csl.json', undefined, 'application/vnd.citationstyles.csl+json', CSL_JSON],
  ['/doc/output/test-report?format=csljson', undefined, 'application/vnd.citationstyles.csl+json', CSL_JSON],
  ['/doc/output/test-report', 'application/vnd.schemaorg.ld+json', 'application/vnd.schemaorg.ld+json', SCHEMA_ORG],
  ['/doc/output/test-report.schema.jsonld', undefined, 'application/vnd.schemaorg.ld+json', SCHEMA_ORG],
  ['/doc/output/test-report', 'text/x-bibliography', 'text/x-bibliography', APA_EN, 'en-US'],
  ['/doc/output/test-report', 'text/x-bibliography; style=apa; locale=fr-CA', 'text/x-bibliography', APA_FR, 'fr-CA'],
  ['/doc/output/test-report', 'text/x-bibliography; locale="fr-fr"; style="APA"', 'text/x-bibliography', APA_FR, 'fr-FR'],
  ['/doc/output/test-report', 'text/turtle;q=0.5, text/x-bibliography;style=vancouver;locale=fr-CA', 'text/x-bibliography', VANCOUVER_FR, 'fr-CA'],
  ['/doc/output/test-report', 'text/x-bibliography;style=harvard1;q=0.4, text/x-bibliography;style=apa;locale=fr-CA', 'text/x-bibliography', APA_FR, 'fr-CA'],
  ['/doc/output/test-report.txt', undefined, 'text/x-bibliography', APA_EN, 'en-US'],
  ['/doc/output/test-report.txt?style=vancouver&locale=fr-CA', undefined, 'text/x-bibliography', VANCOUVER_FR, 'fr-CA'],
  ['/doc/output/test-report?format=bibliography&style=harvard1', 'text/turtle', 'text/x-bibliography', HARVARD_EN, 'en-US'],
  // The query string wins over the Accept parameters, as ?format= wins over Accept.
  ['/doc/output/test-report?style=harvard-cite-them-right', 'text/x-bibliography; style=apa', 'text/x-bibliography', HARVARD_EN, 'en-US'],
];

describe('an output document', () => {
  it.each(DOCUMENTS)('%s with Accept: %s → 200 %s', async (path, accept, mediaType, check, language) => {
    const response = await get(path, accept);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    check(response.body as string);
    expect(response.headers['content-language']).toBe(language);
    // Only a response Accept chose varies on it.
    const negotiated = accept !== undefined && !path.includes('.') && !path.includes('format=');
    expect((response.headers.vary ?? '').split(/\s*,\s*/).includes('Accept')).toBe(negotiated);
  });

  it('names the variant Accept chose in Content-Location, with the style and locale asked for', async () => {
    expect((await get('/doc/output/test-report', 'application/x-bibtex')).headers['content-location']).toBe(doc('test-report.bib'));
    expect((await get('/doc/output/test-report', 'text/x-bibliography')).headers['content-location']).toBe(doc('test-report.txt'));
    expect((await get('/doc/output/test-report', 'text/x-bibliography; style=APA; locale=fr-ca')).headers['content-location']).toBe(doc('test-report.txt?style=apa&locale=fr-CA'));
  });

  it('gives each style and locale its own ETag', async () => {
    const etags = await Promise.all(['test-report.txt', 'test-report.txt?locale=fr-CA', 'test-report.txt?style=vancouver', 'test-report.bib'].map(async (path) => (await get(`/doc/output/${path}`)).headers.etag));
    expect(new Set(etags).size).toBe(4);
  });

  it('lists every citation format among its alternates, in the Link header and on its page', async () => {
    const page = await get('/doc/output/test-report', 'text/html');
    for (const [extension, type] of [['bib', 'application/x-bibtex'], ['ris', 'application/x-research-info-systems'], ['csl.json', 'application/vnd.citationstyles.csl+json'], ['txt', 'text/x-bibliography'], ['schema.jsonld', 'application/vnd.schemaorg.ld+json']]) {
      expect(page.headers.link).toContain(`<${doc(`test-report.${extension}`)}>; rel=alternate; type="${type}"`);
      expect(page.body).toContain(doc(`test-report.${extension}`));
    }
  });
});

/** [path, Accept, where the 303 must point, relative to {base}doc/output/]. */
const REDIRECTS: readonly [string, string | undefined, string][] = [
  ['/id/output/test-report', 'application/x-bibtex', 'test-report.bib'],
  ['/id/output/test-report', 'application/x-research-info-systems', 'test-report.ris'],
  ['/id/output/test-report', 'application/vnd.citationstyles.csl+json', 'test-report.csl.json'],
  ['/id/output/test-report', 'application/vnd.schemaorg.ld+json', 'test-report.schema.jsonld'],
  ['/id/output/test-report', 'text/x-bibliography', 'test-report.txt'],
  ['/id/output/test-report', 'text/x-bibliography; style=apa; locale=fr-CA', 'test-report.txt?style=apa&locale=fr-CA'],
  ['/id/output/test-report?format=bibliography&locale=fr', undefined, 'test-report.txt?locale=fr-FR'],
  ['/id/output/test-report?style=vancouver', 'text/x-bibliography; locale=en-CA', 'test-report.txt?locale=en-CA&style=vancouver'],
  // A style parameter means nothing to another format, and other formats keep winning their ties.
  ['/id/output/test-report?style=vancouver', 'text/turtle', 'test-report.ttl'],
  ['/id/output/test-report', 'application/*', 'test-report.jsonld'],
  ['/id/output/test-report', 'text/*', 'test-report.html'],
  ['/id/output/test-report', '*/*', 'test-report.html'],
];

describe('an output IRI', () => {
  it.each(REDIRECTS)('%s with Accept: %s → 303 to %s', async (path, accept, target) => {
    const response = await get(path, accept);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(doc(target));
    expect(response.headers.vary).toMatch(/\bAccept\b/);
  });
});

/** [path, Accept, status, a check of the problem document]. */
const REFUSALS: readonly [string, string | undefined, number, (problem: Record<string, unknown>) => void][] = [
  ['/doc/output/test-report', 'text/x-bibliography; style=chicago', 400, (problem) => {
    expect(problem.detail).toBe('Unknown citation style "chicago". Use one of: apa, harvard-cite-them-right, vancouver.');
    expect((problem.styles as { id: string }[]).map((style) => style.id)).toEqual(['apa', 'harvard-cite-them-right', 'vancouver']);
  }],
  ['/id/output/test-report', 'text/x-bibliography; style=chicago', 400, (problem) => expect(problem.detail).toContain('Use one of: apa, harvard-cite-them-right, vancouver.')],
  ['/doc/output/test-report.txt?style=mla', undefined, 400, (problem) => expect(problem.detail).toContain('"mla"')],
  ['/doc/output/test-report.txt?locale=de-DE', undefined, 400, (problem) => {
    expect(problem.detail).toBe('Unknown citation locale "de-DE". Use one of: en-US, en-CA, fr-FR, fr-CA.');
    expect((problem.locales as { tag: string }[]).map((locale) => locale.tag)).toEqual(['en-US', 'en-CA', 'fr-FR', 'fr-CA']);
  }],
  ['/doc/output/test-report.txt?locale=--', undefined, 400, (problem) => expect(problem.detail).toContain('Unknown citation locale "--"')],
  ['/doc/output/test-report.txt?style=apa&style=vancouver', undefined, 400, (problem) => expect(problem.detail).toBe('Give the style parameter once, as a plain value.')],
  ['/doc/output/test-report?format=mla', undefined, 400, (problem) => expect(problem.detail).toContain('bibtex')],
  ...['application/x-bibtex', 'application/x-research-info-systems', 'application/vnd.citationstyles.csl+json', 'text/x-bibliography; style=apa', 'application/vnd.schemaorg.ld+json'].flatMap(
    (accept): [string, string, number, (problem: Record<string, unknown>) => void][] => [
      ['/id/person/ada-example', accept, 406, (problem) => expect(problem.available).not.toContain(accept.split(';')[0])],
      ['/doc/person/ada-example', accept, 406, (problem) => expect(problem.available).toContain('text/turtle')],
      ['/id/catalog', accept, 406, (problem) => expect(problem.available).toContain('text/turtle')],
    ],
  ),
  ['/doc/person/ada-example.bib', undefined, 404, (problem) => expect(problem.detail).toContain('ada-example.bib')],
  ['/doc/person/ada-example.csl.json', undefined, 404, (problem) => expect(problem.detail).toContain('ada-example.csl.json')],
];

describe('what is refused', () => {
  it.each(REFUSALS)('%s with Accept: %s → %i', async (path, accept, status, check) => {
    const response = await get(path, accept).set('Accept', accept ?? 'application/problem+json');
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    check(JSON.parse(response.body as string) as Record<string, unknown>);
  });
});
