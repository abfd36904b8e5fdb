import { DataFactory, Parser, type Store } from 'n3';
import type { BlankNode, Quad } from '@rdfjs/types';
import { canonicalGraph } from '../graph/canonical-graph.js';
import type { IriScheme } from '../graph/iri-scheme.js';
import { DCAT, FOAF } from '../graph/namespaces.js';
import { describeResource } from '../store/describe-resource.js';
import type { Release, ReleaseHistory } from './release-history.js';

/** What happened to a resource in a release. */
export type ChangeKind = 'created' | 'updated' | 'removed';

/** One resource's change in one release: the member of the change stream and a line of "what's new". */
export interface ResourceChange {
  /** The resource's IRI (one with a document). */
  readonly resource: string;
  readonly kind: ChangeKind;
  /** The release it happened in; its datetime is when. */
  readonly release: Release;
  /** The release before, where the description as it was before is read; undefined for a creation in the first release. */
  readonly previous?: Release;
  /** For a creation or update, the first 32 hex digits of the canonical hash of the description after it. */
  readonly digest?: string;
}

/** The changes of one release, in resource IRI order. */
export interface ReleaseChangeSet {
  readonly release: Release;
  /** The release before it, if any: what it is compared with. */
  readonly previous?: Release;
  readonly changes: readonly ResourceChange[];
}

/** The statements of a description that a change took away and put in (the rest stayed). */
export interface StatementChange {
  readonly before: readonly Quad[];
  readonly after: readonly Quad[];
}

/**
 * What changed in each release, resource by resource: each release is
 * compared with the one before it, and a resource whose description differs
 * (by canonical hash) was created, updated or removed there. The first
 * release creates every resource it describes, which is also what the first
 * release kept after HISTORY_SINCE does.
 */
export class ReleaseChanges {
  private readonly byResource = new Map<string, ResourceChange[]>();

  private constructor(
    private readonly history: ReleaseHistory,
    private readonly iris: IriScheme,
    /** Every release with its changes, oldest first. */
    readonly releases: readonly ReleaseChangeSet[],
  ) {
    for (const set of releases) {
      for (const change of set.changes) this.byResource.set(change.resource, [...(this.byResource.get(change.resource) ?? []), change]);
    }
  }

  /**
   * Compares every release with the one before it. Each release's graph is
   * loaded once (the history keeps only a few loaded), and only the digests
   * of its descriptions are kept.
   */
  static async of(history: ReleaseHistory, iris: IriScheme): Promise<ReleaseChanges> {
    const sets: ReleaseChangeSet[] = [];
    let before = new Map<string, string>();
    let previous: Release | undefined;
    for (const release of history.releases) {
      const { store } = await history.graph(release);
      const after = new Map<string, string>();
      for (const resource of describedResources(store, iris)) {
        after.set(resource, (await canonicalDescription(changeDescription(store, resource))).hash.slice(0, 32));
      }
      const changes: ResourceChange[] = [];
      for (const resource of [...new Set([...before.keys(), ...after.keys()])].sort(compareIris)) {
        const was = before.get(resource);
        const is = after.get(resource);
        if (was === is) continue;
        const kind: ChangeKind = was === undefined ? 'created' : is === undefined ? 'removed' : 'updated';
        changes.push({ resource, kind, release, ...(kind === 'created' ? {} : { previous }), ...(is === undefined ? {} : { digest: is }) });
      }
      sets.push({ release, ...(previous ? { previous } : {}), changes });
      before = after;
      previous = release;
    }
    return new ReleaseChanges(history, iris, sets);
  }

  /** Every change, oldest release first and in resource IRI order within a release: the order of the change stream. */
  all(): ResourceChange[] {
    return this.releases.flatMap((set) => set.changes);
  }

  /** The changes of one resource, oldest first; none for an IRI no release described. */
  of(resource: string): readonly ResourceChange[] {
    return this.byResource.get(resource) ?? [];
  }

  /** The changes of the release with this id, if it is one. */
  inRelease(releaseId: string): ReleaseChangeSet | undefined {
    return this.releases.find((set) => set.release.id === releaseId);
  }

