import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDist } from '../../src/build/build-dist.js';
import { ReleaseHistory, releaseId, type HistoryOptions } from '../../src/history/release-history.js';
import { loadPublishedGraph } from '../../src/store/published-graph.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';
import { FIXTURE_DATES, FIXTURE_RELEASES, makeFixtureHistory, type FixtureHistory } from '../support/fixture-history.js';

const BASE = 'http://localhost:3000/';
const id = (path: string) => `${BASE}id/${path}`;
const TITLE = '<http://purl.org/dc/terms/title>';

let fixture: FixtureHistory;
let cacheDir: string;
let history: ReleaseHistory;
const lines: string[] = [];

async function open(overrides: Partial<HistoryOptions> = {}): Promise<ReleaseHistory> {
  return ReleaseHistory.open({ dataDir: fixture.dataDir, vocabDir: fixture.vocabDir, baseUrl: BASE, cacheDir, log: (line) => lines.push(line), ...overrides });
}

beforeAll(async () => {
  fixture = await makeFixtureHistory();
  cacheDir = join(await mkdtemp(join(tmpdir(), 'oscg-release-cache-')), 'releases');
  history = await open();
});

describe('ReleaseHistory of a checkout: a base, an output added, a title changed, only shapes changed, an output removed', () => {
  it('has four releases, dated by their first commit; the shapes-only commit is the same graph, so the same release', () => {
    const commits = fixture.git(['log', '--reverse', '--format=%H']).trim().split('\n');
    expect(history.unavailable).toBeUndefined();
    expect(history.releases.map((release) => [release.id, release.datetime.toISOString(), release.commits])).toEqual([
      [FIXTURE_RELEASES.base, '2024-01-10T10:00:00.000Z', [commits[0]]],
      [FIXTURE_RELEASES.added, '2024-02-01T09:30:00.000Z', [commits[1]]],
      [FIXTURE_RELEASES.retitled, '2024-03-01T12:00:00.000Z', [commits[2], commits[3]]],
      [FIXTURE_RELEASES.removed, '2024-04-01T16:45:00.000Z', [commits[4]]],
    ]);
    expect(new Set(history.releases.map((release) => release.canonicalHash)).size).toBe(4);
    expect(history.get(FIXTURE_RELEASES.added)?.commit).toBe(commits[1]);
    expect(history.get('20240201093001')).toBeUndefined();
    expect(releaseId(new Date(FIXTURE_DATES.removed))).toBe(FIXTURE_RELEASES.removed);
  });

  it('gives each release the graph a build of that commit\'s checkout gives (same canonical hash and triple count)', async () => {
    const clone = await mkdtemp(join(tmpdir(), 'oscg-release-clone-'));
    execFileSync('git', ['clone', '-q', fixture.root, clone]);
    for (const release of history.releases) {
      execFileSync('git', ['checkout', '-q', release.commit], { cwd: clone });
      const outDir = join(clone, '..', `dist-${release.id}`);
      const { manifest } = await buildDist({ dataDir: join(clone, 'data'), vocabDir: join(clone, 'vocab'), outDir, baseUrl: BASE });
      expect([release.id, manifest.canonicalHash, manifest.tripleCount]).toEqual([release.id, release.canonicalHash, release.tripleCount]);
    }
  });

  it.each([
    ['before the first release', '2024-01-10T09:59:59Z', undefined],
    ['at the first release', '2024-01-10T10:00:00Z', FIXTURE_RELEASES.base],
    ['between two releases', '2024-02-15T00:00:00Z', FIXTURE_RELEASES.added],
    ['at the shapes-only commit', FIXTURE_DATES.shapes, FIXTURE_RELEASES.retitled],
    ['after the last release', '2030-01-01T00:00:00Z', FIXTURE_RELEASES.removed],
  ])('answers which release was in force %s', (_case, instant, expected) => {
    expect(history.at(new Date(instant))?.id).toBe(expected);
  });

  it.each([
    ['an output that never changed', 'output/test-guide-v1', [FIXTURE_RELEASES.base]],
    ['the retitled output', 'output/test-report', [FIXTURE_RELEASES.base, FIXTURE_RELEASES.retitled]],
    ['the added output', 'output/test-added', [FIXTURE_RELEASES.added]],
    ['the removed output', 'output/test-faq', [FIXTURE_RELEASES.base]],
    ['the catalogue, whose datasets and modification date change each time', 'catalog', Object.values(FIXTURE_RELEASES)],
    ['an IRI never described', 'output/nothing', []],
  ])('lists the versions of a document: %s', (_case, path, expected) => {
    expect(history.versionsOf(id(path)).map((release) => release.id)).toEqual(expected);
  });

  it('tells which version of a document was in force in a release, and none once it was removed', () => {
    const [base, added, retitled, removed] = history.releases;
    expect(history.versionAt(id('output/test-report'), added!)?.id).toBe(base!.id);
    expect(history.versionAt(id('output/test-report'), removed!)?.id).toBe(retitled!.id);
    expect(history.versionAt(id('output/test-added'), base!)).toBeUndefined();
    expect(history.versionAt(id('output/test-faq'), retitled!)?.id).toBe(base!.id);
    expect(history.versionAt(id('output/test-faq'), removed!)).toBeUndefined();
  });

  it('loads a release\'s graph as it was: the title before and after the change, the removed output present before', async () => {
    const titleOf = async (releaseIdValue: string, path: string) =>
      (await history.graph(history.get(releaseIdValue)!)).store.getObjects(id(path), 'http://purl.org/dc/terms/title', null).filter((term) => term.termType === 'Literal' && (term as { language: string }).language === 'en').map((term) => term.value);
    expect(await titleOf(FIXTURE_RELEASES.added, 'output/test-report')).toEqual(['Test Report']);
    expect(await titleOf(FIXTURE_RELEASES.retitled, 'output/test-report')).toEqual(['Revised Test Report']);
    expect(await titleOf(FIXTURE_RELEASES.retitled, 'output/test-faq')).toEqual(['Test FAQ']);
    expect(await titleOf(FIXTURE_RELEASES.removed, 'output/test-faq')).toEqual([]);
    expect(await titleOf(FIXTURE_RELEASES.base, 'output/test-added')).toEqual([]);
    const graph = await history.graph(history.get(FIXTURE_RELEASES.base)!);
    expect(graph.store.size).toBe(graph.release.tripleCount);
    expect(new TextDecoder().decode(graph.ntriples).split('\n').filter(Boolean)).toHaveLength(graph.release.tripleCount);
  });

  it('diffs two releases as canonical N-Triples lines', async () => {
    const diff = await history.diff(history.get(FIXTURE_RELEASES.added)!, history.get(FIXTURE_RELEASES.retitled)!);
    expect(diff.added).toContain(`<${id('output/test-report')}> ${TITLE} "Revised Test Report"@en .`);
    expect(diff.removed).toContain(`<${id('output/test-report')}> ${TITLE} "Test Report"@en .`);
    // The output and its distribution (titled after it) changed; its record and the catalogue are dated anew; nothing else.
    const subjects = new Set([...diff.added, ...diff.removed].map((line) => line.split(' ')[0]));
    expect([...subjects].sort()).toEqual([`<${id('catalog#record-test-report')}>`, `<${id('catalog')}>`, `<${id('output/test-report#distribution-example-archive')}>`, `<${id('output/test-report')}>`]);
    const back = await history.diff(diff.to, diff.from);
    expect([back.added, back.removed]).toEqual([diff.removed, diff.added]);
  });

  it('uses the graph served now for the release that is that graph, instead of loading it again', async () => {
    const outDir = join(await mkdtemp(join(tmpdir(), 'oscg-release-dist-')), 'dist');
    await buildDist({ dataDir: fixture.dataDir, vocabDir: fixture.vocabDir, outDir, baseUrl: BASE });
    const current = await loadPublishedGraph(outDir);
    const withCurrent = await open({ current });
    expect(withCurrent.currentRelease?.id).toBe(FIXTURE_RELEASES.removed);
    expect((await withCurrent.graph(withCurrent.latest!)).store).toBe(current.store);
    expect((await withCurrent.graph(withCurrent.releases[0]!)).store).not.toBe(current.store);
    expect(history.currentRelease).toBeUndefined();
  });
});

