import type { Store } from 'n3';
import { QUADS_PER_CHUNK, RDF_FORMATS, sortQuads, type RdfFormat } from '../graph/rdf-formats.js';
import { startTask, type BuildProgressListener } from './build-progress.js';
import { canonicalGraph } from '../graph/canonical-graph.js';
import { compileGraph, type CompiledGraph, type GraphSources } from './compile-graph.js';
import { loadShapes, type ShapesFile } from './load-shapes.js';
import { validateInWorkers, validationUnits } from './validate-in-workers.js';
import { formatShapeResult, validateGraph, type GraphValidation, type ShapesGraph } from './validate-graph.js';
import { DistStaging, type WrittenFile } from './write-dist.js';

/** The RDF dumps a build writes: every format except the quad-only ones. */
export const DUMP_FORMATS = RDF_FORMATS.filter((format) => ['ttl', 'nt', 'jsonld', 'rdf'].includes(format.extension));

/** What `dist/manifest.json` records of a build; later parts use it for ETags and VoID. */
export interface BuildManifest {
  readonly baseUrl: string;
  readonly tripleCount: number;
  /** SHA-256 of graph.nt, whose lines are sorted: it identifies the graph's content. */
  readonly contentHash: string;
  /**
   * SHA-256 of the graph's RDFC-1.0 canonical N-Quads: equal for two builds of
   * the same graph whatever their blank node labels, so it identifies a release
   * (src/history). Absent in manifests written before it was added.
   */
  readonly canonicalHash?: string;
  readonly builtAt: string;
  /** The prefixes every serialisation uses (the JSON-LD context). */
  readonly prefixes: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, { readonly mediaType: string; readonly bytes: number; readonly sha256: string }>>;
  /** Which shapes the graph was validated against (`vocab/shapes.ttl`, then the official DCAT-AP 3 files when given), and the results. */
  readonly validation: { readonly dcatAp: boolean; readonly shapes: readonly ShapesFile[]; readonly violations: number; readonly warnings: number };
}

export interface BuildOptions extends GraphSources {
  readonly outDir: string;
  /** Folder of the official DCAT-AP 3 shapes, validated against on top of the project's own; absent, the project's shapes alone. */
  readonly dcatApDir?: string;
  /** The build time to record; defaults to SOURCE_DATE_EPOCH or now. */
  readonly builtAt?: Date;
  /** Hears each step of the build (stages, counts), e.g. to draw a progress bar. */
  readonly onProgress?: BuildProgressListener;
  /**
   * Worker threads for SHACL validation; 0 (the default) validates in the main
   * thread, beside the dumps being written. Each worker parses its own copy of
   * the graph: at 10 000 datasets on 2 cores, 2 workers took 41.8 s and 4.6 GiB,
   * the main thread 42.2 s and 2.5 GiB. More cores may make them pay.
   */
  readonly validationWorkers?: number;
}

export interface BuildResult {
  readonly manifest: BuildManifest;
  readonly validation: GraphValidation;
  readonly dcatAp: boolean;
}

/** A graph that violates its shapes; nothing has been written. */
export class GraphValidationError extends Error {
  override readonly name = 'GraphValidationError';
  constructor(readonly validation: GraphValidation) {
    const count = validation.violations.length;
    super(`The graph violates its shapes (${count} ${count === 1 ? 'violation' : 'violations'}):\n${validation.violations.map((result) => `  ${formatShapeResult(result)}`).join('\n')}`);
  }
}

/** Triples per batch of focus nodes: small enough to keep each batch's SHACL report small, large enough to keep the per-batch cost low. */
const TRIPLES_PER_BATCH = 25_000;

/**
 * data/ → validated RDF graph → dist/ (dumps and manifest), all or nothing.
 * The dumps are written into a staging folder while the graph is validated
 * (in worker threads with validationWorkers), and only a conforming graph's
 * folder replaces dist/.
 */
