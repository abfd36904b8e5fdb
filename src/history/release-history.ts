import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Store } from 'n3';
import { canonicalGraph } from '../graph/canonical-graph.js';
import { parseNTriplesInto } from '../graph/parse-ntriples.js';
import type { Kind } from '../kinds/kind.js';
import { checkoutRoot, commitsTouching, pathInCheckout, type Commit } from '../source/git-revisions.js';
import { buildRelease, type CommitSources } from './build-release.js';
import { ReleaseCache, type CachedCommit } from './release-cache.js';

/**
 * One published state of the graph. Releases come from git: every commit of
 * the checkout's first-parent line that changed data/ or vocab/ is built (by
 * this program, without SHACL), and consecutive commits that give the same
 * graph (same RDFC-1.0 canonical hash) are one release, dated by the first of
 * them. Nothing is dated by guess: a release's time is a commit time.
 */
export interface Release {
  /** `YYYYMMDDhhmmss` of `datetime` in UTC: names the release in memento URLs and in SPARQL's `release` parameter. */
  readonly id: string;
  /** When this state was published: the committer date of the first commit that gave this graph. */
  readonly datetime: Date;
  /** That commit. */
  readonly commit: string;
  /** Every commit that gave this graph, in order (later ones changed only what the graph does not hold, such as shapes). */
  readonly commits: readonly string[];
  /** SHA-256 of the graph's canonical N-Quads: the release's identity (the build manifest's `canonicalHash`). */
  readonly canonicalHash: string;
  readonly tripleCount: number;
  /** The prefixes of that release's JSON-LD context, which its documents are written with. */
  readonly prefixes: Readonly<Record<string, string>>;
}

/** A release's graph, loaded. */
export interface ReleaseGraph {
  readonly release: Release;
  readonly store: Store;
  /** The graph as N-Triples bytes (canonical labels), shareable with query worker threads. */
  readonly ntriples: SharedArrayBuffer;
}

/** What changed between two releases, as canonical N-Triples lines (blank nodes as RDFC-1.0 labels them). */
export interface ReleaseDiff {
  readonly from: Release;
  readonly to: Release;
  /** Triples in `to` and not in `from`, sorted. */
  readonly added: readonly string[];
  /** Triples in `from` and not in `to`, sorted. */
  readonly removed: readonly string[];
}

/** The graph the server serves now, so that the release equal to it is not loaded twice. */
export interface CurrentGraph {
  readonly store: Store;
  readonly ntriples: SharedArrayBuffer;
  readonly manifest: { readonly canonicalHash?: string };
}

/** Where the history comes from and how it is kept. */
export interface HistoryOptions {
  /** The data folder; its git checkout gives the history. */
  readonly dataDir: string;
  /** The vocabulary folder; its history is read from the same checkout when it lies inside it, otherwise every release uses it as it is now. */
  readonly vocabDir: string;
  readonly baseUrl: string;
  /** Where built releases are kept between runs (RELEASE_CACHE_DIR). */
  readonly cacheDir: string;
  /** Releases published before this instant are left out (HISTORY_SINCE): the way to prune the history. */
  readonly since?: Date;
  /** The kinds of thing read from data/; every kind of the project unless a test adds its own. */
  readonly kinds?: readonly Kind<unknown>[];
  /** The graph served now. */
  readonly current?: CurrentGraph;
  /** How many past releases' graphs are kept loaded at once (default 2); the current graph is not counted. */
  readonly loadedGraphs?: number;
  /** Hears what the history did (how many commits were built, which were refused). */
  readonly log?: (line: string) => void;
}

/** The releases of the graph, oldest first, and what each resource's document was in each. */
export class ReleaseHistory {
  private readonly byId: ReadonlyMap<string, Release>;
  private readonly loaded = new Map<string, Promise<ReleaseGraph>>();

  private constructor(
    /** Every release, oldest first. */
    readonly releases: readonly Release[],
    /** For each resource with a document: the release indexes where its document appeared, changed (`present`) or went away. */
    private readonly changes: ReadonlyMap<string, readonly DocumentChange[]>,
    private readonly cache: ReleaseCache | undefined,
    private readonly current: { readonly hash: string; readonly graph: CurrentGraph } | undefined,
    private readonly loadedGraphs: number,
    /** Why there are no releases, when there are none. */
    readonly unavailable?: string,
  ) {
    this.byId = new Map(releases.map((release) => [release.id, release]));
  }

