import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { isomorphic } from 'rdf-isomorphic';
import { beforeAll, describe, expect, it } from 'vitest';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { ChangeStream, type StreamLabels } from '../../src/history/change-stream.js';
import { ReleaseChanges } from '../../src/history/release-changes.js';
import { ReleaseHistory, type HistoryOptions } from '../../src/history/release-history.js';
import { tripleLines } from '../support/compare-graphs.js';
import { addLaterRelease, FIXTURE_DATES, FIXTURE_RELEASES, makeFixtureHistory, type FixtureHistory } from '../support/fixture-history.js';

const BASE = 'http://localhost:3000/';
const iris = new IriScheme(BASE);
const TREE = 'https://w3id.org/tree#';
const LABELS: StreamLabels = { title: { en: 'Changes' }, description: { en: 'Every change.' } };
const PREFIXES = `@prefix as: <https://www.w3.org/ns/activitystreams#>. @prefix ldes: <https://w3id.org/ldes#>. @prefix tree: <https://w3id.org/tree#>.
@prefix dct: <http://purl.org/dc/terms/>. @prefix prov: <http://www.w3.org/ns/prov#>. @prefix xsd: <http://www.w3.org/2001/XMLSchema#>.
`;

let fixture: FixtureHistory;
let cacheDir: string;
let changes: ReleaseChanges;

async function changesOf(overrides: Partial<HistoryOptions> = {}): Promise<ReleaseChanges> {
  const history = await ReleaseHistory.open({ dataDir: fixture.dataDir, vocabDir: fixture.vocabDir, baseUrl: BASE, cacheDir, ...overrides });
  return ReleaseChanges.of(history, iris);
}

function turtle(text: string): Quad[] {
  return new Parser({ baseIRI: BASE }).parse(PREFIXES + text);
}

/** The quads about one subject in the default graph. */
function about(quads: readonly Quad[], subject: string): Quad[] {
  return quads.filter((quad) => quad.subject.value === subject && quad.graph.termType === 'DefaultGraph');
}

function members(quads: readonly Quad[]): string[] {
  return quads.filter((quad) => quad.predicate.value === `${TREE}member`).map((quad) => quad.object.value);
}

beforeAll(async () => {
  fixture = await makeFixtureHistory();
  cacheDir = join(await mkdtemp(join(tmpdir(), 'oscg-stream-cache-')), 'releases');
  changes = await changesOf();
});

