import type { SourceKind } from './source-kind.js';

/** Everything in data/, validated and with every reference checked: the models of each kind. */
export class SourceData {
  private readonly models = new Map<SourceKind<unknown>, readonly unknown[]>();

  /** `kindOf` says which kind (by name) registered an id in a namespace. */
  constructor(private readonly kindOfId: (namespace: string, id: string) => string | undefined) {}

  /** The name of the kind whose item has `id` in `namespace` (people and organisations share `agent`). */
  kindOf(namespace: string, id: string): string | undefined {
    return this.kindOfId(namespace, id);
  }

  /** Records the models read for `kind`. */
  set<Model>(kind: SourceKind<Model>, models: readonly Model[]): void {
    this.models.set(kind, models);
  }

  /** The models of `kind`, in the order of its file. */
  all<Model>(kind: SourceKind<Model>): readonly Model[] {
    // `set` is the only writer, and it stores each kind's own models under it.
    return (this.models.get(kind) ?? []) as readonly Model[];
  }

  /** The model of a kind whose file is a single map (the catalogue). */
  one<Model>(kind: SourceKind<Model>): Model {
    const [model] = this.all(kind);
    if (model === undefined) throw new Error(`No ${kind.name} was read.`);
    return model;
  }
}