  /**
   * Reads the history of `options.dataDir`'s git checkout and builds every
   * commit not yet in the cache (a first start builds them all; later starts
   * read the cache). Without git, a checkout or any commit, the history is
   * empty and `unavailable` says why: nothing is dated without a commit.
   */
  static async open(options: HistoryOptions): Promise<ReleaseHistory> {
    const log = options.log ?? (() => undefined);
    const empty = (reason: string) => new ReleaseHistory([], new Map(), undefined, undefined, 0, reason);
    const root = await checkoutRoot(options.dataDir);
    if (!root) return empty(`${options.dataDir} is not in a git checkout (or git is not installed), so there is no history of published states`);
    const dataPath = pathInCheckout(root, options.dataDir);
    if (!dataPath) return empty(`${options.dataDir} is the root of its git checkout, not a folder in it`);
    const vocabPath = pathInCheckout(root, options.vocabDir);
    let commits: Commit[];
    try {
      commits = await commitsTouching(root, vocabPath ? [dataPath, vocabPath] : [dataPath]);
    } catch (error) {
      return empty(`the git history of ${options.dataDir} cannot be read: ${(error as Error).message}`);
    }
    if (commits.length === 0) return empty(`no commit of ${root} has changed ${dataPath} yet`);
    const sources: CommitSources = { root, dataPath, vocabPath, vocabDir: options.vocabDir, baseUrl: options.baseUrl, kinds: options.kinds };
    // A vocabulary outside git is read as it is now, so what it holds is part of what an entry depends on.
    const scope = [options.baseUrl, dataPath, vocabPath ?? (await folderHash(options.vocabDir)), (options.kinds ?? []).map((kind) => kind.name)];
    const cache = await ReleaseCache.open(options.cacheDir, scope);
    const entries: CachedCommit[] = [];
    let built = 0;
    for (const commit of commits) {
      let entry = await cache.entry(commit.hash);
      if (!entry) {
        entry = await build(commit.hash, sources, cache);
        built += 1;
        if ('problem' in entry) log(`Release history: commit ${commit.hash.slice(0, 12)} is left out: ${entry.problem}`);
      }
      entries.push(entry);
    }
    const removed = await cache.prune(commits.map((commit) => commit.hash), entries.flatMap((entry) => ('canonicalHash' in entry ? [entry.canonicalHash] : [])));
    const { releases, documents } = releasesOf(commits, entries, options.since);
    log(`Release history: ${releases.length} releases from ${commits.length} commits of ${dataPath}${vocabPath ? ` and ${vocabPath}` : ''} (${built} built now, ${commits.length - built} from ${options.cacheDir}${removed ? `, ${removed} stale cache files removed` : ''}).`);
    const current = options.current ? { hash: options.current.manifest.canonicalHash ?? (await canonicalGraph(options.current.store.getQuads(null, null, null, null))).hash, graph: options.current } : undefined;
    return new ReleaseHistory(releases, documentChanges(documents), cache, current, options.loadedGraphs ?? 2, releases.length > 0 ? undefined : options.since ? `no release was published since ${options.since.toISOString()} (HISTORY_SINCE)` : `no commit of ${dataPath} could be built`);
  }

  /** A history with no releases, saying why (a server started without git, or with history switched off). */
  static none(reason: string): ReleaseHistory {
    return new ReleaseHistory([], new Map(), undefined, undefined, 0, reason);
  }

  /** The release with this id, if any. */
  get(id: string): Release | undefined {
    return this.byId.get(id);
  }

  /** The latest release, if any. */
  get latest(): Release | undefined {
    return this.releases.at(-1);
  }

  /** The latest release, when the graph served now is that release's graph (same canonical hash). */
  get currentRelease(): Release | undefined {
    return this.current && this.latest?.canonicalHash === this.current.hash ? this.latest : undefined;
  }

  /** The release in force at `instant`: the latest published at or before it; undefined before the first. */
  at(instant: Date): Release | undefined {
    let found: Release | undefined;
    for (const release of this.releases) {
      if (release.datetime.getTime() > instant.getTime()) break;
      found = release;
    }
    return found;
  }

  /** Every resource whose document was in some release (removed ones too), in the order first seen. */
  get documented(): readonly string[] {
    return [...this.changes.keys()];
  }

  /**
   * The releases in which the document of `resource` (an IRI with a document)
   * appeared or said something new, oldest first: its mementos. A release that
   * left the document as it was is not among them; one in which the resource
   * was gone is not either.
   */
  versionsOf(resource: string): Release[] {
    return (this.changes.get(resource) ?? []).filter((change) => change.present).map((change) => this.releases[change.index]!);
  }

  /** The version of `resource`'s document in force in `release`: the latest of versionsOf at or before it, undefined when the resource was not described then. */
  versionAt(resource: string, release: Release): Release | undefined {
    const index = this.releases.indexOf(release);
    let state: DocumentChange | undefined;
    for (const change of this.changes.get(resource) ?? []) {
      if (change.index > index) break;
      state = change;
    }
    return state?.present ? this.releases[state.index] : undefined;
  }

  /**
   * The graph of a release, loaded into a store. The graph served now is used
   * as it is when the release is that graph; others are read from the cache,
   * and at most `loadedGraphs` of them stay loaded (least recently used go).
   */
  async graph(release: Release): Promise<ReleaseGraph> {
    if (this.current && release.canonicalHash === this.current.hash) return { release, store: this.current.graph.store, ntriples: this.current.graph.ntriples };
    const known = this.loaded.get(release.id);
    if (known) {
      // Moved to the end: the map's order is least recently used first.
      this.loaded.delete(release.id);
      this.loaded.set(release.id, known);
      return known;
    }
    const loading = this.load(release);
    this.loaded.set(release.id, loading);
    loading.catch(() => this.loaded.delete(release.id));
    while (this.loaded.size > this.loadedGraphs) this.loaded.delete(this.loaded.keys().next().value!);
    return loading;
  }

