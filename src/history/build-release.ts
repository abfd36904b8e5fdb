import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Store } from 'n3';
import { compileGraph } from '../build/compile-graph.js';
import { canonicalGraph } from '../graph/canonical-graph.js';
import { IriScheme } from '../graph/iri-scheme.js';
import type { Kind } from '../kinds/kind.js';
import { extractTree } from '../source/git-revisions.js';
import { readLineDatesAt } from '../source/source-history.js';
import { describeResource } from '../store/describe-resource.js';

/** Where a commit's sources are: the checkout and the data and vocabulary folders in it. */
export interface CommitSources {
  /** The root of the git checkout. */
  readonly root: string;
  /** The data folder, relative to the root in git's spelling (`data`). */
  readonly dataPath: string;
  /** The vocabulary folder relative to the root; undefined when it lies outside the checkout, and then `vocabDir` is read as it is now. */
  readonly vocabPath?: string;
  /** The vocabulary folder on disk, used when `vocabPath` is undefined. */
  readonly vocabDir: string;
  readonly baseUrl: string;
  /** The kinds of thing read from data/; every kind of the project unless a test adds its own. */
  readonly kinds?: readonly Kind<unknown>[];
}

/** A commit's graph, as the current program builds it. */
export interface BuiltRelease {
  /** RDFC-1.0 canonical N-Quads of the graph (src/graph/canonical-graph.ts). */
  readonly nquads: string;
  /** SHA-256 of `nquads`: the release's identity. */
  readonly canonicalHash: string;
  readonly tripleCount: number;
  /** The prefixes of that commit's JSON-LD context, which its documents are written with. */
  readonly prefixes: Readonly<Record<string, string>>;
  /**
   * Each resource that has a document (its IRI) and the first 16 hex digits of
   * the canonical hash of that document's triples: equal digests in two
   * releases mean the document said the same thing.
   */
  readonly documents: Readonly<Record<string, string>>;
}

/**
 * Builds the graph of `commit` from its own data/ and vocab/ files, read out of
 * git into a temporary folder, with the line dates `git blame` gives as of that
 * commit, so the graph is the one a build of that commit's checkout makes. The
 * data is checked and mapped as a build does, but not validated with SHACL:
 * a release was validated when it was published, and shapes are not published.
 * Throws SourceDataErrors when the current program rejects the commit's data.
 */
export async function buildRelease(commit: string, sources: CommitSources): Promise<BuiltRelease> {
  const folder = await mkdtemp(join(tmpdir(), 'oscg-release-'));
  try {
    const dataDir = join(folder, 'data');
    await extractTree(sources.root, commit, sources.dataPath, dataDir);
    let vocabDir = sources.vocabDir;
    if (sources.vocabPath !== undefined) {
      vocabDir = join(folder, 'vocab');
      await extractTree(sources.root, commit, sources.vocabPath, vocabDir);
    }
    const compiled = await compileGraph({
      dataDir,
      vocabDir,
      baseUrl: sources.baseUrl,
      kinds: sources.kinds,
      // A data file's path in the checkout is its path under the data folder (data/outputs/x.yaml too), as extractTree wrote it.
      lineDates: (path) => readLineDatesAt(sources.root, commit, `${sources.dataPath}/${relative(dataDir, path).split(sep).join('/')}`),
    });
    const canonical = await canonicalGraph(compiled.store.getQuads(null, null, null, null));
    return {
      nquads: canonical.nquads,
      canonicalHash: canonical.hash,
      tripleCount: canonical.tripleCount,
      prefixes: compiled.prefixes,
      documents: await documentDigests(compiled.store, compiled.iris),
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The digest of every resource's document (see BuiltRelease.documents), in IRI order. */
export async function documentDigests(store: Store, iris: IriScheme): Promise<Record<string, string>> {
  const resources = new Set<string>();
  for (const subject of store.getSubjects(null, null, null)) {
    if (subject.termType !== 'NamedNode') continue;
    const owner = subject.value.split('#')[0]!;
    if (iris.documentOf(owner) !== undefined) resources.add(owner);
  }
  const digests: Record<string, string> = {};
  for (const iri of [...resources].sort()) {
    const description = describeResource(store, iri);
    if (description) digests[iri] = (await canonicalGraph(description.quads)).hash.slice(0, 16);
  }
  return digests;
}
