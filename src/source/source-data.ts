import type { SourceKind } from './source-kind.js';

/** Everything in data/, validated and with every reference checked: the models of each kind. */
export class SourceData {
  private readonly models = new Map<SourceKind<unknown>, unknown[]>();
  private readonly derived = new Map<string, unknown>();
  /** When any data file was last committed (git history), if known; set once every file is read. */
  lastCommitted: string | undefined;

  /** `kindOf` says which kind (by name) registered an id in a namespace. */
  constructor(private readonly kindOfId: (namespace: string, id: string) => string | undefined) {}

  /** The name of the kind whose item has `id` in `namespace` (people and organisations share `agent`). */
  kindOf(namespace: string, id: string): string | undefined {
    return this.kindOfId(namespace, id);
  }

  /** Records the models read for `kind` from one more of its files. */
  add<Model>(kind: SourceKind<Model>, models: readonly Model[]): void {
    const known = this.models.get(kind);
    if (known) for (const model of models) known.push(model);
    else this.models.set(kind, [...models]);
  }

  /** The models of `kind`, in the order of its files. */
  all<Model>(kind: SourceKind<Model>): readonly Model[] {
    // `add` is the only writer, and it stores each kind's own models under it.
    return (this.models.get(kind) ?? []) as readonly Model[];
  }

  /** The model of a kind whose file is a single map (the catalogue). */
  one<Model>(kind: SourceKind<Model>): Model {
    const [model] = this.all(kind);
    if (model === undefined) throw new Error(`No ${kind.name} was read.`);
    return model;
  }

  /**
   * A value computed once from the models (a lookup table a kind's mapping
   * joins on), remembered under `key`: mapping 100 000 outputs must not scan
   * every person for each of them.
   */
  derive<Value>(key: string, compute: () => Value): Value {
    if (!this.derived.has(key)) this.derived.set(key, compute());
    return this.derived.get(key) as Value;
  }
}
