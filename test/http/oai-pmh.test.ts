import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document, Element } from '@xmldom/xmldom';
import { datestamp } from '../../src/harvest/oai-pmh.js';
import { encodeToken } from '../../src/harvest/resumption-token.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { rawRequest } from '../support/raw-request.js';
import { childNames, elements, FIRST_COMMIT, HARVEST_BASE, harvestApp, harvestRepository, OAI, parseXml, texts, type HarvestRepository } from '../support/harvest-repository.js';

const DC = 'http://purl.org/dc/elements/1.1/';
const XML = 'http://www.w3.org/XML/1998/namespace';
const ID = (slug: string) => `oai:data.example.org:output/${slug}`;
const ALL = ['test-guide', 'test-guide-v1', 'test-report', 'test-webinar'].map(ID);

let repository: HarvestRepository;
let graph: PublishedGraph;
let app: Express;

beforeAll(async () => {
  repository = await harvestRepository();
  graph = await repository.build();
  app = harvestApp(graph);
});

/** GETs `{base}oai?{query}` and parses the answer, which must be a 200 text/xml OAI-PMH document. */
async function oai(query: string, on: Express = app): Promise<Document> {
  const response = await request(on).get(`/osc/oai${query ? `?${query}` : ''}`);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  return parseXml(response.text);
}

function errorCodes(document: Document): string[] {
  return elements(document, OAI, 'error').map((error) => error.getAttribute('code')!);
}

function requestAttributes(document: Document): Record<string, string> {
  const element = elements(document, OAI, 'request')[0]!;
  return Object.fromEntries(Array.from(element.attributes).map((attribute) => [attribute.name, attribute.value]));
}

/** Follows resumption tokens from `query` to the end; the identifiers in order, and the tokens' cursors. */
async function harvest(query: string, on: Express = app): Promise<{ identifiers: string[]; cursors: number[]; sizes: string[] }> {
  const identifiers: string[] = [];
  const cursors: number[] = [];
  const sizes: string[] = [];
  let next: string | undefined = query;
  const verb = /verb=(\w+)/.exec(query)![1]!;
  while (next !== undefined) {
    const document = await oai(next, on);
    expect(errorCodes(document)).toEqual([]);
    identifiers.push(...elements(document, OAI, 'header').map((header) => texts(header, OAI, 'identifier')[0]!));
    const token = elements(document, OAI, 'resumptionToken')[0];
    if (token) {
      cursors.push(Number(token.getAttribute('cursor')));
      sizes.push(token.getAttribute('completeListSize')!);
    }
    next = token?.textContent ? `verb=${verb}&resumptionToken=${encodeURIComponent(token.textContent)}` : undefined;
  }
  return { identifiers, cursors, sizes };
}

