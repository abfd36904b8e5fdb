import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replicateLDES } from 'ldes-client';
import { DataFactory } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import type { Quad } from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { ReleaseChanges } from '../../src/history/release-changes.js';
import { addLaterRelease, FIXTURE_RELEASES, LATER_RELEASE, makeFixtureHistory, type FixtureHistory } from '../support/fixture-history.js';
import { createHistoryServer, type HistoryServer } from '../support/history-server.js';

// The reference LDES client (npm ldes-client, which no one here wrote)
// replicates the change stream over real HTTP on loopback, keeping its state
// on disk; after one more release it is run again with that state and gets
// only the new members, fetching only the root and the pages it has not
// seen closed. Pages of 6 members: the fixture's 40 changes make six closed
// pages and four on the root, and the later release's three close a seventh
// page (the root's four and two new) and leave one on the root.
const PAGE_SIZE = 6;
const AS = 'https://www.w3.org/ns/activitystreams#';

interface Replicated {
  readonly id: string;
  readonly timestamp?: Date | string;
  readonly isVersionOf?: string;
  readonly type?: string;
  readonly quads: readonly Quad[];
}

let fixture: FixtureHistory;
let listener: Server;
let base: string;
let served: HistoryServer;
const requests: string[] = [];

/** Replicates the stream from its root with the client's default settings (unordered, no polling); `accept` replaces the Accept header it sends. */
async function replicate(options: { readonly statePath?: string; readonly accept?: string; readonly ordered?: 'ascending' } = {}): Promise<Replicated[]> {
  const fetchWith: typeof fetch = (input, init) => {
    if (!options.accept) return fetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('Accept', options.accept);
    return fetch(input, { ...init, headers });
  };
  const client = replicateLDES({ url: `${base}changes`, ...(options.statePath ? { statePath: options.statePath } : {}), fetch: fetchWith }, options.ordered ?? 'none');
  const members: Replicated[] = [];
  const reader = client.stream({ highWaterMark: 10 }).getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    const member = next.value;
    members.push({ id: member.id.value, timestamp: member.timestamp, isVersionOf: member.isVersionOf, type: member.type?.value, quads: member.quads });
  }
  return members;
}

/** Serves a fixture history on the listener, replacing what it served before. */
async function serve(): Promise<void> {
  await served?.close();
  served = await createHistoryServer({ baseUrl: base, changesPageSize: PAGE_SIZE, fixture });
}

beforeAll(async () => {
  fixture = await makeFixtureHistory();
  listener = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    served.app(req, res);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/`;
  await serve();
});

afterAll(async () => {
  await served?.close();
  listener.closeAllConnections();
  await new Promise((resolve) => listener.close(resolve));
});

describe('ldes-client replicating the change stream over loopback', () => {
  let statePath: string;
  let first: Replicated[];
  let changes: ReleaseChanges;

  beforeAll(async () => {
    statePath = join(await mkdtemp(join(tmpdir(), 'oscg-ldes-state-')), 'state');
    changes = await ReleaseChanges.of(served.history, new IriScheme(base));
    requests.length = 0;
    first = await replicate({ statePath });
  });

  it('gets every member once: one activity per resource changed in each release', () => {
    const iris = new IriScheme(base);
    const expected = changes.all().map((change) => iris.change(change.resource, change.release.id));
    expect(expected).toHaveLength(40);
    expect(first.map((member) => member.id).sort()).toEqual([...expected].sort());
  });

  it('reads each member as a version: as:object is the resource (versionOfPath), as:published the release time (timestampPath), the activity its type', () => {
    const iris = new IriScheme(base);
    for (const change of changes.all()) {
      const member = first.find((candidate) => candidate.id === iris.change(change.resource, change.release.id))!;
      expect([member.isVersionOf, new Date(member.timestamp!).toISOString(), member.type]).toEqual([
        change.resource,
        change.release.datetime.toISOString(),
        `${AS}${{ created: 'Create', updated: 'Update', removed: 'Remove' }[change.kind]}`,
      ]);
    }
  });

  it('carries each description in the named graph of its activity: the description the release published', async () => {
    const iris = new IriScheme(base);
    const retitled = changes.all().find((change) => change.resource === `${base}id/output/test-report` && change.release.id === FIXTURE_RELEASES.retitled)!;
    const member = first.find((candidate) => candidate.id === iris.change(retitled.resource, retitled.release.id))!;
    const payload = member.quads.filter((quad) => quad.graph.value === member.id);
    expect(isomorphic(payload.map(asTriple), await changes.description(retitled))).toBe(true);
    expect(payload.some((quad) => quad.predicate.value === 'http://purl.org/dc/terms/title' && quad.object.value === 'Revised Test Report')).toBe(true);
    const removal = first.find((candidate) => candidate.id === iris.change(`${base}id/output/test-faq`, FIXTURE_RELEASES.removed))!;
    expect(removal.quads.filter((quad) => quad.graph.value === removal.id)).toEqual([]);
  });

  it('gets the same members in TriG and in JSON-LD as in N-Quads (which it asks for first)', async () => {
    const ids = first.map((member) => member.id).sort();
    expect((await replicate({ accept: 'application/trig' })).map((member) => member.id).sort()).toEqual(ids);
    expect((await replicate({ accept: 'application/ld+json' })).map((member) => member.id).sort()).toEqual(ids);
  });

  it('emits them oldest first when asked for order', async () => {
    const ordered = await replicate({ ordered: 'ascending' });
    const times = ordered.map((member) => new Date(member.timestamp!).getTime());
    expect(ordered).toHaveLength(40);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  describe('after one more release, run again with its saved state', () => {
    let second: Replicated[];
    let fetched: string[];

    beforeAll(async () => {
      await addLaterRelease(fixture);
      await serve();
      requests.length = 0;
      second = await replicate({ statePath });
      fetched = [...requests];
    });

    it('gets only the new members: the later release\'s output created, the catalogue and the project updated', () => {
      expect(second.map((member) => [member.id, member.type]).sort()).toEqual(
        [
          [`${base}history/catalog#change-${LATER_RELEASE.id}`, `${AS}Update`],
          [`${base}history/output/test-later#change-${LATER_RELEASE.id}`, `${AS}Create`],
          [`${base}history/project/test-project#change-${LATER_RELEASE.id}`, `${AS}Update`],
        ].sort(),
      );
    });

    it('fetches only the root and the page that closed since: the pages it holds are immutable', () => {
      const pages = fetched.filter((url) => url.startsWith('/changes/'));
      expect(new Set(fetched.filter((url) => !url.startsWith('/changes/')))).toEqual(new Set(['/changes']));
      expect(pages).toHaveLength(1);
    });
  });
});

function asTriple(quad: Quad): Quad {
  return DataFactory.quad(quad.subject, quad.predicate, quad.object);
}
