import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Express } from 'express';
import { Parser } from 'n3';
import request from 'supertest';
import type { Quad } from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { FIXTURE_DATES, makeFixtureHistory } from '../support/fixture-history.js';
import { createHistoryServer, type HistoryServer } from '../support/history-server.js';
import { asText } from './linked-data-fixture.js';

// /catalog?modified_since=T and the change stream agree: the datasets the catalogue lists as
// modified since T are those the stream created or updated at or after T and did not remove
// since. The fixture history gets one more commit (1 Jun 2024) that changes only projects.yaml:
// a contributor joins the project, and every output of the project is credited anew. The
// outputs' own lines (which date their catalogue records) do not change; the stream updates
// them, and so does modified_since, which counts when the releases last changed a dataset.

const BASE = 'http://localhost:3000/';
const CONTRIBUTOR_JOINS = '2024-06-01T00:00:00Z';
const AS = 'https://www.w3.org/ns/activitystreams#';
const DCAT_DATASET = 'http://www.w3.org/ns/dcat#Dataset';

let server: HistoryServer;
let withoutHistory: Express;

beforeAll(async () => {
  const fixture = await makeFixtureHistory();
  const projects = join(fixture.dataDir, 'projects.yaml');
  await writeFile(projects, `${(await readFile(projects, 'utf8')).trimEnd()}\n    - { agent: ada-example, roles: [expert-advisor] }\n`);
  fixture.git(['commit', '-q', '-am', 'A contributor joins the project'], CONTRIBUTOR_JOINS);
  server = await createHistoryServer({ fixture, changesPageSize: 5, baseUrl: BASE });
  withoutHistory = createApp({ graph: server.graph, baseUrl: BASE, accessLog: () => undefined, catalogPageSize: 2 });
});
afterAll(async () => {
  await server?.close();
});

interface Activity {
  readonly type: string;
  readonly object: string;
  readonly published: number;
  readonly isDataset: boolean;
}

/** Every activity of the stream, read over HTTP from the root through each page's relation. */
async function streamActivities(): Promise<Activity[]> {
  const activities: Activity[] = [];
  let path: string | undefined = '/changes';
  while (path) {
    const response = await request(server.app).get(path).set('Accept', 'application/n-quads').buffer(true).parse(asText);
    const quads: Quad[] = new Parser({ format: 'application/n-quads' }).parse(response.body as string);
    const value = (subject: string, predicate: string) => quads.find((quad) => quad.subject.value === subject && quad.predicate.value === predicate && quad.graph.termType === 'DefaultGraph')?.object.value;
    for (const member of quads.filter((quad) => quad.predicate.value === 'https://w3id.org/tree#member').map((quad) => quad.object.value)) {
      const object = value(member, `${AS}object`)!;
      activities.push({
        type: value(member, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type')!,
        object,
        published: Date.parse(value(member, `${AS}published`)!),
        isDataset: quads.some((quad) => quad.graph.value === member && quad.subject.value === object && quad.object.value === DCAT_DATASET),
      });
    }
    const node = quads.find((quad) => quad.predicate.value === 'https://w3id.org/tree#node')?.object.value;
    path = node ? new URL(node).pathname : undefined;
  }
  return activities;
}

/** The datasets the stream created or updated at or after `since` and has not removed since. */
function streamSince(activities: readonly Activity[], since: number): string[] {
  const latest = new Map<string, Activity>();
  for (const activity of [...activities].sort((a, b) => a.published - b.published)) latest.set(activity.object, activity);
  const changed = new Set(activities.filter((activity) => activity.isDataset && activity.type !== `${AS}Remove` && activity.published >= since).map((activity) => activity.object));
  return [...changed].filter((dataset) => latest.get(dataset)!.type !== `${AS}Remove`).sort();
}

/** The datasets /catalog?modified_since= lists over all its pages. */
async function catalogSince(app: Express, since: string): Promise<string[]> {
  const datasets: string[] = [];
  let path: string | undefined = `/catalog?modified_since=${encodeURIComponent(since)}`;
  while (path) {
    const response = await request(app).get(path).set('Accept', 'application/n-triples').buffer(true).parse(asText);
    if (response.status === 404) break;
    const quads: Quad[] = new Parser({ format: 'application/n-triples' }).parse(response.body as string);
    datasets.push(...quads.filter((quad) => quad.subject.value === `${BASE}id/catalog` && quad.predicate.value === 'http://www.w3.org/ns/dcat#dataset').map((quad) => quad.object.value));
    const next = quads.find((quad) => quad.predicate.value === 'http://www.w3.org/ns/hydra/core#next')?.object.value;
    path = next ? new URL(next).pathname + new URL(next).search : undefined;
  }
  return datasets.sort();
}

describe('/catalog?modified_since= agrees with the change stream', () => {
  let activities: Activity[];
  beforeAll(async () => {
    activities = await streamActivities();
  });

  it.each([
    ['before the first release', '2023-12-31T00:00:00Z'],
    ['at the first release', FIXTURE_DATES.base],
    ['just after it', '2024-01-10T10:00:01Z'],
    ['at the addition', FIXTURE_DATES.added],
    ['between the addition and the retitling', '2024-02-15T00:00:00Z'],
    ['at the retitling', FIXTURE_DATES.retitled],
    ['at the shapes-only commit', FIXTURE_DATES.shapes],
    ['at the removal', FIXTURE_DATES.removed],
    ['between the removal and the contributor joining', '2024-05-15T00:00:00Z'],
    ['at the contributor joining', CONTRIBUTOR_JOINS],
    ['after every release', '2025-01-01T00:00:00Z'],
  ])('%s (%s)', async (_case, since) => {
    expect(await catalogSince(server.app, since)).toEqual(streamSince(activities, Date.parse(since)));
  });

  it('finds the outputs a project change credited anew by the records\' own dates too, which follow every line a record draws on', async () => {
    const credited = streamSince(activities, Date.parse('2024-05-15T00:00:00Z'));
    expect(credited).toEqual(expect.arrayContaining([`${BASE}id/output/test-guide`, `${BASE}id/output/test-report`]));
    expect(await catalogSince(withoutHistory, '2024-05-15T00:00:00Z')).toEqual(credited);
    expect(await catalogSince(server.app, '2024-05-15T00:00:00Z')).toEqual(credited);
  });

  it('leaves removals to the stream: a dataset gone from the catalogue is only there, as an as:Remove', () => {
    expect(activities.filter((activity) => activity.type === `${AS}Remove`).map((activity) => [activity.object, new Date(activity.published).toISOString()])).toEqual([[`${BASE}id/output/test-faq`, '2024-04-01T16:45:00.000Z']]);
  });
});