  /** The graph of a release, for names and descriptions. */
  async graph(release: Release): Promise<Store> {
    return (await this.history.graph(release)).store;
  }

  /** The description of `resource` after a creation or update (what the change stream carries); empty for a removal. */
  async description(change: ResourceChange): Promise<Quad[]> {
    if (change.kind === 'removed') return [];
    return changeDescription(await this.graph(change.release), change.resource);
  }

  /** The statements a change took away and put in, compared as canonical N-Triples (so blank nodes match by what they say). */
  async statements(change: ResourceChange): Promise<StatementChange> {
    const lines = async (release: Release | undefined) =>
      release ? new Set((await canonicalDescription(changeDescription(await this.graph(release), change.resource))).nquads.split('\n').filter(Boolean)) : new Set<string>();
    const before = await lines(change.previous);
    const after = change.kind === 'removed' ? new Set<string>() : await lines(change.release);
    return { before: parseLines([...before].filter((line) => !after.has(line))), after: parseLines([...after].filter((line) => !before.has(line))) };
  }

  /** The IRI scheme the changes are named with. */
  get site(): IriScheme {
    return this.iris;
  }
}

/**
 * ReleaseChanges.of, computed on first use and kept: it loads every release's
 * graph once, which a server should not pay for at start-up when no one asks.
 * A failure is not kept, so the next call tries again.
 */
export function lazyReleaseChanges(history: ReleaseHistory, iris: IriScheme): () => Promise<ReleaseChanges> {
  let computing: Promise<ReleaseChanges> | undefined;
  return () => {
    if (!computing) {
      computing = ReleaseChanges.of(history, iris);
      computing.catch(() => {
        computing = undefined;
      });
    }
    return computing;
  };
}

/**
 * What a change of `resource` is about: its document's own statements (the
 * resource and its hash parts, with the blank nodes they reach) and, for a
 * dataset of the catalogue, its catalogue record, since a harvester keeps
 * the record with the dataset and `/catalog?modified_since=` dates the
 * dataset by it. Empty when the graph does not describe the resource.
 */
export function changeDescription(store: Store, resource: string): Quad[] {
  const own = describeResource(store, resource)?.own ?? [];
  const records = store
    .getSubjects(FOAF.primaryTopic, resource, null)
    .filter((record) => store.countQuads(null, DCAT.record, record, null) > 0 && store.countQuads(null, DCAT.dataset, resource, null) > 0);
  return [...own, ...records.flatMap((record) => store.getQuads(record, null, null, null))];
}

/** Every resource a graph describes that has a document (IRI subjects folded into the IRI before `#`), in IRI order. */
export function describedResources(store: Store, iris: IriScheme): string[] {
  const resources = new Set<string>();
  for (const subject of store.getSubjects(null, null, null)) {
    if (subject.termType !== 'NamedNode') continue;
    const owner = subject.value.split('#')[0]!;
    if (iris.documentOf(owner) !== undefined && store.countQuads(owner, null, null, null) > 0) resources.add(owner);
  }
  return [...resources].sort(compareIris);
}

/** Code-point order: the same in every locale, so the stream's order never depends on the server's. */
export function compareIris(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A description in canonical form, on its own. Its blank nodes are named
 * afresh first: the graphs read from the release cache carry the labels
 * their whole graph was canonicalised with (`c14n3`), and rdf-canonize keeps
 * an input label that already looks canonical instead of issuing its own.
 */
function canonicalDescription(quads: readonly Quad[]): ReturnType<typeof canonicalGraph> {
  const labels = new Map<string, BlankNode>();
  const fresh = <T extends Quad['subject'] | Quad['object']>(term: T): T =>
    term.termType === 'BlankNode' ? (labels.get(term.value) ?? labels.set(term.value, DataFactory.blankNode(`d${labels.size}`)).get(term.value)!) as T : term;
  return canonicalGraph(quads.map((q) => DataFactory.quad(fresh(q.subject), q.predicate, fresh(q.object), q.graph)));
}

function parseLines(lines: readonly string[]): Quad[] {
  return new Parser({ format: 'application/n-triples', blankNodePrefix: '' }).parse([...lines].sort().join('\n')) as Quad[];
}
