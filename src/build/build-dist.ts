import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { CanonicalHash } from '../graph/canonical-graph.js';
import { mapSourceToRdfInSlices } from '../graph/map-source-to-rdf.js';
import {
  COMPACTED_JSON_LD_TAIL,
  compactedJsonLdHead,
  compactJsonLdNodes,
  compareKeyedQuads,
  keyedQuad,
  N3ChunkWriter,
  QUADS_PER_CHUNK,
  RDF_FORMATS,
  type KeyedQuad,
} from '../graph/rdf-formats.js';
import { RdfXmlWriter } from '../graph/rdf-xml-writer.js';
import { startTask, type BuildProgressListener } from './build-progress.js';
import { CollatedRuns } from './collated-runs.js';
import { readGraphSources, type GraphSources } from './compile-graph.js';
import { loadShapes, type ShapesFile } from './load-shapes.js';
import { mergeRuns, sortedRunText } from './sorted-runs.js';
import { validateInWorkers, validationUnits } from './validate-in-workers.js';
import { collectResults, formatShapeResult, TypeIndex, WindowValidator, type GraphValidation, type ShapeResult, type ShapesGraph } from './validate-graph.js';
import { DistStaging, type StagedFile, type WrittenFile } from './write-dist.js';

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

/** Triples per batch of focus nodes when validating in worker threads. */
const TRIPLES_PER_BATCH = 25_000;
/** Records mapped per slice: each slice's triples are sorted and written to a run file, then let go. */
const MODELS_PER_SLICE = 2_000;
/** Triples per window of the merged graph: written to every dump, canonicalised and validated together. */
const TRIPLES_PER_WINDOW = QUADS_PER_CHUNK;
/** JSON-LD node objects held in memory before a sorted run of them is written out. */
const JSON_LD_NODES_IN_MEMORY = 50_000;

/**
 * data/ → validated RDF graph → dist/ (dumps and manifest), all or nothing,
 * a slice at a time: the data files are read, checked and let go one by one
 * (their models kept), the models are mapped a slice at a time into sorted
 * runs of triples on disk, and the runs are merged in the dumps' order into
 * windows that are written to every dump, hashed, and validated with SHACL
 * (in worker threads with validationWorkers). Only a conforming graph's
 * staging folder replaces dist/.
 */
