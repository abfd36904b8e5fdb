import { QueryEngine } from '@comunica/query-sparql';
import type { Store } from 'n3';

const engine = new QueryEngine();

/** Runs a SELECT over the store with Comunica; each row maps variable names to term values. */
export async function select(store: Store, query: string): Promise<Record<string, string>[]> {
  const bindings = await (await engine.queryBindings(query, { sources: [store] })).toArray();
  return bindings.map((binding) =>
    Object.fromEntries([...binding].map(([variable, term]) => [variable.value, term.value])),
  );
}

/** Runs an ASK over the store with Comunica. */
export async function ask(store: Store, query: string): Promise<boolean> {
  return engine.queryBoolean(query, { sources: [store] });
}

/** The sorted values of one variable over all rows. */
export function column(rows: readonly Record<string, string>[], variable: string): string[] {
  return rows.map((row) => row[variable]!).sort();
}
