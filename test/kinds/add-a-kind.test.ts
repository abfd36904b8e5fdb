import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ALL_KINDS } from '../../src/kinds/all-kinds.js';
import { SourceDataErrors } from '../../src/source/source-data-error.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';
import { events } from '../fixtures/kinds/events.js';
import { createTestServer } from '../http/linked-data-fixture.js';
import { buildTestGraph } from '../support/build-test-graph.js';

const { literal, namedNode } = DataFactory;
const BASE = 'http://localhost:3000/';
const SCHEMA = 'http://schema.org/';

/** The valid fixture data with an `events.yaml` beside it. */
async function dataWithEvents(eventsYaml: string): Promise<string> {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'oscg-kind-')), 'data');
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), dataDir, { recursive: true });
  await writeFile(join(dataDir, 'events.yaml'), eventsYaml);
  return dataDir;
}

const EVENTS = `- name: { en: Launch webinar, fr: Webinaire de lancement }
  date: 2019-03-01
  organiser: test-org
`;

describe('a kind of thing added as one module', () => {
  it('is validated with file, line and field', async () => {
    const dataDir = await dataWithEvents(`- name: Launch webinar\n  date: 2019-03-01\n  organiser: nobody\n  venue: Ottawa\n`);
    const build = buildTestGraph({ dataDir, kinds: [...ALL_KINDS, events] });
    await expect(build).rejects.toBeInstanceOf(SourceDataErrors);
    await expect(build).rejects.toThrow(/events\.yaml, line 4, events\[0\]\.venue: unknown field "venue"/);
  });

  it('checks references to it and from it once every file is read', async () => {
    const dataDir = await dataWithEvents(`- name: Launch webinar\n  date: 2019-03-01\n  organiser: nobody\n`);
    await expect(buildTestGraph({ dataDir, kinds: [...ALL_KINDS, events] })).rejects.toThrow(
      /events\.yaml, line 3, events\[0\]\.organiser: refers to person or organisation "nobody", which is not defined/,
    );
  });

  it('is mapped, dereferenceable and shown on its page', async () => {
    const dataDir = await dataWithEvents(EVENTS);
    const server = await createTestServer({ baseUrl: BASE, dataDir, kinds: [...ALL_KINDS, events] });
    const event = namedNode(`${BASE}id/event/launch-webinar`);
    const store = server.graph.store;
    expect(store.has(DataFactory.quad(event, namedNode(`${SCHEMA}organizer`), namedNode(`${BASE}id/organisation/test-org`)))).toBe(true);
    expect(store.has(DataFactory.quad(event, namedNode(`${SCHEMA}name`), literal('Webinaire de lancement', 'fr')))).toBe(true);

    const seeOther = await request(server.app).get('/id/event/launch-webinar').set('Accept', 'text/turtle');
    expect(seeOther.status).toBe(303);
    expect(seeOther.headers.location).toBe(`${BASE}doc/event/launch-webinar.ttl`);
    const turtle = await request(server.app).get('/doc/event/launch-webinar.ttl');
    expect(turtle.status).toBe(200);
    expect(turtle.text).toContain('schema:startDate "2019-03-01"^^xsd:date');

    const page = await request(server.app).get('/doc/event/launch-webinar').set('Accept', 'text/html').set('Accept-Language', 'fr');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Webinaire de lancement</h1>');
  });
});
