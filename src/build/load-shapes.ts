import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { IriScheme } from '../graph/iri-scheme.js';
import { parseTurtleFile } from '../graph/vocabulary.js';
import type { ShapesGraph } from './validate-graph.js';

/**
 * The DCAT-AP 3.0.1 shape files the graph is checked against when their folder
 * is given, split by kind as published: mandatory, recommended (warnings),
 * ranges and controlled vocabularies.
 */
export const DCAT_AP_SHAPE_FILES = ['shapes.ttl', 'shapes_recommended.ttl', 'range.ttl', 'mdr-vocabularies.shape.ttl'] as const;

/** A shapes file that cannot be read: a setting names the wrong folder. */
export class ShapesFileError extends Error {
  override readonly name = 'ShapesFileError';
}

/** A shapes file a build validated against: the name its results carry, and the SHA-256 of its bytes. */
export interface ShapesFile {
  readonly source: string;
  readonly sha256: string;
}

/** The shapes of a build, each with the file it came from. */
export interface LoadedShapes {
  readonly graphs: ShapesGraph[];
  readonly files: ShapesFile[];
  /** Whether the official DCAT-AP 3 shapes are among them. */
  readonly dcatAp: boolean;
}

/**
 * The project's shapes (vocab/shapes.ttl), which state the DCAT-AP 3
 * constraints themselves, and the official DCAT-AP 3 shapes only when their
 * folder is given: a build never depends on files outside the project unless
 * asked to. A folder given but unreadable is an error, not a quiet skip.
 */
export async function loadShapes(vocabDir: string, dcatApDir: string | undefined, iris: IriScheme): Promise<LoadedShapes> {
  const graphs: ShapesGraph[] = [];
  const files: ShapesFile[] = [];
  const add = async (source: string, path: string, baseIRI: string, hint = '') => {
    const bytes = await readFile(path).catch((cause: NodeJS.ErrnoException) => {
      throw new ShapesFileError(`Cannot read the shapes file ${path} (${cause.code ?? cause.message})${hint}`);
    });
    graphs.push({ source, quads: await parseTurtleFile(path, baseIRI) });
    files.push({ source, sha256: createHash('sha256').update(bytes).digest('hex') });
  };
  await add('vocab/shapes.ttl', join(vocabDir, 'shapes.ttl'), iris.vocabularyFile('shapes.ttl'));
  if (!dcatApDir) return { graphs, files, dcatAp: false };
  for (const file of DCAT_AP_SHAPE_FILES) {
    const path = join(dcatApDir, file);
    await add(`DCAT-AP 3.0.1 ${file}`, path, `file://${relative('/', path)}`, ': DCAT_AP_SHAPES must name the folder of the DCAT-AP 3.0.1 SHACL files.');
  }
  return { graphs, files, dcatAp: true };
}
