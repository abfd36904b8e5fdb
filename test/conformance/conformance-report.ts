import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

/** The result of one W3C test. */
export interface TestOutcome {
  readonly directory: string;
  readonly name: string;
  readonly iri: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly reason?: string;
}

/** Writes test-artifacts/conformance-{suite}.md (pass rate per directory, then every failure and skip with its reason) and returns the table. */
export function writeReport(suite: string, outcomes: readonly TestOutcome[]): string {
  const directories = [...new Set(outcomes.map((outcome) => outcome.directory))];
  const lines = ['| Directory | Passed | Failed | Skipped | Pass rate (of run) |', '|---|---:|---:|---:|---:|'];
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const directory of directories) {
    const of = (status: TestOutcome['status']) => outcomes.filter((outcome) => outcome.directory === directory && outcome.status === status).length;
    const row = { passed: of('passed'), failed: of('failed'), skipped: of('skipped') };
    totals.passed += row.passed;
    totals.failed += row.failed;
    totals.skipped += row.skipped;
    lines.push(`| ${directory} | ${row.passed} | ${row.failed} | ${row.skipped} | ${rate(row.passed, row.passed + row.failed)} |`);
  }
  lines.push(`| **all** | ${totals.passed} | ${totals.failed} | ${totals.skipped} | ${rate(totals.passed, totals.passed + totals.failed)} |`);
  const table = lines.join('\n');
  const details = outcomes
    .filter((outcome) => outcome.status !== 'passed')
    .map((outcome) => `- ${outcome.status === 'failed' ? 'FAIL' : 'SKIP'} ${outcome.directory}: ${outcome.name} — ${outcome.reason ?? ''}`);
  const dir = join(PROJECT_ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `conformance-${suite}.md`), `# W3C SPARQL 1.1 ${suite}\n\n${table}\n\n## Failed and skipped\n\n${details.join('\n')}\n`);
  return table;
}

function rate(passed: number, run: number): string {
  return run === 0 ? '–' : `${((100 * passed) / run).toFixed(1)} %`;
}
