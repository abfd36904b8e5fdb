import { DataFactory, type Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { SourceData } from '../source/source-data.js';
import type { GraphKind } from './graph-kind.js';
import { GraphWriter } from './graph-writer.js';
import type { IriScheme } from './iri-scheme.js';
import { SKOS } from './namespaces.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Maps the validated data to RDF, one kind at a time (each kind's module says
 * how: DCAT 3 and Dublin Core for catalogues, schema.org for search engines,
 * FOAF for agents, PROV for qualified roles), then adds the vocabulary terms
 * the data uses.
 */
export function mapSourceToRdf(data: SourceData, kinds: readonly GraphKind<unknown>[], vocabulary: Vocabulary, iris: IriScheme): Store {
  const graph = graphWriter(data, kinds, vocabulary, iris);
  for (const kind of kinds) {
    for (const model of data.all(kind)) kind.map(model, graph, data);
  }
  const used = new VocabularyInUse(vocabulary, iris);
  used.note(graph.store.getQuads(null, null, null, null));
  graph.store.addQuads(used.quads());
  return graph.store;
}

/**
 * mapSourceToRdf a slice at a time: the triples of `modelsPerSlice` models
 * (of one kind) per slice, each slice's triples once, then a last slice with
 * the vocabulary terms in use. A triple may come in more than one slice (an
 * output adds itself to the catalogue, two outputs link the same page); the
 * graph is the union of the slices.
 */
export function* mapSourceToRdfInSlices(data: SourceData, kinds: readonly GraphKind<unknown>[], vocabulary: Vocabulary, iris: IriScheme, modelsPerSlice: number): Generator<Quad[]> {
  const graph = graphWriter(data, kinds, vocabulary, iris);
  const used = new VocabularyInUse(vocabulary, iris);
  for (const kind of kinds) {
    const models = data.all(kind);
    for (let start = 0; start < models.length; start += modelsPerSlice) {
      for (const model of models.slice(start, start + modelsPerSlice)) kind.map(model, graph, data);
      const quads = graph.takeSlice();
      used.note(quads);
      yield quads;
    }
  }
  yield used.quads();
}

function graphWriter(data: SourceData, kinds: readonly GraphKind<unknown>[], vocabulary: Vocabulary, iris: IriScheme): GraphWriter {
  const segments = new Map(kinds.flatMap((kind) => (kind.segment === undefined ? [] : [[kind.name, kind.segment] as const])));
  return new GraphWriter(vocabulary, iris, data, segments);
}

/**
 * The project's own vocabulary is published whole; another publisher's
 * terms (EU authority tables, DCMI types) only when the data uses them, with
 * their scheme, so the graph describes what it references and nothing more.
 * Only the objects that are terms of vocab/ are remembered, slice by slice.
 */
class VocabularyInUse {
  private readonly terms = new Set<string>();
  private readonly used = new Set<string>();

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly iris: IriScheme,
  ) {
    for (const subject of vocabulary.store.getSubjects(null, null, null)) this.terms.add(subject.value);
  }

  /** Remembers which vocabulary terms these triples name as objects. */
  note(quads: readonly Quad[]): void {
    for (const quad of quads) if (quad.object.termType === 'NamedNode' && this.terms.has(quad.object.value)) this.used.add(quad.object.value);
  }

  /** The vocabulary's triples that the graph publishes. */
  quads(): Quad[] {
    const { vocabulary, iris } = this;
    const used = new Set(this.used);
    const dcmiType = vocabulary.ontologyTerm('dcmiType');
    for (const kind of vocabulary.store.getSubjects(dcmiType, null, null)) {
      for (const type of vocabulary.store.getObjects(kind, dcmiType, null)) used.add(type.value);
    }
    for (const term of [...used]) {
      for (const scheme of vocabulary.store.getObjects(DataFactory.namedNode(term), SKOS.inScheme, null)) used.add(scheme.value);
    }
    return vocabulary.store.getQuads(null, null, null, null).filter((quad) => quad.subject.value.startsWith(iris.base) || used.has(quad.subject.value));
  }
}
