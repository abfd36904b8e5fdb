import { DataFactory, type Store } from 'n3';
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
  const segments = new Map(kinds.flatMap((kind) => (kind.segment === undefined ? [] : [[kind.name, kind.segment] as const])));
  const graph = new GraphWriter(vocabulary, iris, data, segments);
  for (const kind of kinds) {
    for (const model of data.all(kind)) kind.map(model, graph, data);
  }
  addVocabularyInUse(graph.store, vocabulary, iris);
  return graph.store;
}

/**
 * The project's own vocabulary is published whole; another publisher's
 * terms (EU authority tables, DCMI types) only when the data uses them, with
 * their scheme, so the graph describes what it references and nothing more.
 */
function addVocabularyInUse(store: Store, vocabulary: Vocabulary, iris: IriScheme): void {
  const used = new Set(store.getObjects(null, null, null).filter((term) => term.termType === 'NamedNode').map((term) => term.value));
  const dcmiType = vocabulary.ontologyTerm('dcmiType');
  for (const kind of vocabulary.store.getSubjects(dcmiType, null, null)) {
    for (const type of vocabulary.store.getObjects(kind, dcmiType, null)) used.add(type.value);
  }
  for (const term of [...used]) {
    for (const scheme of vocabulary.store.getObjects(DataFactory.namedNode(term), SKOS.inScheme, null)) used.add(scheme.value);
  }
  for (const quad of vocabulary.store.getQuads(null, null, null, null)) {
    if (quad.subject.value.startsWith(iris.base) || used.has(quad.subject.value)) store.addQuad(quad);
  }
}
