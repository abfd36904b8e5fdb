import type { QueryEngine } from '../store/query-engine.js';
import type { Release, ReleaseGraph, ReleaseHistory } from './release-history.js';

/** An engine lent for one query; `done` gives it back (an evicted engine is closed once every lease is back). */
export interface EngineLease {
  readonly engine: QueryEngine;
  done(): void;
}

interface Entry {
  readonly engine: Promise<QueryEngine>;
  leases: number;
  evicted: boolean;
}

/**
 * Query engines over past releases, for SPARQL's `release` parameter: one
 * engine per release, made on first use from the release's graph, and at most
 * `capacity` of them at once (least recently used closed first, after the
 * queries running on it end). Each engine holds its own copy of its graph
 * (a worker pool's threads hold one each), so the bound is what keeps memory
 * bounded however many releases clients ask for.
 */
export class ReleaseQueryEngines {
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** The releases the engines are made for. */
    readonly history: ReleaseHistory,
    private readonly create: (graph: ReleaseGraph) => QueryEngine,
    private readonly capacity = 1,
  ) {}

  /** An engine over `release`'s graph, lent until `done` is called. */
  async lease(release: Release): Promise<EngineLease> {
    let entry = this.entries.get(release.id);
    if (entry) {
      this.entries.delete(release.id);
    } else {
      entry = { engine: this.history.graph(release).then(this.create), leases: 0, evicted: false };
      entry.engine.catch(() => this.entries.delete(release.id));
    }
    // The map's order is least recently used first.
    this.entries.set(release.id, entry);
    entry.leases += 1;
    this.evict();
    let engine: QueryEngine;
    try {
      engine = await entry.engine;
    } catch (error) {
      entry.leases -= 1;
      throw error;
    }
    const lent = entry;
    let returned = false;
    return {
      engine,
      done: () => {
        if (returned) return;
        returned = true;
        lent.leases -= 1;
        if (lent.evicted && lent.leases === 0) void close(lent);
      },
    };
  }

  /** Closes every engine (the server is stopping). */
  async close(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map(close));
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      const [id, entry] = this.entries.entries().next().value!;
      this.entries.delete(id);
      entry.evicted = true;
      if (entry.leases === 0) void close(entry);
    }
  }
}

async function close(entry: Entry): Promise<void> {
  const engine = await entry.engine.catch(() => undefined);
  await engine?.close();
}
