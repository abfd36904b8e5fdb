import type { Quad } from '@rdfjs/types';
import { RDF_FORMATS } from '../graph/rdf-formats.js';
import { compileGraph, type GraphSources } from './compile-graph.js';
import { loadShapes } from './load-shapes.js';
import { formatShapeResult, validateGraph, type GraphValidation } from './validate-graph.js';
import { sha256, writeDistAtomically, type DistFile } from './write-dist.js';

/** The RDF dumps a build writes: every format except the quad-only ones. */
export const DUMP_FORMATS = RDF_FORMATS.filter((format) => ['ttl', 'nt', 'jsonld', 'rdf'].includes(format.extension));

/** What `dist/manifest.json` records of a build; later parts use it for ETags and VoID. */
export interface BuildManifest {
  readonly baseUrl: string;
  readonly tripleCount: number;
  /** SHA-256 of graph.nt, whose lines are sorted: it identifies the graph's content. */
  readonly contentHash: string;
  readonly builtAt: string;
  /** The prefixes every serialisation uses (the JSON-LD context). */
  readonly prefixes: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, { readonly mediaType: string; readonly bytes: number; readonly sha256: string }>>;
  readonly validation: { readonly dcatAp: boolean; readonly violations: number; readonly warnings: number };
}

export interface BuildOptions extends GraphSources {
  readonly outDir: string;
  /** Folder of the DCAT-AP 3 shapes; when absent the build says so and validates with the project's shapes only. */
  readonly dcatApDir?: string;
  /** The build time to record; defaults to SOURCE_DATE_EPOCH or now. */
  readonly builtAt?: Date;
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

/** data/ → validated RDF graph → dist/ (dumps and manifest), all or nothing. */
export async function buildDist(options: BuildOptions): Promise<BuildResult> {
  const graph = await compileGraph(options);
  const { graphs, dcatAp } = await loadShapes(options.vocabDir, options.dcatApDir, graph.iris);
  const validation = await validateGraph(graph.store, graphs);
  if (!validation.conforms) throw new GraphValidationError(validation);

  const quads: Quad[] = graph.store.getQuads(null, null, null, null);
  const files: DistFile[] = [];
  const entries: Record<string, BuildManifest['files'][string]> = {};
  for (const format of DUMP_FORMATS) {
    const content = await format.serialize(quads, { prefixes: graph.prefixes });
    const name = `graph.${format.extension}`;
    files.push({ name, content });
    entries[name] = { mediaType: format.mediaType, bytes: Buffer.byteLength(content), sha256: sha256(content) };
  }
  const manifest: BuildManifest = {
    baseUrl: graph.iris.base,
    tripleCount: quads.length,
    contentHash: entries['graph.nt']!.sha256,
    builtAt: (options.builtAt ?? buildTime()).toISOString(),
    prefixes: graph.prefixes,
    files: entries,
    validation: { dcatAp, violations: 0, warnings: validation.warnings.length },
  };
  files.push({ name: 'manifest.json', content: `${JSON.stringify(manifest, null, 2)}\n` });
  await writeDistAtomically(options.outDir, files);
  return { manifest, validation, dcatAp };
}

function buildTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}
