import { access } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { IriScheme } from '../graph/iri-scheme.js';
import { parseTurtleFile } from '../graph/vocabulary.js';
import type { ShapesGraph } from './validate-graph.js';

/**
 * The DCAT-AP 3.0.1 shape files the graph must satisfy, split by kind as
 * published: mandatory, recommended (warnings), ranges and controlled vocabularies.
 */
export const DCAT_AP_SHAPE_FILES = ['shapes.ttl', 'shapes_recommended.ttl', 'range.ttl', 'mdr-vocabularies.shape.ttl'] as const;

/** Where the official shapes are on a checkout beside ../shared (they are not copied into this project). */
export const DEFAULT_DCAT_AP_DIR = '../shared/conformance/dcat-ap/releases/3.0.1/html/shacl';

/** The project's shapes (vocab/shapes.ttl) and, when the folder exists, the DCAT-AP 3 shapes. */
export async function loadShapes(vocabDir: string, dcatApDir: string | undefined, iris: IriScheme): Promise<{ graphs: ShapesGraph[]; dcatAp: boolean }> {
  const graphs: ShapesGraph[] = [
    { source: 'vocab/shapes.ttl', quads: await parseTurtleFile(join(vocabDir, 'shapes.ttl'), iris.vocabularyFile('shapes.ttl')) },
  ];
  if (!dcatApDir || !(await exists(dcatApDir))) return { graphs, dcatAp: false };
  for (const file of DCAT_AP_SHAPE_FILES) {
    const path = join(dcatApDir, file);
    graphs.push({ source: `DCAT-AP 3.0.1 ${file}`, quads: await parseTurtleFile(path, `file://${relative('/', path)}`) });
  }
  return { graphs, dcatAp: true };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
