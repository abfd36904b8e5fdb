/** The stages of a build, in the order they start (validation runs while the dumps after graph.nt are written). */
export const BUILD_STAGES = ['loading', 'checking', 'mapping', 'writing', 'validating', 'finishing'] as const;

export type BuildStage = (typeof BUILD_STAGES)[number];

/**
 * One step of a build, for whoever shows progress: a task (one per stage, or
 * one per dump or shapes file) starts, advances, and ends. The build emits
 * these and nothing else; drawing them is the command line's business.
 */
export interface BuildProgressEvent {
  readonly stage: BuildStage;
  /** What is being done, such as "graph.ttl" or "DCAT-AP 3.0.1 shapes.ttl"; unique among the tasks running at once. */
  readonly task: string;
  readonly phase: 'start' | 'advance' | 'end';
  /** Units done so far (0 at the start, `total` at the end when it is known). */
  readonly done: number;
  /** Units in all, when known in advance. */
  readonly total?: number;
  /** What a unit is: "files", "outputs", "focus nodes", "triples". */
  readonly unit?: string;
}

/** A listener of build progress; it must not throw, since the build does not wait for it. */
export type BuildProgressListener = (event: BuildProgressEvent) => void;

/** One task's events: start, any number of advances, and an end. */
export class ProgressTask {
  private done = 0;
  private ended = false;

  constructor(
    private readonly listener: BuildProgressListener | undefined,
    private readonly stage: BuildStage,
    private readonly task: string,
    private readonly total?: number,
    private readonly unit?: string,
  ) {
    this.emit('start');
  }

  /** Records `units` more done (never past the total: a writer's last piece may hold no triples). */
  advance(units = 1): void {
    this.done = this.total === undefined ? this.done + units : Math.min(this.total, this.done + units);
    this.emit('advance');
  }

  /** Ends the task (once), counting it as complete. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.total !== undefined) this.done = this.total;
    this.emit('end');
  }

  private emit(phase: BuildProgressEvent['phase']): void {
    if (!this.listener) return;
    this.listener({
      stage: this.stage,
      task: this.task,
      phase,
      done: this.done,
      ...(this.total !== undefined ? { total: this.total } : {}),
      ...(this.unit !== undefined ? { unit: this.unit } : {}),
    });
  }
}

/** Starts a task of the build's progress; with no listener, its events go nowhere. */
export function startTask(listener: BuildProgressListener | undefined, stage: BuildStage, task: string, total?: number, unit?: string): ProgressTask {
  return new ProgressTask(listener, stage, task, total, unit);
}