describe('ReleaseHistory cache', () => {
  it('builds each commit once: a second start reads the cache, one graph file per release', async () => {
    lines.length = 0;
    const again = await open();
    expect(again.releases).toEqual(history.releases);
    expect(lines).toEqual([expect.stringMatching(/^Release history: 4 releases from 5 commits of data and vocab \(0 built now, 5 from /)]);
    expect((await readdir(join(cacheDir, 'graphs'))).sort()).toEqual(history.releases.map((release) => `${release.canonicalHash}.nq.gz`).sort());
    expect(await readdir(join(cacheDir, 'entries'))).toHaveLength(5);
  });

  it('is content-addressed: building again from nothing gives the same releases', async () => {
    const fresh = await open({ cacheDir: join(await mkdtemp(join(tmpdir(), 'oscg-release-cache-')), 'releases') });
    expect(fresh.releases).toEqual(history.releases);
  });

  it('removes what the history no longer uses: entries of another base URL go when the cache is opened for this one', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'oscg-release-cache-')), 'releases');
    await open({ cacheDir: dir, baseUrl: 'https://data.example.org/osc/' });
    lines.length = 0;
    await open({ cacheDir: dir });
    expect(lines[0]).toMatch(/\(5 built now, 0 from .*, 9 stale cache files removed\)\.$/);
    expect(await readdir(join(dir, 'entries'))).toHaveLength(5);
  });
});

