import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from 'n3';
import { IriScheme } from '../graph/iri-scheme.js';
import { mapSourceToRdf } from '../graph/map-source-to-rdf.js';
import { graphPrefixes } from '../graph/namespaces.js';
import { Vocabulary } from '../graph/vocabulary.js';
import { ALL_KINDS } from '../kinds/all-kinds.js';
import type { Kind } from '../kinds/kind.js';
import { loadSourceFiles, type LineDateReader } from '../source/load-source-files.js';
import { validateSourceData } from '../source/validate-source-data.js';
import { startTask, type BuildProgressListener } from './build-progress.js';

/** Where the sources are and under which public base the graph is minted. */
export interface GraphSources {
  readonly dataDir: string;
  readonly vocabDir: string;
  readonly baseUrl: string;
  /** The kinds of thing read from data/; every kind the project has unless a test adds its own. */
  readonly kinds?: readonly Kind<unknown>[];
  /** Where the data files' line dates come from; git blame of the checkout unless a past commit is built (src/history). */
  readonly lineDates?: LineDateReader;
}

/** The graph and what its serialisations need. */
export interface CompiledGraph {
  readonly store: Store;
  readonly prefixes: Readonly<Record<string, string>>;
  readonly iris: IriScheme;
}

/** Loads vocab/ and data/, validates the data and maps it to RDF (no SHACL, nothing written). */
export async function compileGraph(sources: GraphSources, onProgress?: BuildProgressListener): Promise<CompiledGraph> {
  const iris = new IriScheme(sources.baseUrl);
  const kinds = sources.kinds ?? ALL_KINDS;
  const loading = startTask(onProgress, 'loading', 'data files', kinds.length, 'files');
  const vocabulary = await Vocabulary.load(sources.vocabDir, iris);
  const files = await loadSourceFiles(sources.dataDir, kinds.map((kind) => kind.name), undefined, () => loading.advance(), sources.lineDates);
  loading.end();
  const checking = startTask(onProgress, 'checking', 'data', files.size, 'files');
  const data = validateSourceData(files, kinds, vocabulary);
  checking.end();
  const mapping = startTask(onProgress, 'mapping', 'RDF graph');
  const store = mapSourceToRdf(data, kinds, vocabulary, iris);
  mapping.end();
  const prefixes = graphPrefixes(await readContextPrefixes(sources.vocabDir), iris.ontology);
  return { store, prefixes, iris };
}

/** The prefix map of vocab/context.jsonld, the JSON-LD context every format shares. */
export async function readContextPrefixes(vocabDir: string): Promise<Record<string, string>> {
  const path = join(vocabDir, 'context.jsonld');
  const context = JSON.parse(await readFile(path, 'utf8'))['@context'] as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(context).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