export async function buildDist(options: BuildOptions): Promise<BuildResult> {
  const { onProgress } = options;
  const inputs = await readGraphSources(options, onProgress);
  const { prefixes, iris } = inputs;
  const { graphs, files: shapeFiles, dcatAp } = await loadShapes(options.vocabDir, options.dcatApDir, iris);
  const workers = options.validationWorkers ?? 0;

  const staging = await DistStaging.open(options.outDir);
  const work = join(staging.dir, '.work');
  const opened: StagedFile[] = [];
  try {
    await mkdir(work);
    // Map a slice at a time; each slice's triples go to a sorted run.
    const mapping = startTask(onProgress, 'mapping', 'RDF graph', undefined, 'slices');
    const types = new TypeIndex();
    const firstUse = new PredicateOrder();
    const runs: string[] = [];
    let context: Quad[] = [];
    let mapped = 0;
    for (const quads of mapSourceToRdfInSlices(inputs.data, inputs.kinds, inputs.vocabulary, inputs.iris, MODELS_PER_SLICE)) {
      types.add(quads);
      firstUse.add(quads);
      mapped += quads.length;
      const path = join(work, `run-${runs.length}.nt`);
      await writeFile(path, sortedRunText(quads));
      runs.push(path);
      // The last slice is the vocabulary terms in use: what a shape may look up about a term in any window.
      context = quads;
      mapping.advance();
    }
    mapping.end();

    const ntriples = staging.open('graph.nt');
    const turtle = staging.open('graph.ttl');
    const rdfXml = staging.open('graph.rdf');
    opened.push(ntriples, turtle, rdfXml);
    const ntWriter = new N3ChunkWriter('N-Triples');
    const ttlWriter = new N3ChunkWriter('Turtle', prefixes);
    const xmlWriter = new RdfXmlWriter(prefixes, firstUse.predicates());
    await rdfXml.write(xmlWriter.head());
    const jsonLdNodes = new CollatedRuns(work, JSON_LD_NODES_IN_MEMORY);
    const canonical = new CanonicalHash();
    const validator = workers > 0 ? undefined : new WindowValidator(graphs, types, context);
    const results: ShapeResult[] = [];
    let tripleCount = 0;
    // Triples mapped, a triple counted once per slice that made it: the merge writes each once, so the dumps end below it.
    const dumps = ['graph.nt', 'graph.ttl', 'graph.rdf', 'graph.jsonld'].map((name) => startTask(onProgress, 'writing', name, mapped, 'triples'));
    const validating = validator ? startTask(onProgress, 'validating', 'SHACL', undefined, 'windows') : undefined;
    for (const window of mergeRuns(runs, TRIPLES_PER_WINDOW)) {
      tripleCount += window.length;
      await Promise.all([ntriples.write(ntWriter.write(window)), turtle.write(ttlWriter.write(window)), rdfXml.write(xmlWriter.write(window))]);
      canonical.add(window);
      await jsonLdNodes.add(await compactJsonLdNodes(window, prefixes));
      if (validator) {
        for (const result of await validator.validate(window)) results.push(result);
        validating!.advance();
      }
      for (const task of dumps) task.advance(window.length);
    }
    await Promise.all([ntriples.write(ntWriter.end()), turtle.write(ttlWriter.end()), rdfXml.write(xmlWriter.end())]);
    const written = new Map<string, WrittenFile>();
    written.set('graph.nt', await ntriples.close());
    written.set('graph.ttl', await turtle.close());
    written.set('graph.rdf', await rdfXml.close());
    for (const task of dumps.slice(0, 3)) task.end();
    validating?.end();
    // The JSON-LD node objects, sorted by their @id as the document orders them.
    const jsonLd = staging.open('graph.jsonld');
    opened.push(jsonLd);
    await jsonLd.write(compactedJsonLdHead(prefixes));
    let first = true;
    for await (const text of jsonLdNodes.sorted()) {
      await jsonLd.write(first ? text : `,\n${text}`);
      first = false;
    }
    await jsonLd.write(first ? COMPACTED_JSON_LD_TAIL : `\n${COMPACTED_JSON_LD_TAIL}`);
    written.set('graph.jsonld', await jsonLd.close());
    dumps[3]!.end();
    await rm(work, { recursive: true, force: true });

    const validation = validator
      ? collectResults(results)
      : await validate(graphs, { workers, batches: Math.max(1, Math.ceil(tripleCount / TRIPLES_PER_BATCH)), graphFile: staging.path('graph.nt'), onProgress });
    if (!validation.conforms) throw new GraphValidationError(validation);

    const finishing = startTask(onProgress, 'finishing', 'manifest');
    const entries: Record<string, BuildManifest['files'][string]> = {};
    for (const format of DUMP_FORMATS) {
      const file = written.get(`graph.${format.extension}`)!;
      entries[`graph.${format.extension}`] = { mediaType: format.mediaType, bytes: file.bytes, sha256: file.sha256 };
    }
    const manifest: BuildManifest = {
      baseUrl: iris.base,
      tripleCount,
      contentHash: entries['graph.nt']!.sha256,
      canonicalHash: canonical.finish().hash,
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
    for (const file of opened) file.destroy();
    await staging.discard();
    throw error;
  }
}

/** The predicates of a graph in the order they first occur in the dumps (sortQuads order), from its slices in any order: RDF/XML declares their namespaces up front. */
class PredicateOrder {
  private readonly first = new Map<string, KeyedQuad>();

  /** Notes the first triple of each predicate among these. */
  add(quads: readonly Quad[]): void {
    for (const quad of quads) {
      const known = this.first.get(quad.predicate.value);
      if (known && known.subject < `${quad.subject.termType}\u0000${quad.subject.value}`) continue;
      const keyed = keyedQuad(quad);
      if (!known || compareKeyedQuads(keyed, known) < 0) this.first.set(quad.predicate.value, keyed);
    }
  }

  /** Every predicate, by its first triple. */
  predicates(): string[] {
    return [...this.first.entries()].sort(([, a], [, b]) => compareKeyedQuads(a, b)).map(([predicate]) => predicate);
  }
}

/** SHACL validation of graph.nt in worker threads (VALIDATION_WORKERS), each holding the whole graph, with progress per unit. */
async function validate(
  shapesGraphs: readonly ShapesGraph[],
  options: { readonly workers: number; readonly batches: number; readonly graphFile: string; readonly onProgress?: BuildProgressListener },
): Promise<GraphValidation> {
  const task = startTask(options.onProgress, 'validating', 'SHACL', validationUnits(shapesGraphs, options.batches), 'batches');
  const validation = await validateInWorkers(options.graphFile, shapesGraphs, { workers: options.workers, batches: options.batches, onUnit: () => task.advance() });
  task.end();
  return validation;
}

function buildTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
