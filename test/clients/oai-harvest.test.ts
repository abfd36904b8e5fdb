import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DCAT, FOAF } from '../../src/graph/namespaces.js';
import { buildTestGraph, PROJECT_ROOT } from '../support/build-test-graph.js';
import { HARVEST_BASE, harvestApp, harvestRepository, OAI, parseXml, texts } from '../support/harvest-repository.js';
import { close, listen } from '../http/linked-data-fixture.js';

const run = promisify(execFile);

/**
 * Harvests with Debian's OAI-PMH harvester (`oai_pmh`, of libhttp-oai-perl):
 * the verb over the whole repository, following every resumption token; the
 * identifiers of the records it got, in order. It exits non-zero on any
 * protocol error but noRecordsMatch (an empty harvest).
 */
async function harvest(origin: string, path: string, ...args: string[]): Promise<string[]> {
  const { stdout } = await run('oai_pmh', ['-X', 'ListRecords', ...args, `${origin}${path}`], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
  // Each record is its header lines, its metadata and a form feed.
  return stdout.split('\f').flatMap((record) => /^identifier: (.*)$/m.exec(record)?.[1] ?? []);
}

describe('Debian\'s OAI-PMH harvester (oai_pmh)', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await close(server);
  });
  const serve = async (app: Parameters<typeof listen>[0]) => {
    const { server, origin } = await listen(app);
    servers.push(server);
    return origin;
  };

  it('harvests the test repository in both formats, one record a page, getting each record exactly once', async () => {
    const origin = await serve(harvestApp(await (await harvestRepository()).build()));
    const all = ['test-guide', 'test-guide-v1', 'test-report', 'test-webinar'].map((slug) => `oai:data.example.org:output/${slug}`);
    expect(await harvest(origin, '/osc/oai', '--metadataPrefix', 'oai_dc')).toEqual(all);
    expect(await harvest(origin, '/osc/oai', '--metadataPrefix', 'oai_datacite')).toEqual([all[2], all[3]]);
    expect(await harvest(origin, '/osc/oai', '--metadataPrefix', 'oai_dc', '--set', 'guide')).toEqual([all[0], all[1]]);
  });

  it('an incremental harvest from the last harvest\'s responseDate gets exactly what changed since', async () => {
    const history = await harvestRepository();
    const before = await serve(harvestApp(await history.build(), { adminEmails: ['oai-admin@example.org'], pageSize: 1 }));
    // A harvester keeps the responseDate of its harvest's first response as the next harvest's from.
    const started = texts(parseXml((await request(before).get('/osc/oai?verb=Identify')).text), OAI, 'responseDate')[0]!;
    expect((await harvest(before, '/osc/oai', '--metadataPrefix', 'oai_dc')).length).toBe(4);
    const next = new Date(Date.parse(started) + 1000).toISOString().replace('.000Z', 'Z');
    await history.edit('outputs.yaml', (text) => text.replace('title: Test Webinar', 'title: Test Webinar, recorded'), next);
    const after = await serve(harvestApp(await history.build(), { adminEmails: ['oai-admin@example.org'], pageSize: 1 }));
    expect(await harvest(after, '/osc/oai', '--metadataPrefix', 'oai_dc', '--from', started)).toEqual(['oai:data.example.org:output/test-webinar']);
    expect(await harvest(after, '/osc/oai', '--metadataPrefix', 'oai_datacite', '--from', started)).toEqual(['oai:data.example.org:output/test-webinar']);
    // Nothing changed after the edit.
    expect(await harvest(after, '/osc/oai', '--metadataPrefix', 'oai_dc', '--from', new Date(Date.parse(next) + 1000).toISOString().replace('.000Z', 'Z'))).toEqual([]);
  });

  describe('the project\'s own data', () => {
    let origin: string;
    let expected: string[];
    beforeAll(async () => {
      const graph = await buildTestGraph({ baseUrl: HARVEST_BASE, dataDir: join(PROJECT_ROOT, 'data') });
      // Every output the history of data/ dates: all of them, once data/ is committed.
      const catalog = `${HARVEST_BASE}id/catalog`;
      expected = graph.store
        .getObjects(catalog, DCAT.dataset, null)
        .filter((dataset) => graph.store.getSubjects(FOAF.primaryTopic, dataset, null).length > 0)
        .map((dataset) => `oai:data.example.org:${dataset.value.slice(`${HARVEST_BASE}id/`.length)}`)
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      origin = await serve(harvestApp(graph));
    });

    it('harvests every output once in oai_dc', async () => {
      expect(await harvest(origin, '/osc/oai', '--metadataPrefix', 'oai_dc')).toEqual(expected);
    });

    it('harvests no record in oai_datacite, since no output gives a DOI, an issue date or (for most) a publisher', async () => {
      expect(await harvest(origin, '/osc/oai', '--metadataPrefix', 'oai_datacite')).toEqual([]);
    });
  });
});
