/**
 * Rendered documents, kept because the graph never changes while the server
 * runs (a new build means a new process): the same resource in the same
 * representation and reader languages is serialised once. Least recently used
 * entries go first once the total size passes the limit.
 */
export class RepresentationCache {
  private readonly entries = new Map<string, string>();
  private size = 0;

  constructor(private readonly maxCharacters = 64 * 1024 * 1024) {}

  /** The cached text for `key`, or the one `render` makes (then cached). */
  async get(key: string, render: () => Promise<string> | string): Promise<string> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      // Re-inserting moves the entry to the end: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const text = await render();
    if (text.length > this.maxCharacters) return text;
    this.entries.set(key, text);
    this.size += text.length;
    for (const [oldest, value] of this.entries) {
      if (this.size <= this.maxCharacters) break;
      this.entries.delete(oldest);
      this.size -= value.length;
    }
    return text;
  }
}
