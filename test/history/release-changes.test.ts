import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser, Store } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDist } from '../../src/build/build-dist.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { changeDescription, describedResources, ReleaseChanges } from '../../src/history/release-changes.js';
import { ReleaseHistory, type HistoryOptions } from '../../src/history/release-history.js';
import { loadPublishedGraph } from '../../src/store/published-graph.js';
import { tripleLines } from '../support/compare-graphs.js';
import { FIXTURE_RELEASES, makeFixtureHistory, type FixtureHistory } from '../support/fixture-history.js';

const BASE = 'http://localhost:3000/';
const id = (path: string) => `${BASE}id/${path}`;
const iris = new IriScheme(BASE);

let fixture: FixtureHistory;
let cacheDir: string;
let history: ReleaseHistory;
let changes: ReleaseChanges;

async function open(overrides: Partial<HistoryOptions> = {}): Promise<ReleaseHistory> {
  return ReleaseHistory.open({ dataDir: fixture.dataDir, vocabDir: fixture.vocabDir, baseUrl: BASE, cacheDir, ...overrides });
}

/** A release's changes as `kind path` lines. */
function lines(releaseId: string, of: ReleaseChanges = changes): string[] {
  return of.inRelease(releaseId)!.changes.map((change) => `${change.kind} ${change.resource.slice(`${BASE}id/`.length)}`);
}

beforeAll(async () => {
  fixture = await makeFixtureHistory();
  cacheDir = join(await mkdtemp(join(tmpdir(), 'oscg-changes-cache-')), 'releases');
  history = await open();
  changes = await ReleaseChanges.of(history, iris);
});

describe('ReleaseChanges of the fixture history (an output added, a title changed, shapes only, an output removed)', () => {
  it('creates every resource with a document in the first release', async () => {
    const first = changes.releases[0]!;
    expect(first.previous).toBeUndefined();
    expect(first.changes.every((change) => change.kind === 'created' && change.previous === undefined && change.digest?.length === 32)).toBe(true);
    expect(first.changes.map((change) => change.resource)).toEqual(describedResources((await history.graph(first.release)).store, iris));
    expect(lines(FIXTURE_RELEASES.base)).toEqual(expect.arrayContaining(['created catalog', 'created output/test-faq', 'created output/test-report', 'created person/ada-example', 'created role/author']));
    expect(lines(FIXTURE_RELEASES.base)).not.toContain('created output/test-added');
  });

  it.each([
    ['an output added: it is created; the catalogue lists it and its project has it as a part', FIXTURE_RELEASES.added, ['updated catalog', 'created output/test-added', 'updated project/test-project']],
    ['a title changed: the output (and its record\'s date) and the catalogue that holds the record', FIXTURE_RELEASES.retitled, ['updated catalog', 'updated output/test-report']],
    ['an output removed: it is removed; the catalogue and its project no longer list it', FIXTURE_RELEASES.removed, ['updated catalog', 'removed output/test-faq', 'updated project/test-project']],
  ])('gives, for %s, exactly those changes in IRI order', (_case, releaseId, expected) => {
    expect(lines(releaseId)).toEqual(expected);
  });

  it('has one set of changes per release: the shapes-only commit made no release, so no changes', () => {
    expect(changes.releases.map((set) => set.release.id)).toEqual(Object.values(FIXTURE_RELEASES));
    expect(changes.releases.map((set) => set.previous?.id)).toEqual([undefined, FIXTURE_RELEASES.base, FIXTURE_RELEASES.added, FIXTURE_RELEASES.retitled]);
  });

  it('lists one resource\'s changes, oldest first, each against the release before it', () => {
    expect(changes.of(id('output/test-report')).map((change) => [change.kind, change.release.id, change.previous?.id])).toEqual([
      ['created', FIXTURE_RELEASES.base, undefined],
      ['updated', FIXTURE_RELEASES.retitled, FIXTURE_RELEASES.added],
    ]);
    expect(changes.of(id('output/test-faq')).map((change) => change.kind)).toEqual(['created', 'removed']);
    expect(changes.of(id('output/nothing'))).toEqual([]);
    expect(changes.all().map((change) => change.release.id)).toEqual([...changes.all().map((change) => change.release.id)].sort());
    expect(changes.all()).toHaveLength(changes.releases.reduce((sum, set) => sum + set.changes.length, 0));
  });

  it('gives a change\'s statements before and after: the title and the record\'s date, nothing else', async () => {
    const retitle = changes.of(id('output/test-report'))[1]!;
    const { before, after } = await changes.statements(retitle);
    const expected = (turtle: string) => new Parser({ baseIRI: BASE }).parse(`@prefix dct: <http://purl.org/dc/terms/>. @prefix schema: <http://schema.org/>. @prefix xsd: <http://www.w3.org/2001/XMLSchema#>.\n${turtle}`);
    expect(isomorphic([...before], expected(`
      <id/output/test-report> dct:title "Test Report"@en; schema:name "Test Report"@en.
      <id/output/test-report#distribution-example-archive> dct:title "Test Report (Example Archive)"@en.
      <id/catalog#record-test-report> dct:modified "2024-01-10T10:00:00Z"^^xsd:dateTime.`)), tripleLines(before).join('\n')).toBe(true);
    expect(isomorphic([...after], expected(`
      <id/output/test-report> dct:title "Revised Test Report"@en; schema:name "Revised Test Report"@en.
      <id/output/test-report#distribution-example-archive> dct:title "Revised Test Report (Example Archive)"@en.
      <id/catalog#record-test-report> dct:modified "2024-03-01T12:00:00Z"^^xsd:dateTime.`)), tripleLines(after).join('\n')).toBe(true);
  });

  it('gives a creation only statements after and a removal only statements before: the whole description', async () => {
    const [created, removed] = changes.of(id('output/test-faq'));
    const described = changeDescription((await history.graph(history.get(FIXTURE_RELEASES.base)!)).store, id('output/test-faq'));
    expect(described.length).toBeGreaterThan(10);
    const creation = await changes.statements(created!);
    expect([creation.before.length, isomorphic([...creation.after], described)]).toEqual([0, true]);
    const removal = await changes.statements(removed!);
    expect([removal.after.length, isomorphic([...removal.before], described)]).toEqual([0, true]);
    expect(await changes.description(removed!)).toEqual([]);
  });
});

