import type { BuildProgressEvent, BuildProgressListener, BuildStage } from '../build/build-progress.js';

/** The part of a terminal stream the progress display needs (process.stderr has it). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** Clock and pacing, replaceable in tests. */
export interface ProgressDisplayOptions {
  /** Milliseconds since some fixed point. */
  readonly now?: () => number;
  /** Least time between two redraws caused by `advance` events. */
  readonly minRedrawMs?: number;
  /** Redraw this often even without events, so elapsed times move during long steps; 0 never. */
  readonly tickMs?: number;
}

const STAGE_LABELS: Readonly<Record<BuildStage, string>> = {
  loading: 'Loading',
  checking: 'Checking',
  mapping: 'Mapping',
  validating: 'Validating',
  writing: 'Writing',
  finishing: 'Finishing',
};
const BAR_WIDTH = 20;
// ANSI: to the start of the line `n` lines up, and erase from there to the end of the screen.
const up = (lines: number) => `\u001b[${lines}F`;
const ERASE_DOWN = '\u001b[J';

interface RunningTask {
  readonly event: BuildProgressEvent;
  readonly startedAt: number;
}

/**
 * Draws a build's progress events on a terminal: one line per running task
 * (validation runs beside the dumps, so there may be two), redrawn in place,
 * and erased when the build ends either way.
 */
export class BuildProgressDisplay {
  private readonly running = new Map<string, RunningTask>();
  private readonly now: () => number;
  private readonly minRedrawMs: number;
  private readonly startedAt: number;
  private drawnLines = 0;
  private lastDrawn = -Infinity;
  private ticker?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressDisplayOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.minRedrawMs = options.minRedrawMs ?? 100;
    this.startedAt = this.now();
    const tickMs = options.tickMs ?? 500;
    if (tickMs > 0) {
      this.ticker = setInterval(() => this.draw(), tickMs);
      this.ticker.unref();
    }
  }

  /** The listener to give buildDist as `onProgress`. */
  readonly listener: BuildProgressListener = (event) => {
    if (this.closed) return;
    const key = `${event.stage}\u0000${event.task}`;
    if (event.phase === 'end') {
      this.running.delete(key);
    } else {
      this.running.set(key, { event, startedAt: this.running.get(key)?.startedAt ?? this.now() });
    }
    if (event.phase !== 'advance' || this.now() - this.lastDrawn >= this.minRedrawMs) this.draw();
  };

  /** Erases the display and stops redrawing; call it before printing the build's outcome. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    if (this.drawnLines > 0) this.stream.write(`${up(this.drawnLines)}${ERASE_DOWN}`);
    this.drawnLines = 0;
  }

  private draw(): void {
    if (this.closed) return;
    const now = this.now();
    this.lastDrawn = now;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const lines = [...this.running.values()].map((task) => fit(describeTask(task, now), width));
    if (lines.length === 0) lines.push(fit(`Building… ${seconds(now - this.startedAt)}`, width));
    const erase = this.drawnLines > 0 ? `${up(this.drawnLines)}${ERASE_DOWN}` : '';
    this.stream.write(`${erase}${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}

/** A display on `stream` when it is a terminal and output is wanted; otherwise none, and the output stays as it was. */
export function buildProgressDisplay(stream: ProgressStream, quiet: boolean, options?: ProgressDisplayOptions): BuildProgressDisplay | undefined {
  return stream.isTTY && !quiet ? new BuildProgressDisplay(stream, options) : undefined;
}

function describeTask({ event, startedAt }: RunningTask, now: number): string {
  const name = `${STAGE_LABELS[event.stage]} ${event.task}`;
  const elapsed = seconds(now - startedAt);
  if (event.total === undefined || event.total <= 0) {
    const count = event.done > 0 ? ` ${count3(event.done)}${event.unit ? ` ${event.unit}` : ''}` : '';
    return `${name}…${count} ${elapsed}`;
  }
  const share = Math.min(1, event.done / event.total);
  const filled = Math.floor(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `${name} ${bar} ${percent} ${count3(Math.min(event.done, event.total))}/${count3(event.total)}${event.unit ? ` ${event.unit}` : ''} ${elapsed}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** 760588 → "760 588", as the README writes numbers. */
function count3(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function fit(line: string, width: number): string {
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
