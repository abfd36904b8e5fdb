import type { PrepareOptions, PreparedQuery } from '../store/prepare-query.js';
import type { QueryEngine, QueryLimits, QueryOptions, QueryResultStream } from '../store/query-engine.js';
import { BoundedCache } from '../store/bounded-cache.js';

/** How much the SPARQL result cache holds. */
export interface ResultCacheSettings {
  /** All results together, in bytes (UTF-8). */
  readonly maxBytes?: number;
  /** One result; larger ones are streamed every time. */
  readonly maxEntryBytes?: number;
}

export const DEFAULT_RESULT_CACHE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_RESULT_ENTRY_BYTES = 1024 * 1024;

/**
 * An engine that answers a query it has already answered in full from memory:
 * harvesters and pages repeat the same queries, and the graph never changes
 * while the server runs. The key is the graph's content hash, the query as
 * prepared (protocol dataset and named-query bindings applied) and the result
 * media type; only complete results are kept (not truncated, not failed, not
 * cancelled, at most maxEntryBytes), chunk by chunk as the engine wrote them,
 * so a cached answer goes on the wire exactly as a fresh one does.
 */
export class CachedQueryEngine implements QueryEngine {
  private readonly results: BoundedCache<readonly string[]>;
  private readonly maxEntryBytes: number;

  constructor(
    private readonly engine: QueryEngine,
    private readonly contentHash: string,
    settings: ResultCacheSettings = {},
  ) {
    this.results = new BoundedCache(settings.maxBytes ?? DEFAULT_RESULT_CACHE_BYTES);
    this.maxEntryBytes = settings.maxEntryBytes ?? DEFAULT_RESULT_ENTRY_BYTES;
  }

  get limits(): QueryLimits {
    return this.engine.limits;
  }

  /** The bytes the cached results hold. */
  get size(): number {
    return this.results.size;
  }

  prepare(text: string, options?: PrepareOptions): Promise<PreparedQuery> {
    return this.engine.prepare(text, options);
  }

  async query(text: string, options: QueryOptions): Promise<QueryResultStream> {
    const prepared = await this.engine.prepare(text, { dataset: options.dataset, bindings: options.bindings });
    if (!prepared.repeatable) return this.engine.query(text, options);
    const key = JSON.stringify([this.contentHash, prepared.text, prepared.dataset ?? null, options.mediaType]);
    const cached = this.results.get(key);
    if (cached) return replay(cached);
    const stream = await this.engine.query(text, options);
    // The key (up to a whole query text) is counted too, so many small results cannot outgrow the bound.
    return record(stream, this.maxEntryBytes, (chunks, bytes) => this.results.set(key, chunks, bytes + key.length));
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

function replay(chunks: readonly string[]): QueryResultStream {
  return {
    truncated: false,
    whole: chunks,
    cancel: () => {},
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  };
}

/** Passes the stream through, and keeps its chunks if it ends complete, untruncated, uncancelled and small enough. */
function record(stream: QueryResultStream, maxBytes: number, keep: (chunks: string[], bytes: number) => void): QueryResultStream {
  // A cancelled stream ends like a complete one (the client left), so it is told apart here.
  let cancelled = false;
  return {
    get truncated() {
      return stream.truncated;
    },
    cancel: () => {
      cancelled = true;
      stream.cancel();
    },
    async *[Symbol.asyncIterator]() {
      let chunks: string[] | undefined = [];
      let bytes = 0;
      for await (const chunk of stream) {
        if (chunks) {
          bytes += Buffer.byteLength(chunk);
          if (bytes <= maxBytes) chunks.push(chunk);
          else chunks = undefined;
        }
        yield chunk;
      }
      if (chunks && !cancelled && !stream.truncated) keep(chunks, bytes);
    },
  };
}
