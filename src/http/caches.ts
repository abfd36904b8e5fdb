import type { AccessLogSink } from './access-log.js';
import { DEFAULT_RESULT_CACHE_BYTES, DEFAULT_RESULT_ENTRY_BYTES, type ResultCacheSettings } from './cached-query-engine.js';
import { DEFAULT_PAGE_BYTES, RepresentationCache } from './representation-cache.js';
import { DEFAULT_REPLAY_BYTES, ResponseReplay } from './response-replay.js';

/**
 * Every cache the server keeps, made here from one configuration. Each is a
 * BoundedCache (least recently used first, bounded by the bytes it holds) and
 * each is keyed by everything its answer depends on:
 *
 * | layer (file)                          | holds                                      | key                                                                  | default bound |
 * |---------------------------------------|--------------------------------------------|----------------------------------------------------------------------|---------------|
 * | response replay (response-replay)     | whole GET/HEAD responses, bytes as sent    | method, URL, negotiation and validator headers (one replay per app)  | 64 MB         |
 * | rendered pages (representation-cache) | documents and pages as text, per variant   | graph content hash, resource (or home), representation, languages    | 32 MB         |
 * | SPARQL results (cached-query-engine)  | complete results, chunk by chunk           | graph content hash, prepared query, dataset, result media type       | 32 MB         |
 * | descriptions (store/describe-resource)| concise bounded descriptions               | the loaded store, resource IRI                                       | 16 MB (est.)  |
 *
 * Invalidation: none while the server runs, because the graph never changes
 * then. A new build has a new content hash, so it can never be answered from
 * an older graph's entries, and serving it means a new process, which starts
 * with empty caches. Replay answers only what the full stack marked
 * replayable (200, 303, 304; never errors); the other layers serve what
 * replay cannot: the same page asked for with other headers (rendering an
 * HTML document costs about six times more than sending it), POSTed queries
 * and a query asked for with other headers or URL parameters, and the description each
 * variant of one resource is made from. The descriptions' memo lives with the
 * store because the catalogue pages read it too; it is not configured here.
 * One Caches belongs to one app: replay keys carry no content hash.
 *
 * Not in the table, because their size is fixed by the build rather than by
 * traffic: the dump files (dump-routes, read once per file) and the SPARQL
 * query page (query-page, one per interface language). The prepared queries
 * QueryParser remembers (store/query-parser) are bounded by count, not bytes.
 */
export interface CacheSettings {
  /** Recorded responses, in bytes of body, headers and key. */
  readonly replayBytes?: number;
  /** Rendered pages, in UTF-8 bytes. */
  readonly pageBytes?: number;
  /** SPARQL results together and each result alone, in UTF-8 bytes. */
  readonly results?: ResultCacheSettings;
}

/** The caches of one app. */
export interface Caches {
  /** Whole responses, answered in front of Express (createRequestListener). */
  readonly replay: ResponseReplay;
  /** Rendered pages that walk much of the graph. */
  readonly pages: RepresentationCache;
  /** The bounds the SPARQL endpoint's result cache is made with. */
  readonly results: ResultCacheSettings;
}

/** Makes the caches of one app from `settings`; `accessLog` is where replayed requests are logged. */
export function createCaches(accessLog: AccessLogSink, settings: CacheSettings = {}): Caches {
  return {
    replay: new ResponseReplay(accessLog, settings.replayBytes ?? DEFAULT_REPLAY_BYTES),
    pages: new RepresentationCache(settings.pageBytes ?? DEFAULT_PAGE_BYTES),
    results: { maxBytes: settings.results?.maxBytes ?? DEFAULT_RESULT_CACHE_BYTES, maxEntryBytes: settings.results?.maxEntryBytes ?? DEFAULT_RESULT_ENTRY_BYTES },
  };
}