describe('OAI-PMH Identify and formats', () => {
  it('Identify names the repository, its base URL, administrator, earliest datestamp, deletion policy, granularity and identifier scheme', async () => {
    const document = await oai('verb=Identify');
    const identify = elements(document, OAI, 'Identify')[0]!;
    expect(childNames(identify)).toEqual(['repositoryName', 'baseURL', 'protocolVersion', 'adminEmail', 'earliestDatestamp', 'deletedRecord', 'granularity', 'compression', 'compression', 'description']);
    expect(texts(identify, OAI, 'repositoryName')).toEqual(['Test outputs']);
    expect(texts(identify, OAI, 'baseURL')).toEqual([`${HARVEST_BASE}oai`]);
    expect(texts(identify, OAI, 'adminEmail')).toEqual(['oai-admin@example.org']);
    expect(texts(identify, OAI, 'earliestDatestamp')).toEqual([FIRST_COMMIT]);
    expect(texts(identify, OAI, 'deletedRecord')).toEqual(['no']);
    expect(texts(identify, OAI, 'granularity')).toEqual(['YYYY-MM-DDThh:mm:ssZ']);
    const scheme = 'http://www.openarchives.org/OAI/2.0/oai-identifier';
    expect(texts(identify, scheme, 'repositoryIdentifier')).toEqual(['data.example.org']);
    expect(texts(identify, scheme, 'sampleIdentifier')).toEqual([ID('test-guide')]);
    expect(texts(document, OAI, 'responseDate')).toEqual(['2030-01-01T00:00:00Z']);
    expect(requestAttributes(document)).toEqual({ verb: 'Identify' });
  });

  it('leaves out the oai-identifier description when the base host is no domain name (localhost)', async () => {
    const local = harvestApp(await (await harvestRepository()).build('http://localhost:3000/'));
    const response = await request(local).get('/oai?verb=Identify');
    const identify = elements(parseXml(response.text), OAI, 'Identify')[0]!;
    expect(childNames(identify)).not.toContain('description');
    const headers = await request(local).get('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc');
    expect(texts(parseXml(headers.text), OAI, 'identifier')[0]).toBe('oai:localhost:output/test-guide');
  });

  it('ListMetadataFormats gives both formats, and for one item only those it can be had in', async () => {
    const prefixes = async (query: string) => texts(await oai(query), OAI, 'metadataPrefix');
    expect(await prefixes('verb=ListMetadataFormats')).toEqual(['oai_dc', 'oai_datacite']);
    expect(await prefixes(`verb=ListMetadataFormats&identifier=${ID('test-report')}`)).toEqual(['oai_dc', 'oai_datacite']);
    expect(await prefixes(`verb=ListMetadataFormats&identifier=${ID('test-guide')}`)).toEqual(['oai_dc']);
    const document = await oai('verb=ListMetadataFormats');
    expect(texts(document, OAI, 'metadataNamespace')).toEqual(['http://www.openarchives.org/OAI/2.0/oai_dc/', 'http://schema.datacite.org/oai/oai-1.1/']);
    expect(texts(document, OAI, 'schema')).toEqual(['http://www.openarchives.org/OAI/2.0/oai_dc.xsd', 'http://schema.datacite.org/oai/oai-1.1/oai.xsd']);
  });

  it('ListSets gives one set per kind of output, one a page', async () => {
    const specs: string[] = [];
    let query: string | undefined = 'verb=ListSets';
    while (query) {
      const document = await oai(query);
      specs.push(...texts(document, OAI, 'setSpec'));
      expect(texts(document, OAI, 'setName')).toHaveLength(1);
      const token = elements(document, OAI, 'resumptionToken')[0]?.textContent;
      query = token ? `verb=ListSets&resumptionToken=${token}` : undefined;
    }
    expect(specs).toEqual(['faq', 'guide', 'report', 'webinar-recording']);
  });
});

/**
 * [query, the error codes, whether the request element keeps the arguments
 * (not after badVerb or badArgument), words the message must hold].
 */
