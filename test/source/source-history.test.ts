import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { buildDist } from '../../src/build/build-dist.js';
import { readLineDates } from '../../src/source/source-history.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

const DCT_MODIFIED = 'http://purl.org/dc/terms/modified';

/** A git repository holding the valid fixture data, committed at a fixed date. */
async function repositoryWithData(): Promise<{ root: string; git: (args: string[], date?: string) => void }> {
  const root = await mkdtemp(join(tmpdir(), 'oscg-history-'));
  const git = (args: string[], date = '2020-01-02T03:04:05Z') =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: 'pipe',
    });
  git(['init', '-q']);
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), join(root, 'data'), { recursive: true });
  git(['add', 'data']);
  git(['commit', '-q', '-m', 'data']);
  return { root, git };
}

async function modifiedDates(root: string): Promise<Record<string, string>> {
  const outDir = join(root, 'dist');
  await buildDist({ dataDir: join(root, 'data'), vocabDir: join(PROJECT_ROOT, 'vocab'), outDir, baseUrl: 'http://localhost:3000/' });
  const quads = new Parser().parse(await readFile(join(outDir, 'graph.nt'), 'utf8'));
  return Object.fromEntries(quads.filter((quad) => quad.predicate.value === DCT_MODIFIED).map((quad) => [quad.subject.value.replace('http://localhost:3000/id/', ''), quad.object.value]));
}

describe('modification dates from the history of data/', () => {
  it('dates each line by its last commit, and leaves uncommitted lines undated', async () => {
    const { root } = await repositoryWithData();
    const path = join(root, 'data/people.yaml');
    await appendFile(path, '- name: Uncommitted Person\n');
    const dates = await readLineDates(path);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(dates.slice(0, lines.length - 1).every((date) => date === '2020-01-02T03:04:05Z')).toBe(true);
    expect(dates[lines.length - 1]).toBeUndefined();
  });

  it('gives no date outside a git checkout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oscg-no-git-'));
    await writeFile(join(dir, 'people.yaml'), '- name: Someone\n');
    expect(await readLineDates(join(dir, 'people.yaml'))).toEqual([]);
  });

  it('dates each output\'s catalogue record by the commit that last changed its lines, and the catalogue by the latest', async () => {
    const { root, git } = await repositoryWithData();
    const outputs = join(root, 'data/outputs.yaml');
    await writeFile(outputs, (await readFile(outputs, 'utf8')).replace('description: Version 1 of the test guide.', 'description: Version 1 of the test guide, revised.'));
    git(['commit', '-q', '-am', 'revise v1'], '2021-06-07T08:09:10Z');
    expect(await modifiedDates(root)).toEqual({
      catalog: '2021-06-07T08:09:10Z',
      'catalog#record-test-guide': '2020-01-02T03:04:05Z',
      'catalog#record-test-guide-v1': '2021-06-07T08:09:10Z',
      'catalog#record-test-report': '2020-01-02T03:04:05Z',
      'catalog#record-test-faq': '2020-01-02T03:04:05Z',
      'catalog#record-test-summary': '2020-01-02T03:04:05Z',
      'catalog#record-test-webinar-1': '2020-01-02T03:04:05Z',
      'catalog#record-test-webinar-2': '2020-01-02T03:04:05Z',
      'output/test-webinar-2': '2021-03-04',
    });
    // An edit not yet committed changes no date: the same data and history give the same graph.
    await writeFile(outputs, (await readFile(outputs, 'utf8')).replace('A living test guide.', 'A living test guide (edited).'));
    expect((await modifiedDates(root))['catalog#record-test-guide']).toBe('2020-01-02T03:04:05Z');
  });

  it('dates a record also by the lines of the agents it names: an edit to an author re-dates the records that credit them, and no other', async () => {
    const { root, git } = await repositoryWithData();
    const people = join(root, 'data/people.yaml');
    await writeFile(people, (await readFile(people, 'utf8')).replace('  affiliations: [test-org]\n', '  affiliations: [test-org]\n  job_title: Tester\n'));
    git(['commit', '-q', '-am', 'Ada is a tester'], '2022-02-03T04:05:06Z');
    const dates = await modifiedDates(root);
    // Ada is the author of the guide and of the summary, and of nothing else.
    expect(dates['catalog#record-test-guide']).toBe('2022-02-03T04:05:06Z');
    expect(dates['catalog#record-test-summary']).toBe('2022-02-03T04:05:06Z');
    for (const slug of ['test-guide-v1', 'test-report', 'test-faq', 'test-webinar-1', 'test-webinar-2']) expect(dates[`catalog#record-${slug}`]).toBe('2020-01-02T03:04:05Z');
    // The project's contributors are credited on every output of the project.
    const projects = join(root, 'data/projects.yaml');
    await writeFile(projects, (await readFile(projects, 'utf8')).replace('roles: [expert-advisor, research-assistant]', 'roles: [expert-advisor]'));
    git(['commit', '-q', '-am', 'one role for Bob'], '2023-03-04T05:06:07Z');
    const after = await modifiedDates(root);
    for (const slug of ['test-guide', 'test-guide-v1', 'test-report', 'test-faq', 'test-summary', 'test-webinar-1', 'test-webinar-2']) expect(after[`catalog#record-${slug}`]).toBe('2023-03-04T05:06:07Z');
  });
});