  /** The triples added and removed from one release to another (any two, in either order). */
  async diff(from: Release, to: Release): Promise<ReleaseDiff> {
    const [before, after] = await Promise.all([this.canonicalLines(from), this.canonicalLines(to)]);
    return {
      from,
      to,
      added: [...after].filter((line) => !before.has(line)).sort(),
      removed: [...before].filter((line) => !after.has(line)).sort(),
    };
  }

  /** The canonical N-Quads text of a release's graph, as kept in the cache. */
  async canonicalText(release: Release): Promise<string> {
    if (!this.cache) throw new Error('This history has no releases.');
    return this.cache.graph(release.canonicalHash);
  }

  private async canonicalLines(release: Release): Promise<Set<string>> {
    return new Set((await this.canonicalText(release)).split('\n').filter((line) => line !== ''));
  }

  private async load(release: Release): Promise<ReleaseGraph> {
    const text = await this.canonicalText(release);
    const store = await parseNTriplesInto(new Store(), text);
    const bytes = Buffer.from(text, 'utf8');
    const ntriples = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(ntriples).set(bytes);
    return { release, store, ntriples };
  }
}

/** A change of one resource's document: in the release at `index` it appeared or changed (`present`), or went away. */
interface DocumentChange {
  readonly index: number;
  readonly present: boolean;
}

/** `YYYYMMDDhhmmss` in UTC: the id of a release published at `datetime`. */
export function releaseId(datetime: Date): string {
  return datetime.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function build(commit: string, sources: CommitSources, cache: ReleaseCache): Promise<CachedCommit> {
  try {
    const built = await buildRelease(commit, sources);
    const entry = { commit, canonicalHash: built.canonicalHash, tripleCount: built.tripleCount, prefixes: built.prefixes, documents: built.documents };
    await cache.store(entry, built.nquads);
    return entry;
  } catch (error) {
    // The data of an old commit that this program rejects (a field since renamed, say) is no release; the reason is kept so it is not rebuilt each start.
    const entry = { commit, problem: (error as Error).message.split('\n').slice(0, 3).join(' ') };
    await cache.store(entry);
    return entry;
  }
}

/**
 * The releases the built commits make, oldest first: consecutive commits with
 * the same graph are one release, dated by the first; commits the program
 * could not build are skipped. Committer dates can go backwards along a
 * branch (a rebase keeps old dates); a release dated at or before the one
 * before it supersedes that one, so datetimes always increase. Two releases
 * in the same second keep the later graph.
 */
function releasesOf(commits: readonly Commit[], entries: readonly CachedCommit[], since: Date | undefined): { releases: Release[]; documents: Readonly<Record<string, string>>[] } {
  const releases: Release[] = [];
  const documents: Readonly<Record<string, string>>[] = [];
  commits.forEach((commit, index) => {
    const entry = entries[index]!;
    if ('problem' in entry) return;
    // A commit that gives the graph of the release before it (shapes changed, say) joins that release.
    const joinsLast = () => {
      const last = releases.at(-1);
      if (last?.canonicalHash !== entry.canonicalHash) return false;
      releases[releases.length - 1] = { ...last, commits: [...last.commits, commit.hash] };
      return true;
    };
    if (joinsLast()) return;
    while (releases.length > 0 && releases.at(-1)!.datetime.getTime() >= commit.committedAt.getTime()) {
      releases.pop();
      documents.pop();
    }
    if (joinsLast()) return;
    releases.push({
      id: releaseId(commit.committedAt),
      datetime: commit.committedAt,
      commit: commit.hash,
      commits: [commit.hash],
      canonicalHash: entry.canonicalHash,
      tripleCount: entry.tripleCount,
      prefixes: entry.prefixes,
    });
    documents.push(entry.documents);
  });
  const first = since ? releases.findIndex((release) => release.datetime.getTime() >= since.getTime()) : 0;
  const kept = first === -1 ? releases.length : first;
  return { releases: releases.slice(kept), documents: documents.slice(kept) };
}

/** Where each resource's document appeared, changed or went away, from each release's document digests. */
function documentChanges(documents: readonly Readonly<Record<string, string>>[]): Map<string, DocumentChange[]> {
  const changes = new Map<string, DocumentChange[]>();
  let previous: Readonly<Record<string, string>> = {};
  documents.forEach((digests, index) => {
    for (const [iri, digest] of Object.entries(digests)) {
      if (previous[iri] === digest) continue;
      const list = changes.get(iri) ?? [];
      list.push({ index, present: true });
      changes.set(iri, list);
    }
    for (const iri of Object.keys(previous)) {
      if (!(iri in digests)) changes.get(iri)!.push({ index, present: false });
    }
    previous = digests;
  });
  return changes;
}

/** A hash of every file in a folder (names and contents), for a vocabulary that is not in git. */
async function folderHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(dir)).sort()) hash.update(`${name}\n`).update(await readFile(join(dir, name)).catch(() => Buffer.alloc(0)));
  return hash.digest('hex');
}