const ERROR_CASES: readonly [string, string[], boolean, string?][] = [
  ['', ['badVerb'], false, 'no verb'],
  ['verb=Harvest', ['badVerb'], false, 'not an OAI-PMH verb'],
  ['verb=Identify&verb=Identify', ['badVerb'], false, 'repeated'],
  ['verb=Identify&set=report', ['badArgument'], false, 'takes no argument'],
  ['verb=ListRecords', ['badArgument'], false, 'needs the argument metadataPrefix'],
  ['verb=GetRecord&metadataPrefix=oai_dc', ['badArgument'], false, 'identifier'],
  ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', ['badArgument'], false, 'repeated'],
  ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01', ['badArgument'], false, 'not a UTC date'],
  ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-30', ['badArgument'], false, 'not a UTC date'],
  ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00Z', ['badArgument'], false, 'to the second'],
  ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00%2B01:00', ['badArgument'], false, 'UTC'],
  ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z', ['badArgument'], false, 'same granularity'],
  ['verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01', ['badArgument'], false, 'later than until'],
  ['verb=ListRecords&metadataPrefix=oai_dc&set=no%20spaces', ['badArgument'], false, 'not a setSpec'],
  ['verb=ListRecords&metadataPrefix=oai%20dc', ['badArgument'], false, 'not a metadata prefix'],
  ['verb=ListRecords&metadataPrefix=oai_dc&set=', ['badArgument'], false, 'empty'],
  ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x', ['badArgument'], false, 'exclusive'],
  ['verb=GetRecord&identifier=not%20a%20uri&metadataPrefix=oai_dc', ['badArgument'], false, 'not a URI'],
  ['verb=ListRecords&resumptionToken=not-a-token', ['badResumptionToken'], true, 'not issued by this repository'],
  [`verb=ListSets&resumptionToken=${encodeToken({ verb: 'ListSets', cursor: 2, fingerprint: 'from-another-list' })}`, ['badResumptionToken'], true, 'changed since it was issued'],
  ['verb=ListRecords&metadataPrefix=marc21', ['cannotDisseminateFormat'], true, 'not one this repository offers'],
  ['verb=ListIdentifiers&metadataPrefix=marc21', ['cannotDisseminateFormat'], true, 'oai_dc or oai_datacite'],
  [`verb=GetRecord&identifier=${ID('test-guide')}&metadataPrefix=oai_datacite`, ['cannotDisseminateFormat'], true, 'DataCite requires identifier (a DOI), publisher and publicationYear, which this output\'s data does not give: fill in its doi, publisher and issued in data/outputs.yaml.'],
  [`verb=GetRecord&identifier=${ID('test-guide-v1')}&metadataPrefix=oai_datacite`, ['cannotDisseminateFormat'], true, 'identifier (a DOI), creators, publisher and publicationYear'],
  [`verb=GetRecord&identifier=${ID('no-such-output')}&metadataPrefix=oai_dc`, ['idDoesNotExist'], true, 'no item'],
  ['verb=GetRecord&identifier=oai:elsewhere.example.org:output/test-guide&metadataPrefix=oai_dc', ['idDoesNotExist'], true],
  [`verb=GetRecord&identifier=${ID('no-such-output')}&metadataPrefix=marc21`, ['idDoesNotExist', 'cannotDisseminateFormat'], true],
  [`verb=ListMetadataFormats&identifier=${ID('no-such-output')}`, ['idDoesNotExist'], true],
  ['verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01', ['noRecordsMatch'], true, 'from 2030-01-01'],
  ['verb=ListIdentifiers&metadataPrefix=oai_dc&until=2019-12-31', ['noRecordsMatch'], true],
  ['verb=ListRecords&metadataPrefix=oai_dc&set=faq', ['noRecordsMatch'], true, 'set faq'],
  ['verb=ListRecords&metadataPrefix=oai_dc&set=no-such-kind', ['noRecordsMatch'], true],
  ['verb=ListRecords&metadataPrefix=oai_datacite&set=guide', ['noRecordsMatch'], true],
];

describe('OAI-PMH errors', () => {
  it.each(ERROR_CASES)('%s → %j', async (query, codes, echoesArguments, words) => {
    const document = await oai(query);
    expect(errorCodes(document)).toEqual(codes);
    // An error response holds the response date, the request and the errors, nothing else.
    expect(childNames(document.documentElement! as unknown as Element)).toEqual(['responseDate', 'request', ...codes.map(() => 'error')]);
    const attributes = requestAttributes(document);
    if (echoesArguments) expect(attributes).toEqual(Object.fromEntries(new URLSearchParams(query)));
    else expect(attributes).toEqual({});
    if (words) expect(texts(document, OAI, 'error').join(' ')).toContain(words);
  });

  it('a token is bound to its verb', async () => {
    const first = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    const token = elements(first, OAI, 'resumptionToken')[0]!.textContent!;
    expect(errorCodes(await oai(`verb=ListIdentifiers&resumptionToken=${token}`))).toEqual(['badResumptionToken']);
    expect(errorCodes(await oai(`verb=ListRecords&resumptionToken=${token}`))).toEqual([]);
  });
});