export async function buildDist(options: BuildOptions): Promise<BuildResult> {
  const { onProgress } = options;
  let compiled: CompiledGraph | undefined = await compileGraph(options, onProgress);
  const { prefixes, iris } = compiled;
  const { graphs, files: shapeFiles, dcatAp } = await loadShapes(options.vocabDir, options.dcatApDir, iris);
  const tripleCount = compiled.store.size;
  const workers = options.validationWorkers ?? 0;
  const batches = Math.max(1, Math.ceil(tripleCount / TRIPLES_PER_BATCH));

  const staging = await DistStaging.open(options.outDir);
  try {
    const sorting = startTask(onProgress, 'writing', 'sorting triples', tripleCount, 'triples');
    // Sorted once here for every dump rather than once by each serialiser.
    const quads = sortQuads(compiled.store.getQuads(null, null, null, null));
    sorting.end();
    // Workers hold their own copy of the graph; this thread then needs only the sorted quads.
    let store: Store | undefined = workers > 0 ? undefined : compiled.store;
    compiled = undefined;
    const written = new Map<string, WrittenFile>();
    const writeDump = async (format: RdfFormat) => {
      const name = `graph.${format.extension}`;
      const task = startTask(onProgress, 'writing', name, tripleCount, 'triples');
      const pieces = format.chunks(quads, { prefixes, sorted: true });
      written.set(name, await staging.write(name, pieces, () => task.advance(Math.min(QUADS_PER_CHUNK, tripleCount))));
      task.end();
    };
    // The workers read the graph from graph.nt, so it is written first.
    const ntriples = DUMP_FORMATS.find((format) => format.extension === 'nt')!;
    if (workers > 0) await writeDump(ntriples);
    const validating = validate(store, graphs, { workers, batches, graphFile: staging.path('graph.nt'), onProgress });
    validating.catch(() => undefined);
    for (const format of DUMP_FORMATS) if (!written.has(`graph.${format.extension}`)) await writeDump(format);
    store = undefined;
    const validation = await validating;
    if (!validation.conforms) throw new GraphValidationError(validation);

    // After validation, when the store has been let go: the canonical text is a second copy of the graph (RDFC-1.0 took 0.5 s at 1 000 datasets, 16 s at 10 000, on 2 busy cores).
    const canonicalising = startTask(onProgress, 'finishing', 'canonical hash');
    const { hash: canonicalHash } = await canonicalGraph(quads);
    canonicalising.end();
    const finishing = startTask(onProgress, 'finishing', 'manifest');
    const entries: Record<string, BuildManifest['files'][string]> = {};
    for (const format of DUMP_FORMATS) {
      const file = written.get(`graph.${format.extension}`)!;
      entries[`graph.${format.extension}`] = { mediaType: format.mediaType, bytes: file.bytes, sha256: file.sha256 };
    }
    const manifest: BuildManifest = {
      baseUrl: iris.base,
      tripleCount: quads.length,
      contentHash: entries['graph.nt']!.sha256,
      canonicalHash,
      builtAt: (options.builtAt ?? buildTime()).toISOString(),
      prefixes,
      files: entries,
      validation: { dcatAp, shapes: shapeFiles, violations: 0, warnings: validation.warnings.length },
    };
    await staging.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    await staging.commit();
    finishing.end();
    return { manifest, validation, dcatAp };
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

/** SHACL validation of the graph, with progress per batch: in worker threads, or in this one. */
async function validate(
  store: Store | undefined,
  shapesGraphs: readonly ShapesGraph[],
  options: { readonly workers: number; readonly batches: number; readonly graphFile: string; readonly onProgress?: BuildProgressListener },
): Promise<GraphValidation> {
  const task = startTask(options.onProgress, 'validating', 'SHACL', validationUnits(shapesGraphs, options.batches), 'batches');
  const validation =
    options.workers > 0 || !store
      ? await validateInWorkers(options.graphFile, shapesGraphs, { workers: options.workers, batches: options.batches, onUnit: () => task.advance() })
      : await validateGraph(store, shapesGraphs, { batches: options.batches, onBatch: () => task.advance() });
  task.end();
  return validation;
}

function buildTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