describe('ReleaseHistory edge cases', () => {
  it('has no releases outside a git checkout, and says why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oscg-no-git-'));
    await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), join(dir, 'data'), { recursive: true });
    const none = await open({ dataDir: join(dir, 'data'), vocabDir: join(PROJECT_ROOT, 'vocab') });
    expect(none.releases).toEqual([]);
    expect(none.latest).toBeUndefined();
    expect(none.at(new Date())).toBeUndefined();
    expect(none.unavailable).toMatch(/is not in a git checkout/);
  });

  it('prunes releases published before HISTORY_SINCE; the first one kept lists every document as a version', async () => {
    const pruned = await open({ since: new Date('2024-02-15T00:00:00Z') });
    expect(pruned.releases.map((release) => release.id)).toEqual([FIXTURE_RELEASES.retitled, FIXTURE_RELEASES.removed]);
    expect(pruned.versionsOf(id('output/test-guide-v1')).map((release) => release.id)).toEqual([FIXTURE_RELEASES.retitled]);
    expect((await open({ since: new Date('2031-01-01T00:00:00Z') })).unavailable).toMatch(/no release was published since 2031-01-01/);
  });

  it('leaves out a commit whose data the program rejects, saying which and why, and keeps the next', async () => {
    const broken = await makeFixtureHistory();
    await appendFile(join(broken.dataDir, 'people.yaml'), '- name: [unclosed\n');
    broken.git(['commit', '-q', '-am', 'Broken YAML'], '2024-05-01T00:00:00Z');
    await writeFile(join(broken.dataDir, 'people.yaml'), broken.git(['show', 'HEAD~1:data/people.yaml']));
    broken.git(['commit', '-q', '-am', 'Fixed'], '2024-05-02T00:00:00Z');
    lines.length = 0;
    const releases = await ReleaseHistory.open({ dataDir: broken.dataDir, vocabDir: broken.vocabDir, baseUrl: BASE, cacheDir: join(await mkdtemp(join(tmpdir(), 'oscg-release-cache-')), 'r'), log: (line) => lines.push(line) });
    const brokenCommit = broken.git(['rev-parse', 'HEAD~1']).trim();
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^Release history: commit ${brokenCommit.slice(0, 12)} is left out: .*people\\.yaml, line \\d+`)));
    // The fix only takes the broken line out again: blame dates no line by it, so its graph is the last release's, and it joins that release.
    expect(releases.releases.map((release) => release.id)).toEqual(Object.values(FIXTURE_RELEASES));
    expect(releases.latest!.commits).toEqual([broken.git(['rev-parse', 'HEAD~2']).trim(), broken.git(['rev-parse', 'HEAD']).trim()]);
  });

  it('reads the vocabulary as it is now when it lies outside the checkout', async () => {
    const outside = await open({ vocabDir: join(PROJECT_ROOT, 'vocab'), cacheDir: join(await mkdtemp(join(tmpdir(), 'oscg-release-cache-')), 'r') });
    expect(outside.releases.map((release) => release.id)).toEqual(Object.values(FIXTURE_RELEASES));
    expect(outside.releases.map((release) => release.canonicalHash)).toEqual(history.releases.map((release) => release.canonicalHash));
  });
});
