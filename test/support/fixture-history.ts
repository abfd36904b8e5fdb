import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './build-test-graph.js';

/** When each commit of the fixture history was made (committer and author dates). */
export const FIXTURE_DATES = {
  /** The fixture data and the project's vocabulary. */
  base: '2024-01-10T10:00:00Z',
  /** An output added (test-added). */
  added: '2024-02-01T09:30:00Z',
  /** An output's English title changed (test-report). */
  retitled: '2024-03-01T12:00:00Z',
  /** Only vocab/shapes.ttl changed: the same graph, so no new release. */
  shapes: '2024-03-15T08:00:00Z',
  /** An output removed (test-faq). */
  removed: '2024-04-01T16:45:00Z',
} as const;

/** The release ids those dates give (`YYYYMMDDhhmmss`, UTC). */
export const FIXTURE_RELEASES = {
  base: '20240110100000',
  added: '20240201093000',
  retitled: '20240301120000',
  removed: '20240401164500',
} as const;

/** A git checkout whose data/ and vocab/ went through the fixture history. */
export interface FixtureHistory {
  readonly root: string;
  readonly dataDir: string;
  readonly vocabDir: string;
  /** Runs git in the checkout with fixed committer and author dates. */
  git(args: readonly string[], date?: string): string;
}

const ADDED_OUTPUT = `- id: test-added
  title: Test Added Output
  description: An output added in the second release.
  kind: report
  project: test-project
  keywords: [testing]
  links:
    - url: https://example.org/added
      format: PDF
`;

/**
 * Makes a temporary git checkout of the valid fixture data (and the project's
 * vocab/) with five commits at FIXTURE_DATES: the base, an output added, a
 * title changed, only the shapes changed, an output removed. Four releases.
 */
export async function makeFixtureHistory(): Promise<FixtureHistory> {
  const root = await mkdtemp(join(tmpdir(), 'oscg-releases-'));
  const git = (args: readonly string[], date: string = FIXTURE_DATES.base) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: 'pipe',
      encoding: 'utf8',
    });
  const dataDir = join(root, 'data');
  const vocabDir = join(root, 'vocab');
  const outputs = join(dataDir, 'outputs.yaml');
  const edit = async (path: string, change: (text: string) => string) => {
    const before = await readFile(path, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`The fixture edit of ${path} changed nothing.`);
    await writeFile(path, after);
  };
  git(['init', '-q', '-b', 'main']);
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), dataDir, { recursive: true });
  await cp(join(PROJECT_ROOT, 'vocab'), vocabDir, { recursive: true });
  git(['add', 'data', 'vocab']);
  git(['commit', '-q', '-m', 'Fixture data'], FIXTURE_DATES.base);
  await appendFile(outputs, ADDED_OUTPUT);
  git(['commit', '-q', '-am', 'Add an output'], FIXTURE_DATES.added);
  await edit(outputs, (text) => text.replace('title: { en: Test Report, fr: Rapport de test }', 'title: { en: Revised Test Report, fr: Rapport de test }'));
  git(['commit', '-q', '-am', 'Change a title'], FIXTURE_DATES.retitled);
  await appendFile(join(vocabDir, 'shapes.ttl'), '\n# A comment: shapes are not published, so the graph stays the same.\n');
  git(['commit', '-q', '-am', 'Only the shapes'], FIXTURE_DATES.shapes);
  await edit(outputs, (text) => text.replace(/^- id: test-faq\n(?: {2}.*\n)+/m, ''));
  git(['commit', '-q', '-am', 'Remove an output'], FIXTURE_DATES.removed);
  return { root, dataDir, vocabDir, git };
}

/** A release after the fixture's four: another output added (test-later). */
export const LATER_RELEASE = { date: '2024-05-01T08:00:00Z', id: '20240501080000' } as const;

/** Commits LATER_RELEASE to a fixture checkout: one more release, as a maintainer's next edit makes it. */
export async function addLaterRelease(fixture: FixtureHistory): Promise<void> {
  await appendFile(
    join(fixture.dataDir, 'outputs.yaml'),
    ADDED_OUTPUT.replace('test-added', 'test-later').replace('Test Added Output', 'Test Later Output').replace('second release', 'fifth release').replace('https://example.org/added', 'https://example.org/later'),
  );
  fixture.git(['commit', '-q', '-am', 'Add another output'], LATER_RELEASE.date);
}