describe('changeDescription', () => {
  it('is a dataset\'s document\'s own statements and its catalogue record; anything else\'s own statements only', async () => {
    const { store } = await history.graph(history.latest!);
    const report = changeDescription(store, id('output/test-report'));
    // Besides the blank nodes of its author list.
    expect(new Set(report.filter((quad) => quad.subject.termType === 'NamedNode').map((quad) => quad.subject.value))).toEqual(new Set([id('output/test-report'), id('output/test-report#distribution-example-archive'), id('output/test-report#authors'), ...attributionsOf(store, id('output/test-report')), id('catalog#record-test-report')]));
    const person = changeDescription(store, id('person/bob'));
    expect(person.every((quad) => quad.subject.value === id('person/bob'))).toBe(true);
    expect(changeDescription(store, id('output/test-faq'))).toEqual([]);
  });
});

describe('ReleaseChanges edge cases', () => {
  it('sees no change between the graph served now (as built) and the cached release of the same data (canonical form)', async () => {
    const outDir = join(await mkdtemp(join(tmpdir(), 'oscg-changes-dist-')), 'dist');
    await buildDist({ dataDir: fixture.dataDir, vocabDir: fixture.vocabDir, outDir, baseUrl: BASE });
    const current = await loadPublishedGraph(outDir);
    const withCurrent = await open({ current });
    expect((await withCurrent.graph(withCurrent.latest!)).store).toBe(current.store);
    // test-guide has an author list (an rdf:Seq at a hash IRI, the graph holds no blank node): the removal of another output leaves it as it was.
    expect(current.store.getQuads(id('output/test-guide'), 'http://purl.org/ontology/bibo/authorList', null, null)[0]?.object.value).toBe(id('output/test-guide#authors'));
    expect(lines(FIXTURE_RELEASES.removed, await ReleaseChanges.of(withCurrent, iris))).toEqual(lines(FIXTURE_RELEASES.removed));
  });

  it('creates every resource in the first release kept after HISTORY_SINCE', async () => {
    const pruned = await ReleaseChanges.of(await open({ since: new Date('2024-02-15T00:00:00Z') }), iris);
    expect(pruned.releases.map((set) => set.release.id)).toEqual([FIXTURE_RELEASES.retitled, FIXTURE_RELEASES.removed]);
    expect(pruned.releases[0]!.changes.every((change) => change.kind === 'created')).toBe(true);
    expect(lines(FIXTURE_RELEASES.retitled, pruned)).toContain('created output/test-added');
    expect(lines(FIXTURE_RELEASES.removed, pruned)).toEqual(lines(FIXTURE_RELEASES.removed));
  });

  it('has no changes for a history without releases', async () => {
    const none = await ReleaseChanges.of(ReleaseHistory.none('no git'), iris);
    expect([none.releases, none.all()]).toEqual([[], []]);
  });
});

function attributionsOf(store: Store, output: string): string[] {
  return store.getObjects(output, 'http://www.w3.org/ns/prov#qualifiedAttribution', null).map((term) => term.value);
}
