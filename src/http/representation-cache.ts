import { BoundedCache } from './bounded-cache.js';

/**
 * Rendered documents, kept because the graph never changes while the server
 * runs (a new build means a new process): the same resource in the same
 * representation and reader languages is serialised once. Least recently used
 * entries go first once the total size (in characters) passes the limit.
 */
export class RepresentationCache {
  private readonly texts: BoundedCache<string>;

  constructor(maxCharacters = 64 * 1024 * 1024) {
    this.texts = new BoundedCache(maxCharacters);
  }

  /** The cached text for `key`, or the one `render` makes (then cached). */
  async get(key: string, render: () => Promise<string> | string): Promise<string> {
    const cached = this.texts.get(key);
    if (cached !== undefined) return cached;
    const text = await render();
    // Two requests that missed the same key both land here; BoundedCache replaces rather than counts twice.
    this.texts.set(key, text, text.length);
    return text;
  }
}
