import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFactory, Parser, Store } from 'n3';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import type { VocabularyField, VocabularyKeys } from '../source/source-model.js';
import type { IriScheme } from './iri-scheme.js';
import { SKOS } from './namespaces.js';

/** vocab/ files that are not part of the published graph. */
const NOT_IN_GRAPH = new Set(['shapes.ttl']);

/** An error in a vocab/ file, with the file and the parser's line. */
export class VocabularyError extends Error {
  override readonly name = 'VocabularyError';
}

/** The project's vocabularies (vocab/*.ttl), with lookups of the keys data/ uses. */
export class Vocabulary implements VocabularyKeys {
  private readonly dataField: NamedNode;
  private readonly dataKey: NamedNode;

  constructor(
    readonly store: Store,
    private readonly iris: IriScheme,
  ) {
    this.dataField = DataFactory.namedNode(`${iris.ontology}dataField`);
    this.dataKey = DataFactory.namedNode(`${iris.ontology}dataKey`);
  }

  /** Parses every Turtle file of `dir` that belongs in the graph, against the public base. */
  static async load(dir: string, iris: IriScheme): Promise<Vocabulary> {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.ttl') && !NOT_IN_GRAPH.has(name)).sort();
    const store = new Store();
    for (const name of names) store.addQuads(await parseTurtleFile(join(dir, name), iris.vocabularyFile(name)));
    return new Vocabulary(store, iris);
  }

  /** Whether `key` is a key of the scheme that serves `field`. */
  has(field: VocabularyField, key: string): boolean {
    return this.find(field, key) !== undefined;
  }

  /** The concept that `key` names for `field`; throws when there is none. */
  term(field: VocabularyField, key: string): NamedNode {
    const term = this.find(field, key);
    if (!term) throw new VocabularyError(`No ${field} with key "${key}" in vocab/`);
    return term;
  }

  /** The single IRI object of `subject predicate ?`, e.g. a kind's schema.org class. */
  objectOf(subject: NamedNode, predicate: NamedNode): NamedNode | undefined {
    const object = this.store.getObjects(subject, predicate, null)[0];
    return object?.termType === 'NamedNode' ? object : undefined;
  }

  /** Every IRI object of `subject predicate ?`, e.g. the credit properties of a role. */
  objectsOf(subject: NamedNode, predicate: NamedNode): NamedNode[] {
    return this.store.getObjects(subject, predicate, null).flatMap((object) => (object.termType === 'NamedNode' ? [object] : []));
  }

  /** The project ontology term `name`, e.g. `LivingDocument`. */
  ontologyTerm(name: string): NamedNode {
    return DataFactory.namedNode(this.iris.ontology + name);
  }

  /** All vocabulary triples, to be published with the graph. */
  quads(): Quad[] {
    return this.store.getQuads(null, null, null, null);
  }

  private find(field: VocabularyField, key: string): NamedNode | undefined {
    const schemes = this.store.getSubjects(this.dataField, DataFactory.literal(field), null);
    const candidates = this.store.getSubjects(this.dataKey, DataFactory.literal(key), null);
    return candidates.find(
      (candidate) =>
        candidate.termType === 'NamedNode' &&
        schemes.some((scheme: Term) => this.store.countQuads(candidate, SKOS.inScheme, scheme, null) > 0),
    ) as NamedNode | undefined;
  }
}

/** Parses a Turtle file; a syntax error names the file and the line. */
export async function parseTurtleFile(path: string, baseIRI: string): Promise<Quad[]> {
  const text = await readFile(path, 'utf8');
  try {
    return new Parser({ baseIRI, format: 'text/turtle' }).parse(text);
  } catch (cause) {
    throw new VocabularyError(`${path}: ${(cause as Error).message}`);
  }
}
