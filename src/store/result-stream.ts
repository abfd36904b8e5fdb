import type { QueryResultStream } from './query-engine.js';

type Item = { readonly text: string } | { readonly error: Error } | { readonly done: true };

/**
 * A QueryResultStream fed by pushes (worker messages, a generator) and read by the
 * HTTP layer at its own pace. A small queue rather than a Readable: destroying a
 * Readable with an error drops the chunks still buffered, and the reader must see
 * them before the error.
 */
export class PushedResultStream implements QueryResultStream {
  private readonly items: Item[] = [];
  private waiting: (() => void) | undefined;
  private ended = false;
  private wasTruncated = false;

  constructor(private readonly onCancel: () => void = () => {}) {}

  /** Whether rows were dropped at the row limit; final once the stream has ended. */
  get truncated(): boolean {
    return this.wasTruncated;
  }

  /** Whether end(), fail() or cancel() has been called. */
  get finished(): boolean {
    return this.ended;
  }

  /** Appends a chunk of output. */
  push(text: string): void {
    if (!this.ended) this.add({ text });
  }

  /** Ends the output. */
  end(truncated: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.wasTruncated = truncated;
    this.add({ done: true });
  }

  /** Ends the output with an error the reader sees after the chunks already pushed. */
  fail(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.add({ error });
  }

  /** Stops the query behind the stream. */
  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    this.add({ done: true });
    this.onCancel();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const item = this.items.shift();
      if (!item) {
        await new Promise<void>((resolve) => (this.waiting = resolve));
        continue;
      }
      if ('done' in item) return;
      if ('error' in item) throw item.error;
      yield item.text;
    }
  }

  private add(item: Item): void {
    this.items.push(item);
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  }
}