describe('OAI-PMH lists', () => {
  it('ListRecords in oai_dc, one record a page, gives every output once, in identifier order, with cursors and the complete size', async () => {
    const { identifiers, cursors, sizes } = await harvest('verb=ListRecords&metadataPrefix=oai_dc');
    expect(identifiers).toEqual(ALL);
    expect(cursors).toEqual([0, 1, 2, 3]);
    expect(sizes).toEqual(['4', '4', '4', '4']);
  });

  it('the last page ends the list with an empty token', async () => {
    let document = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    for (let page = 1; page < 4; page += 1) document = await oai(`verb=ListIdentifiers&resumptionToken=${elements(document, OAI, 'resumptionToken')[0]!.textContent}`);
    const token = elements(document, OAI, 'resumptionToken')[0]!;
    expect(token.textContent).toBe('');
    expect(token.getAttribute('cursor')).toBe('3');
  });

  it('ListRecords in oai_datacite gives only the outputs DataCite can describe', async () => {
    expect((await harvest('verb=ListRecords&metadataPrefix=oai_datacite')).identifiers).toEqual([ID('test-report'), ID('test-webinar')]);
    expect((await harvest('verb=ListIdentifiers&metadataPrefix=oai_datacite')).identifiers).toEqual([ID('test-report'), ID('test-webinar')]);
  });

  it('sets are kinds of output, and each header names its set', async () => {
    expect((await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc&set=guide')).identifiers).toEqual([ID('test-guide'), ID('test-guide-v1')]);
    expect((await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc&set=report')).identifiers).toEqual([ID('test-report')]);
    const document = await oai(`verb=GetRecord&identifier=${ID('test-webinar')}&metadataPrefix=oai_dc`);
    expect(texts(document, OAI, 'setSpec')).toEqual(['webinar-recording']);
  });

  it('a day as until takes in the whole day, as a day as from starts at its beginning', async () => {
    // Every record is dated 2020-01-02T03:04:05Z.
    expect((await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2020-01-02')).identifiers).toEqual(ALL);
    expect((await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2020-01-02&until=2020-01-02')).identifiers).toEqual(ALL);
    expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2020-01-02T03:04:04Z'))).toEqual(['noRecordsMatch']);
    expect((await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2020-01-02T03:04:05Z&until=2020-01-02T03:04:05Z')).identifiers).toEqual(ALL);
  });

  it('a list that fits one page has no resumption token', async () => {
    const document = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc', harvestApp(graph, { adminEmails: ['a@example.org'], pageSize: 10 }));
    expect(elements(document, OAI, 'header')).toHaveLength(4);
    expect(elements(document, OAI, 'resumptionToken')).toHaveLength(0);
  });

  it('datestamps are the catalogue records\' dct:modified, from the history of data/, never the build time', async () => {
    const { identifiers } = await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc');
    for (const identifier of identifiers) {
      const document = await oai(`verb=GetRecord&identifier=${identifier}&metadataPrefix=oai_dc`);
      const slug = identifier.split('/').at(-1)!;
      const modified = graph.store.getObjects(`${HARVEST_BASE}id/catalog#record-${slug}`, 'http://purl.org/dc/terms/modified', null)[0]!.value;
      expect(texts(document, OAI, 'datestamp')).toEqual([modified]);
      expect(modified).toBe(FIRST_COMMIT);
    }
  });
});

describe('OAI-PMH records', () => {
  it('oai_dc gives each language of a title and description its own element with xml:lang, and the authors in order', async () => {
    const document = await oai(`verb=GetRecord&identifier=${ID('test-report')}&metadataPrefix=oai_dc`);
    const lang = (name: string) => elements(document, DC, name).map((element) => [element.getAttributeNS(XML, 'lang'), element.textContent]);
    expect(lang('title')).toEqual([['en', 'Test Report'], ['fr', 'Rapport de test']]);
    expect(lang('description')).toEqual([['en', 'A report for tests.'], ['fr', 'Un rapport pour les tests.']]);
    expect(texts(document, DC, 'creator')).toEqual(['Bob Example', 'Ada Exámple']);
    expect(texts(document, DC, 'publisher')).toEqual(['Test Organisation']);
    expect(texts(document, DC, 'identifier')).toEqual([`${HARVEST_BASE}id/output/test-report`, 'https://doi.org/10.5072/test-report', 'https://example.org/report']);
    expect(texts(document, DC, 'date')).toEqual(['2019-05']);
    expect(texts(document, DC, 'type')).toEqual(['Text', 'Report']);
    expect(texts(document, DC, 'rights')).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
    expect(texts(document, DC, 'language')).toEqual(['en']);
    expect(texts(document, DC, 'coverage')).toEqual(['Canada']);
    expect(lang('subject')).toContainEqual(['fr', 'rapport']);
  });

  it('oai_datacite wraps a complete DataCite 4 record', async () => {
    const document = await oai(`verb=GetRecord&identifier=${ID('test-report')}&metadataPrefix=oai_datacite`);
    const WRAPPER = 'http://schema.datacite.org/oai/oai-1.1/';
    const KERNEL = 'http://datacite.org/schema/kernel-4';
    expect(texts(document, WRAPPER, 'schemaVersion')).toEqual(['4.6']);
    const resource = elements(document, KERNEL, 'resource')[0]!;
    expect(elements(document, WRAPPER, 'payload')[0]!.getElementsByTagNameNS(KERNEL, 'resource')).toHaveLength(1);
    expect(texts(resource, KERNEL, 'identifier')).toEqual(['10.5072/test-report']);
    expect(elements(resource, KERNEL, 'identifier')[0]!.getAttribute('identifierType')).toBe('DOI');
    expect(texts(resource, KERNEL, 'creatorName')).toEqual(['Bob Example', 'Ada Exámple']);
    expect(texts(resource, KERNEL, 'publicationYear')).toEqual(['2019']);
    expect(elements(resource, KERNEL, 'resourceType')[0]!.getAttribute('resourceTypeGeneral')).toBe('Report');
  });
});

describe('OAI-PMH over HTTP', () => {
  it('POST of a form answers as GET does', async () => {
    const query = 'verb=ListRecords&metadataPrefix=oai_dc&set=report';
    const get = await request(app).get(`/osc/oai?${query}`);
    const post = await request(app).post('/osc/oai').type('form').send(query);
    expect(post.status).toBe(200);
    expect(post.text).toBe(get.text);
  });

  it('POST errors are protocol errors too', async () => {
    const post = await request(app).post('/osc/oai').type('form').send('verb=Nope');
    expect(errorCodes(parseXml(post.text))).toEqual(['badVerb']);
  });

  it.each([
    ['a JSON body', 415, { 'Content-Type': 'application/json' }, '{"verb":"Identify"}'],
    ['a form in Latin-1', 415, { 'Content-Type': 'application/x-www-form-urlencoded; charset=iso-8859-1' }, 'verb=Identify'],
    ['no Content-Type', 415, {}, 'verb=Identify'],
    ['a malformed Content-Type', 400, { 'Content-Type': 'application/x-www-form-urlencoded; charset' }, 'verb=Identify'],
    ['a body that is not UTF-8', 400, { 'Content-Type': 'application/x-www-form-urlencoded' }, Buffer.from([0x76, 0x65, 0x72, 0x62, 0x3d, 0xff])],
  ] as const)('POST with %s → %i', async (_what, status, headers, body) => {
    const response = await rawRequest(app, 'POST', '/osc/oai', headers, body);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a body past the limit is refused with 413', async () => {
    const response = await request(app).post('/osc/oai').type('form').send(`verb=Identify&x=${'a'.repeat(20_000)}`);
    expect(response.status).toBe(413);
  });

  it.each(['put', 'delete', 'patch'] as const)('%s → 405 naming the allowed methods', async (method) => {
    const response = await request(app)[method]('/osc/oai');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
  });

  it('HEAD answers like GET, without a body', async () => {
    const response = await request(app).head('/osc/oai?verb=Identify');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  });

  it('without an administrator address there is no endpoint, and the 404 says why', async () => {
    const response = await request(harvestApp(graph, null)).get('/osc/oai?verb=Identify');
    expect(response.status).toBe(404);
    expect(response.body.detail).toContain('OAI_ADMIN_EMAIL');
  });
});

describe('incremental harvests and rebuilds', () => {
  it('an edit re-dates its record; from = that time, as a date-time or a day, gives exactly the changed records', async () => {
    const history = await harvestRepository();
    const before = harvestApp(await history.build());
    const token = elements(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc', before), OAI, 'resumptionToken')[0]!.textContent!;
    await history.edit('outputs.yaml', (text) => text.replace('description: Version 1 of the test guide.', 'description: Version 1 of the test guide, revised.'), '2021-06-07T08:09:10Z');
    const after = harvestApp(await history.build());
    expect((await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2021-06-07T08:09:10Z', after)).identifiers).toEqual([ID('test-guide-v1')]);
    expect((await harvest('verb=ListRecords&metadataPrefix=oai_dc&from=2021-06-07', after)).identifiers).toEqual([ID('test-guide-v1')]);
    expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2021-06-07T08:09:11Z', after))).toEqual(['noRecordsMatch']);
    expect((await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2021-06-07T08:09:09Z', after)).identifiers).toEqual([ID('test-guide'), ID('test-report'), ID('test-webinar')]);
    const record = await oai(`verb=GetRecord&identifier=${ID('test-guide-v1')}&metadataPrefix=oai_dc`, after);
    expect(texts(record, OAI, 'datestamp')).toEqual([datestamp(new Date('2021-06-07T08:09:10Z'))]);
    // The list the old token continued now has another datestamp: it is refused, not continued wrongly.
    expect(errorCodes(await oai(`verb=ListIdentifiers&resumptionToken=${token}`, after))).toEqual(['badResumptionToken']);
  });

  it('a token survives a rebuild that leaves its list as it was, and the harvest ends with every output once', async () => {
    const history = await harvestRepository();
    const before = harvestApp(await history.build());
    const first = await oai('verb=ListRecords&metadataPrefix=oai_dc', before);
    const token = elements(first, OAI, 'resumptionToken')[0]!.textContent!;
    // The catalogue's own description is in no output's record.
    await history.edit('catalog.yaml', (text) => text.replace('description: A tiny catalogue for tests.', 'description: A tiny catalogue for harvest tests.'), '2022-01-01T00:00:00Z');
    const after = harvestApp(await history.build());
    const rest = await harvest(`verb=ListRecords&resumptionToken=${token}`, after);
    expect([...texts(first, OAI, 'identifier'), ...rest.identifiers]).toEqual(ALL);
  });

  it('a token is refused after a rebuild that adds an output to its list', async () => {
    const history = await harvestRepository();
    const before = harvestApp(await history.build());
    const token = elements(await oai('verb=ListRecords&metadataPrefix=oai_dc&set=guide', before), OAI, 'resumptionToken')[0]!.textContent!;
    await history.edit('outputs.yaml', (text) => `${text}- id: test-guide-v2\n  title: Test Guide v2\n  description: Version 2 of the test guide.\n  kind: guide\n  links:\n    - url: https://example.org/guide/v2\n`, '2022-01-01T00:00:00Z');
    const after = harvestApp(await history.build());
    const refused = await oai(`verb=ListRecords&resumptionToken=${token}`, after);
    expect(errorCodes(refused)).toEqual(['badResumptionToken']);
    expect(texts(refused, OAI, 'error')[0]).toContain('start the list again');
    expect((await harvest('verb=ListRecords&metadataPrefix=oai_dc&set=guide', after)).identifiers).toEqual([ID('test-guide'), ID('test-guide-v1'), ID('test-guide-v2')]);
  });
});
