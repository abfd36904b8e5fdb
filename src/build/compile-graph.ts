import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from 'n3';
import { IriScheme } from '../graph/iri-scheme.js';
import { mapSourceToRdf } from '../graph/map-source-to-rdf.js';
import { graphPrefixes } from '../graph/namespaces.js';
import { Vocabulary } from '../graph/vocabulary.js';
import { ALL_KINDS } from '../kinds/all-kinds.js';
import type { Kind } from '../kinds/kind.js';
import { listSourceFiles, type LineDateReader } from '../source/load-source-files.js';
import type { SourceData } from '../source/source-data.js';
import { trackedLineDates } from '../source/source-history.js';
import { readSourceData } from '../source/validate-source-data.js';
import { startTask, type BuildProgressListener } from './build-progress.js';

/** Where the sources are and under which public base the graph is minted. */
export interface GraphSources {
  readonly dataDir: string;
  readonly vocabDir: string;
  readonly baseUrl: string;
  /** The kinds of thing read from data/; every kind the project has unless a test adds its own. */
  readonly kinds?: readonly Kind<unknown>[];
  /** Where the data files' line dates come from (given each file's path); git blame of the checkout unless a past commit is built (src/history). */
  readonly lineDates?: LineDateReader;
}

/** The graph and what its serialisations need. */
export interface CompiledGraph {
  readonly store: Store;
  readonly prefixes: Readonly<Record<string, string>>;
  readonly iris: IriScheme;
}

/** Loads vocab/ and data/, validates the data and maps it to RDF (no SHACL, nothing written): the whole graph in memory. */
export async function compileGraph(sources: GraphSources, onProgress?: BuildProgressListener): Promise<CompiledGraph> {
  const { data, vocabulary, iris, kinds, prefixes } = await readGraphSources(sources, onProgress);
  const mapping = startTask(onProgress, 'mapping', 'RDF graph');
  const store = mapSourceToRdf(data, kinds, vocabulary, iris);
  mapping.end();
  return { store, prefixes, iris };
}

/** What the data and vocabulary say, checked: the models of data/, and what mapping them needs. */
export interface GraphInputs {
  readonly data: SourceData;
  readonly vocabulary: Vocabulary;
  readonly iris: IriScheme;
  readonly kinds: readonly Kind<unknown>[];
  readonly prefixes: Readonly<Record<string, string>>;
}

/**
 * Loads vocab/ and reads data/ one file at a time (each file parsed, checked,
 * read into models and let go); throws SourceDataErrors.
 */
export async function readGraphSources(sources: GraphSources, onProgress?: BuildProgressListener): Promise<GraphInputs> {
  const iris = new IriScheme(sources.baseUrl);
  const kinds = sources.kinds ?? ALL_KINDS;
  const vocabulary = await Vocabulary.load(sources.vocabDir, iris);
  const singles = new Set(kinds.filter((kind) => kind.single).map((kind) => kind.name));
  const entries = await listSourceFiles(sources.dataDir, kinds.map((kind) => kind.name), undefined, singles);
  const loading = startTask(onProgress, 'loading', 'data files', entries.length, 'files');
  const lineDates = sources.lineDates ?? (await trackedLineDates(sources.dataDir));
  let checking: ReturnType<typeof startTask> | undefined;
  const data = await readSourceData(entries, kinds, vocabulary, {
    lineDates,
    onFile: () => loading.advance(),
    onFilesRead: () => {
      loading.end();
      checking = startTask(onProgress, 'checking', 'references between files');
    },
  });
  checking?.end();
  const prefixes = graphPrefixes(await readContextPrefixes(sources.vocabDir), iris.ontology);
  return { data, vocabulary, iris, kinds, prefixes };
}

/** The prefix map of vocab/context.jsonld, the JSON-LD context every format shares. */
export async function readContextPrefixes(vocabDir: string): Promise<Record<string, string>> {
  const path = join(vocabDir, 'context.jsonld');
  const context = JSON.parse(await readFile(path, 'utf8'))['@context'] as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(context).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