describe('ChangeStream of the fixture history, six members a page', () => {
  let stream: ChangeStream;
  beforeAll(() => {
    stream = new ChangeStream(changes, iris, 6);
  });

  it('cuts the 40 changes, oldest first, into six full closed pages and leaves the newest four on the root', () => {
    expect([stream.size, stream.closed.length, stream.open.length]).toEqual([40, 6, 4]);
    expect(stream.closed.every((page) => page.members.length === 6)).toBe(true);
    expect([...stream.closed.flatMap((page) => page.members), ...stream.open]).toEqual(changes.all());
    expect(stream.closed.map((page) => page.reachable)).toEqual([6, 12, 18, 24, 30, 36]);
    expect(stream.closed.map((page) => page.older?.id)).toEqual([undefined, ...stream.closed.slice(0, -1).map((page) => page.id)]);
    expect(stream.closed.map((page) => page.id.split('-')[0])).toEqual(stream.closed.map((page) => page.members[0]!.release.id));
    expect(stream.page(stream.closed[2]!.id)).toBe(stream.closed[2]);
    expect(stream.page('20240110100000-0000000000000000')).toBeUndefined();
  });

  it('describes the stream on the root: an ldes:EventStream whose view is the root, timestamped by as:published, versions of as:object', async () => {
    const root = await stream.root(LABELS);
    const newest = stream.closed.at(-1)!;
    expect(isomorphic(about(root, iris.changeStream), turtle(`
      <changes#stream> a ldes:EventStream; dct:title "Changes"@en; dct:description "Every change."@en;
        prov:wasDerivedFrom <void#dataset>; tree:view <changes>;
        ldes:timestampPath as:published; ldes:versionOfPath as:object;
        tree:member ${stream.open.map((member) => `<${iris.change(member.resource, member.release.id)}>`).join(', ')}.`)), tripleLines(about(root, iris.changeStream)).join('\n')).toBe(true);
    expect(isomorphic([...about(root, iris.changes()), ...about(root, `${iris.changes()}#older`)], turtle(`
      <changes> a tree:Node; tree:viewDescription <changes#view>; tree:relation <changes#older>.
      <changes#older> a tree:LessThanOrEqualToRelation; tree:node <changes/${newest.id}>; tree:path as:published;
        tree:value "${FIXTURE_DATES.retitled}"^^xsd:dateTime; tree:remainingItems 36.`))).toBe(true);
    // The newest closed page ends in the retitling release: members 33 to 35 are the addition's, 36 and 37 the retitling's.
    expect(newest.members.at(-1)!.release.id).toBe(FIXTURE_RELEASES.retitled);
  });

  it('links each closed page to the one before it, with the latest time and the number of members reachable there', async () => {
    const page = stream.closed[3]!;
    const quads = (await stream.closedPage(page.id))!;
    const older = page.older!;
    const last = older.members.at(-1)!.release.datetime.toISOString().replace('.000Z', 'Z');
    expect(isomorphic([...about(quads, iris.changes(page.id)), ...about(quads, `${iris.changes(page.id)}#older`)], turtle(`
      <changes/${page.id}> a tree:Node; dct:isPartOf <changes#stream>; tree:relation <changes/${page.id}#older>.
      <changes/${page.id}#older> a tree:LessThanOrEqualToRelation; tree:node <changes/${older.id}>; tree:path as:published;
        tree:value "${last}"^^xsd:dateTime; tree:remainingItems ${older.reachable}.`))).toBe(true);
    expect(members(quads)).toEqual(page.members.map((member) => iris.change(member.resource, member.release.id)));
    const first = (await stream.closedPage(stream.closed[0]!.id))!;
    expect(first.filter((quad) => quad.predicate.value === `${TREE}relation`)).toEqual([]);
    expect(await stream.closedPage('no-such-page')).toBeUndefined();
  });

  it('makes each change an activity of the resource, and puts the description after it in the activity\'s named graph', async () => {
    const member = (resource: string, releaseId: string) => changes.of(`${BASE}id/${resource}`).find((change) => change.release.id === releaseId)!;
    const onPage = async (change: ReturnType<typeof member>) => {
      const page = stream.closed.find((candidate) => candidate.members.includes(change));
      return page ? (await stream.closedPage(page.id))! : stream.root(LABELS);
    };
    const retitle = member('output/test-report', FIXTURE_RELEASES.retitled);
    const activity = iris.change(retitle.resource, retitle.release.id);
    const quads = await onPage(retitle);
    expect(isomorphic(about(quads, activity), turtle(`
      <history/output/test-report#change-${FIXTURE_RELEASES.retitled}> a as:Update; as:object <id/output/test-report>;
        as:published "${FIXTURE_DATES.retitled}"^^xsd:dateTime; as:url <memento/${FIXTURE_RELEASES.retitled}/id/output/test-report>.`))).toBe(true);
    const graph: Quad[] = quads.filter((quad) => quad.graph.value === activity).map((quad) => DataFactory.quad(quad.subject, quad.predicate, quad.object));
    expect(isomorphic(graph, await changes.description(retitle))).toBe(true);
    expect(graph.some((quad) => quad.predicate.value === 'http://purl.org/dc/terms/title' && quad.object.value === 'Revised Test Report')).toBe(true);

    const removal = member('output/test-faq', FIXTURE_RELEASES.removed);
    const removed = iris.change(removal.resource, removal.release.id);
    const removalQuads = await onPage(removal);
    expect(isomorphic(about(removalQuads, removed), turtle(`
      <history/output/test-faq#change-${FIXTURE_RELEASES.removed}> a as:Remove; as:object <id/output/test-faq>; as:published "${FIXTURE_DATES.removed}"^^xsd:dateTime.`))).toBe(true);
    expect(removalQuads.filter((quad) => quad.graph.value === removed)).toEqual([]);
    const creation = member('output/test-added', FIXTURE_RELEASES.added);
    expect(about(await onPage(creation), iris.change(creation.resource, creation.release.id)).find((quad) => quad.predicate.value.endsWith('#type'))?.object.value).toBe('https://www.w3.org/ns/activitystreams#Create');
  });

  it('has no closed page when the changes fit on the root, and one page of each change with a page size of one', () => {
    const one = new ChangeStream(changes, iris, 1000);
    expect([one.closed.length, one.open.length]).toEqual([0, 40]);
    const single = new ChangeStream(changes, iris, 1);
    expect([single.closed.length, single.open.length, new Set(single.closed.map((page) => page.id)).size]).toEqual([40, 0, 40]);
    expect(() => new ChangeStream(changes, iris, 0)).toThrow(/page size must be a positive integer/);
  });
});

describe('ChangeStream pages over time', () => {
  it('keeps every closed page (id and content) when a release adds members, and closes the next from the root\'s', async () => {
    const before = new ChangeStream(changes, iris, 6);
    const later = await makeFixtureHistory();
    await addLaterRelease(later);
    const history = await ReleaseHistory.open({ dataDir: later.dataDir, vocabDir: later.vocabDir, baseUrl: BASE, cacheDir: join(await mkdtemp(join(tmpdir(), 'oscg-stream-cache-')), 'r') });
    const after = new ChangeStream(await ReleaseChanges.of(history, iris), iris, 6);
    expect([after.closed.length, after.open.length]).toEqual([7, 1]);
    expect(after.closed.slice(0, 6).map((page) => page.id)).toEqual(before.closed.map((page) => page.id));
    for (const page of before.closed) expect(tripleLines((await after.closedPage(page.id))!).sort()).toEqual(tripleLines((await before.closedPage(page.id))!).sort());
    expect(after.closed[6]!.members.slice(0, 4)).toEqual(before.open.map((member) => expect.objectContaining({ resource: member.resource, kind: member.kind })));
  });

  it('names pages by their content: a pruned history (HISTORY_SINCE) shares no page URL with the full one', async () => {
    const full = new ChangeStream(changes, iris, 6);
    const pruned = new ChangeStream(await changesOf({ since: new Date('2024-02-15T00:00:00Z') }), iris, 6);
    expect(pruned.closed.length).toBeGreaterThan(0);
    expect(pruned.closed.filter((page) => full.page(page.id) !== undefined)).toEqual([]);
  });
});
