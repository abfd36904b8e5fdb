import { BoundedCache } from '../store/bounded-cache.js';

/** The default bound of the rendered documents and pages, in bytes. */
export const DEFAULT_PAGE_BYTES = 32 * 1024 * 1024;

/**
 * Rendered documents and pages, kept because the graph never changes while the
 * server runs (a new build means a new process): the same resource in the same
 * representation and reader languages is serialised once, whatever headers
 * asked for it (replay only answers the very same headers). Callers put the
 * graph's content hash in each key. Least recently used entries go first once
 * the total size (UTF-8 bytes) passes the limit.
 */
export class RepresentationCache {
  private readonly texts: BoundedCache<string>;

  constructor(maxBytes = DEFAULT_PAGE_BYTES) {
    this.texts = new BoundedCache(maxBytes);
  }

  /** The bytes the cached texts and their keys hold. */
  get size(): number {
    return this.texts.size;
  }

  /** The cached text for `key`, or the one `render` makes (then cached). */
  async get(key: string, render: () => Promise<string> | string): Promise<string> {
    const cached = this.texts.get(key);
    if (cached !== undefined) return cached;
    const text = await render();
    // Two requests that missed the same key both land here; BoundedCache replaces rather than counts twice.
    this.texts.set(key, text, Buffer.byteLength(text) + key.length);
    return text;
  }
}
