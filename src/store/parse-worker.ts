import { parentPort, workerData } from 'node:worker_threads';
import { DataFactory } from 'n3';
import { prepareQuery, type ProtocolDataset, type QueryBindings, type QueryPolicy } from './prepare-query.js';
import type { QuerySyntaxError } from './query-errors.js';

/** A binding as plain data: worker messages are structured clones, which drop the methods and getters of n3's terms. */
export interface PlainTerm {
  readonly termType: 'NamedNode' | 'Literal' | 'BlankNode';
  readonly value: string;
  readonly language?: string;
  readonly datatype?: string;
}

/** One query for the parse thread. */
export interface ParseJob {
  readonly id: number;
  readonly text: string;
  readonly dataset?: ProtocolDataset;
  readonly bindings?: Readonly<Record<string, PlainTerm>>;
}

/** What the parse thread answers: the prepared query, or the error by class name with its location. */
export type ParseAnswer =
  | { readonly kind: 'ready'; readonly module: string }
  | { readonly id: number; readonly kind: 'prepared'; readonly prepared: ReturnType<typeof prepareQuery> }
  | { readonly id: number; readonly kind: 'error'; readonly name: string; readonly message: string; readonly line?: number; readonly column?: number };

/** Rebuilds n3 terms from their plain form. */
export function reviveBindings(bindings: Readonly<Record<string, PlainTerm>>): QueryBindings {
  return Object.fromEntries(Object.entries(bindings).map(([name, term]) => [name, revive(term)]));
}

function revive(term: PlainTerm): QueryBindings[string] {
  if (term.termType === 'NamedNode') return DataFactory.namedNode(term.value);
  if (term.termType === 'BlankNode') return DataFactory.blankNode(term.value);
  return DataFactory.literal(term.value, term.language || (term.datatype ? DataFactory.namedNode(term.datatype) : undefined));
}

const port = parentPort;
if (port) {
  const policy = workerData as QueryPolicy;
  port.on('message', (job: ParseJob) => {
    try {
      const prepared = prepareQuery(job.text, policy, { dataset: job.dataset, bindings: job.bindings && reviveBindings(job.bindings) });
      port.postMessage({ id: job.id, kind: 'prepared', prepared } satisfies ParseAnswer);
    } catch (error) {
      const { name, message, line, column } = error as QuerySyntaxError;
      port.postMessage({ id: job.id, kind: 'error', name: String(name), message: String(message), line, column } satisfies ParseAnswer);
    }
  });
  port.postMessage({ kind: 'ready', module: import.meta.url } satisfies ParseAnswer);
}
