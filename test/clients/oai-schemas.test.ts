import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeToken } from '../../src/harvest/resumption-token.js';
import { CONFORMANCE_DIR } from '../support/conformance-dir.js';
import { elements, harvestApp, harvestRepository, OAI, parseXml } from '../support/harvest-repository.js';
import { asText } from '../http/linked-data-fixture.js';

const run = promisify(execFile);

/** The published schema locations the responses name, which the conformance catalogs map to local copies. */
const KERNEL = { '4.6': 'http://schema.datacite.org/meta/kernel-4.6/metadata.xsd', '4.7': 'http://schema.datacite.org/meta/kernel-4/metadata.xsd' } as const;

/**
 * The driver schema the conformance README describes: OAI-PMH.xsd checks the
 * content of `metadata`, `about` and `description` with strict wildcards, and
 * xmllint ignores xsi:schemaLocation, so the schema of every format inside a
 * response is imported here by its published URL.
 */
function driverSchema(kernel: string): string {
  const imports = [
    ['http://www.openarchives.org/OAI/2.0/', 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd'],
    ['http://www.openarchives.org/OAI/2.0/oai_dc/', 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd'],
    ['http://www.openarchives.org/OAI/2.0/oai-identifier', 'http://www.openarchives.org/OAI/2.0/oai-identifier.xsd'],
    ['http://schema.datacite.org/oai/oai-1.1/', 'http://schema.datacite.org/oai/oai-1.1/oai.xsd'],
    ['http://datacite.org/schema/kernel-4', kernel],
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
${imports.map(([namespace, location]) => `  <xs:import namespace="${namespace}" schemaLocation="${location}"/>`).join('\n')}
</xs:schema>
`;
}

/** Validates files with `xmllint --nonet` against a schema, offline through the conformance catalogs; the files it did not find valid, with its messages. */
async function invalid(schema: string, files: readonly string[]): Promise<string> {
  const env = { ...process.env, XML_CATALOG_FILES: ['oai-pmh/catalog.xml', 'datacite/catalog.xml'].map((catalog) => join(CONFORMANCE_DIR, catalog)).join(' ') };
  const { stdout, stderr } = await run('xmllint', ['--nonet', '--noout', '--schema', schema, ...files], { env, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout: string; stderr: string }) => error);
  const valid = new Set(`${stdout}${stderr}`.split('\n').flatMap((line) => /^(.*) validates$/.exec(line)?.[1] ?? []));
  const failed = files.filter((file) => !valid.has(file));
  return failed.length === 0 ? '' : `${failed.join(', ')} not valid:\n${stderr}`;
}

const ID = (slug: string) => `oai:data.example.org:output/${slug}`;

/** Every verb, every error the protocol has that this repository can give, and both formats. */
const REQUESTS = [
  'verb=Identify',
  'verb=ListMetadataFormats',
  `verb=ListMetadataFormats&identifier=${ID('test-report')}`,
  `verb=ListMetadataFormats&identifier=${ID('test-guide')}`,
  ...['test-report', 'test-webinar', 'test-guide', 'test-guide-v1'].flatMap((slug) => ['oai_dc', 'oai_datacite'].map((prefix) => `verb=GetRecord&identifier=${ID(slug)}&metadataPrefix=${prefix}`)),
  'verb=ListRecords&metadataPrefix=oai_dc&set=report&from=2020-01-01&until=2020-12-31',
  '',
  'verb=Nope',
  'verb=ListRecords',
  'verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-01T00:00:00Z',
  'verb=GetRecord&identifier=not%20a%20uri&metadataPrefix=oai_dc',
  'verb=ListRecords&resumptionToken=garbage',
  `verb=ListRecords&resumptionToken=${encodeToken({ verb: 'ListRecords', metadataPrefix: 'oai_dc', cursor: 1, fingerprint: 'other' })}`,
  'verb=ListRecords&metadataPrefix=marc21',
  `verb=GetRecord&identifier=${ID('missing')}&metadataPrefix=marc21`,
  'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2030-01-01',
  'verb=ListRecords&metadataPrefix=oai_dc&set=faq',
];

describe('every OAI-PMH response and DataCite record against the official schemas (xmllint --nonet)', () => {
  let app: Express;
  let dir: string;
  const responses: string[] = [];
  const save = async (name: string, text: string) => {
    const file = join(dir, `${String(responses.length + 1).padStart(3, '0')}-${name}.xml`);
    await writeFile(file, text);
    responses.push(file);
  };

  beforeAll(async () => {
    app = harvestApp(await (await harvestRepository()).build());
    dir = await mkdtemp(join(tmpdir(), 'oscg-oai-xml-'));
    await writeFile(join(dir, 'driver-4.6.xsd'), driverSchema(KERNEL['4.6']));
    await writeFile(join(dir, 'driver-4.7.xsd'), driverSchema(KERNEL['4.7']));
    for (const query of REQUESTS) await save('request', (await request(app).get(`/osc/oai?${query}`)).text);
    // Every page of every list, one item a page, and POST as well as GET.
    for (const [verb, prefix] of [['ListRecords', 'oai_dc'], ['ListRecords', 'oai_datacite'], ['ListIdentifiers', 'oai_dc'], ['ListIdentifiers', 'oai_datacite'], ['ListSets', undefined]] as const) {
      let query: string | undefined = `verb=${verb}${prefix ? `&metadataPrefix=${prefix}` : ''}`;
      while (query) {
        const text: string = (await request(app).post('/osc/oai').type('form').send(query)).text;
        await save(verb, text);
        const token: string | null | undefined = elements(parseXml(text), OAI, 'resumptionToken')[0]?.textContent;
        query = token ? `verb=${verb}&resumptionToken=${encodeURIComponent(token)}` : undefined;
      }
    }
  });

  it.each(['4.6', '4.7'] as const)('every response is valid, with DataCite kernel %s', async (kernel) => {
    // Four oai_dc records and two oai_datacite ones, one a page, listed and identified, and four sets.
    expect(responses.length).toBe(REQUESTS.length + 4 + 2 + 4 + 2 + 4);
    expect(await invalid(join(dir, `driver-${kernel}.xsd`), responses)).toBe('');
  });

  it.each(['4.6', '4.7'] as const)('the DataCite documents of content negotiation are valid DataCite %s records', async (kernel) => {
    const files: string[] = [];
    for (const slug of ['test-report', 'test-webinar']) {
      const response = await request(app).get(`/osc/doc/output/${slug}`).set('Accept', 'application/vnd.datacite.datacite+xml').buffer(true).parse(asText);
      expect(response.headers['content-type']).toBe('application/vnd.datacite.datacite+xml; charset=utf-8');
      const file = join(dir, `${slug}.datacite.xml`);
      await writeFile(file, response.body as string);
      files.push(file);
    }
    expect(await invalid(join(CONFORMANCE_DIR, `datacite/kernel-${kernel}/metadata.xsd`), files)).toBe('');
  });

  it('the check fails on a response the schema refuses', async () => {
    const good = (await request(app).get('/osc/oai?verb=Identify')).text;
    const file = join(dir, 'broken.xml');
    await writeFile(file, good.replace('<deletedRecord>no</deletedRecord>', '<deletedRecord>never</deletedRecord>'));
    expect(await invalid(join(dir, 'driver-4.6.xsd'), [file])).toContain('not valid');
    const record = (await request(app).get(`/osc/oai?verb=GetRecord&identifier=${ID('test-report')}&metadataPrefix=oai_datacite`)).text;
    await writeFile(file, record.replace(/<publicationYear>\d+<\/publicationYear>/, ''));
    expect(await invalid(join(dir, 'driver-4.6.xsd'), [file])).toContain('not valid');
  });
});
