import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CompactedNode } from '../graph/rdf-formats.js';

/**
 * JSON-LD node objects sorted by their `@id` as the dump sorts them (the
 * English collation, not code points, so not the order the graph is merged
 * in), with at most `nodesInMemory` held at once: beyond that, sorted runs go
 * to files in `dir` and are merged at the end.
 */
export class CollatedRuns {
  private readonly collator = new Intl.Collator('en');
  private pending: CompactedNode[] = [];
  private readonly runs: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly nodesInMemory: number,
  ) {}

  /** Adds nodes; a full buffer is sorted and written out as a run. */
  async add(nodes: readonly CompactedNode[]): Promise<void> {
    for (const node of nodes) this.pending.push(node);
    if (this.pending.length >= this.nodesInMemory) await this.spill();
  }

  /** Every node's text, in order. */
  async *sorted(): AsyncGenerator<string> {
    this.sort(this.pending);
    if (this.runs.length === 0) {
      for (const node of this.pending.splice(0)) yield node.text;
      return;
    }
    await this.spill();
    const heads = this.runs.map((path) => createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]());
    const current: (CompactedNode | undefined)[] = await Promise.all(heads.map(async (lines) => parse(await lines.next())));
    for (;;) {
      let best = -1;
      for (let index = 0; index < current.length; index += 1) {
        const node = current[index];
        if (node && (best < 0 || this.collator.compare(node.id, current[best]!.id) < 0)) best = index;
      }
      if (best < 0) return;
      yield current[best]!.text;
      current[best] = parse(await heads[best]!.next());
    }
  }

  private sort(nodes: CompactedNode[]): void {
    // Ties keep their order (sort is stable), as one sort of every node would.
    nodes.sort((a, b) => this.collator.compare(a.id, b.id));
  }

  private async spill(): Promise<void> {
    if (this.pending.length === 0) return;
    this.sort(this.pending);
    const path = join(this.dir, `jsonld-run-${this.runs.length}.jsonl`);
    await writeFile(path, this.pending.map((node) => `${JSON.stringify([node.id, node.text])}\n`).join(''));
    this.runs.push(path);
    this.pending = [];
  }
}

function parse(next: IteratorResult<string>): CompactedNode | undefined {
  if (next.done) return undefined;
  const [id, text] = JSON.parse(next.value) as [string, string];
  return { id, text };
}
