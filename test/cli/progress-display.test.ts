import { describe, expect, it } from 'vitest';
import type { BuildProgressEvent } from '../../src/build/build-progress.js';
import { BuildProgressDisplay, buildProgressDisplay, type ProgressStream } from '../../src/cli/progress-display.js';

/** A terminal that records what is written to it and can replay it as the lines a user would see. */
class FakeTerminal implements ProgressStream {
  readonly isTTY = true;
  readonly writes: string[] = [];
  constructor(readonly columns = 100) {}
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
  /** The screen after interpreting "n lines up" and "erase down", the only controls the display uses. */
  screen(): string[] {
    const lines: string[] = [];
    let row = 0;
    for (const text of this.writes) {
      const pattern = /\u001b\[(\d+)F|\u001b\[J|([^\u001b]+)/g;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        if (match[1]) row = Math.max(0, row - Number(match[1]));
        else if (match[0] === '\u001b[J') lines.length = row;
        else {
          const parts = match[2]!.split('\n');
          parts.forEach((part, index) => {
            if (part) lines[row] = (lines[row] ?? '') + part;
            if (index < parts.length - 1) row += 1;
          });
        }
      }
    }
    return lines.slice(0, row);
  }
}

const event = (phase: BuildProgressEvent['phase'], stage: BuildProgressEvent['stage'], task: string, done: number, total?: number, unit?: string): BuildProgressEvent => ({
  stage, task, phase, done, ...(total !== undefined ? { total } : {}), ...(unit ? { unit } : {}),
});

describe('the build progress display', () => {
  it('draws each running task with a bar, percentage, counts and elapsed time, redrawn in place', () => {
    let now = 0;
    const terminal = new FakeTerminal();
    const display = new BuildProgressDisplay(terminal, { now: () => now, minRedrawMs: 0, tickMs: 0 });
    display.listener(event('start', 'loading', 'data files', 0, 7, 'files'));
    now = 1500;
    display.listener(event('advance', 'loading', 'data files', 3, 7, 'files'));
    expect(terminal.screen()).toEqual(['Loading data files [########------------]  42% 3/7 files 1.5 s']);
    display.listener(event('end', 'loading', 'data files', 7, 7, 'files'));
    display.listener(event('start', 'mapping', 'RDF graph', 0));
    now = 4000;
    display.listener(event('start', 'validating', 'SHACL', 0, 155, 'batches'));
    display.listener(event('start', 'writing', 'graph.jsonld', 0, 760_588, 'triples'));
    display.listener(event('end', 'mapping', 'RDF graph', 0));
    now = 6000;
    display.listener(event('advance', 'writing', 'graph.jsonld', 380_294, 760_588, 'triples'));
    expect(terminal.screen()).toEqual([
      'Validating SHACL [--------------------]   0% 0/155 batches 2.0 s',
      'Writing graph.jsonld [##########----------]  50% 380 294/760 588 triples 2.0 s',
    ]);
    display.close();
    expect(terminal.screen()).toEqual([]);
    expect(terminal.writes.at(-1)).toBe('\u001b[2F\u001b[J');
  });

  it('shows a task without a total as running, with its elapsed time', () => {
    let now = 0;
    const terminal = new FakeTerminal();
    const display = new BuildProgressDisplay(terminal, { now: () => now, minRedrawMs: 0, tickMs: 0 });
    display.listener(event('start', 'mapping', 'RDF graph', 0));
    now = 2340;
    display.listener(event('advance', 'mapping', 'RDF graph', 0));
    expect(terminal.screen()).toEqual(['Mapping RDF graph… 2.3 s']);
  });

  it('redraws on advances at most once per interval, but always on a start or an end', () => {
    let now = 0;
    const terminal = new FakeTerminal();
    const display = new BuildProgressDisplay(terminal, { now: () => now, minRedrawMs: 100, tickMs: 0 });
    display.listener(event('start', 'writing', 'graph.nt', 0, 1000, 'triples'));
    for (let done = 1; done <= 50; done += 1) {
      now += 10;
      display.listener(event('advance', 'writing', 'graph.nt', done, 1000, 'triples'));
    }
    display.listener(event('end', 'writing', 'graph.nt', 1000, 1000, 'triples'));
    expect(terminal.writes).toHaveLength(1 + 5 + 1);
  });

  it('keeps lines within the terminal width', () => {
    const terminal = new FakeTerminal(30);
    const display = new BuildProgressDisplay(terminal, { now: () => 0, minRedrawMs: 0, tickMs: 0 });
    display.listener(event('start', 'validating', 'DCAT-AP 3.0.1 shapes_recommended.ttl', 0, 10, 'batches'));
    expect(terminal.screen()[0]).toHaveLength(29);
    expect(terminal.screen()[0]!.endsWith('…')).toBe(true);
  });

  it('erases itself when the build fails, and draws nothing after', () => {
    const terminal = new FakeTerminal();
    const display = new BuildProgressDisplay(terminal, { now: () => 0, minRedrawMs: 0, tickMs: 0 });
    display.listener(event('start', 'checking', 'data', 0, 7, 'files'));
    display.close();
    display.listener(event('start', 'mapping', 'RDF graph', 0));
    display.close();
    expect(terminal.screen()).toEqual([]);
    expect(terminal.writes).toHaveLength(2);
  });

  it('redraws on its own so elapsed times move during a long step', async () => {
    const terminal = new FakeTerminal();
    const display = new BuildProgressDisplay(terminal, { minRedrawMs: 0, tickMs: 5 });
    display.listener(event('start', 'mapping', 'RDF graph', 0));
    await new Promise((resolve) => setTimeout(resolve, 40));
    display.close();
    expect(terminal.writes.length).toBeGreaterThan(2);
  });

  it('is only shown on a terminal, and never with --quiet', () => {
    expect(buildProgressDisplay({ isTTY: false, write: () => true }, false)).toBeUndefined();
    expect(buildProgressDisplay({ write: () => true }, false)).toBeUndefined();
    expect(buildProgressDisplay(new FakeTerminal(), true)).toBeUndefined();
    const display = buildProgressDisplay(new FakeTerminal(), false, { tickMs: 0 });
    expect(display).toBeInstanceOf(BuildProgressDisplay);
    display?.close();
  });
});
