import { DataFactory, Store } from 'n3';
import type { NamedNode, Quad_Object } from '@rdfjs/types';
import type { SourceData } from '../source/source-data.js';
import type { Text, VocabularyField } from '../source/source-model.js';
import type { IriScheme } from './iri-scheme.js';
import { FOAF, RDF, SCHEMA, XSD } from './namespaces.js';
import type { Vocabulary } from './vocabulary.js';

const { literal, namedNode, quad } = DataFactory;

/** What the kinds write their triples with: the graph, the IRIs, the vocabulary and the references between things. */
export class GraphWriter {
  readonly store = new Store();

  constructor(
    readonly vocabulary: Vocabulary,
    readonly iris: IriScheme,
    private readonly data: SourceData,
    /** The IRI segment of each kind, by kind name (`people` → `person`). */
    private readonly segments: ReadonlyMap<string, string>,
  ) {}

  /** Adds one triple. */
  add(subject: NamedNode, predicate: NamedNode, object: Quad_Object): void {
    this.store.addQuad(quad(subject, predicate, object));
  }

  /** Adds an `rdf:type` for each class. */
  types(subject: NamedNode, ...classes: NamedNode[]): void {
    for (const type of classes) this.add(subject, RDF.type, type);
  }

  /** Adds each language of a text under each predicate. */
  text(subject: NamedNode, predicates: readonly NamedNode[], text: Text | undefined): void {
    if (!text) return;
    for (const [language, value] of Object.entries(text)) {
      for (const predicate of predicates) this.add(subject, predicate, literal(value, language));
    }
  }

  /** Adds a date (`xsd:date`) under each predicate. */
  dates(subject: NamedNode, date: string, ...predicates: NamedNode[]): void {
    for (const predicate of predicates) this.add(subject, predicate, literal(date, XSD.date));
  }

  /** Adds the concept of each vocabulary key under each predicate. */
  terms(subject: NamedNode, field: VocabularyField, keys: readonly string[], ...predicates: NamedNode[]): void {
    for (const key of keys) {
      for (const predicate of predicates) this.add(subject, predicate, this.vocabulary.term(field, key));
    }
  }

  /** A homepage, in FOAF and schema.org, typed as a document. */
  homepage(subject: NamedNode, url: string | undefined): void {
    if (!url) return;
    this.add(subject, FOAF.homepage, namedNode(url));
    this.add(subject, SCHEMA.url, namedNode(url));
    this.types(namedNode(url), FOAF.Document);
  }

  /** The IRI of the thing with id `id` in `namespace`, whichever kind defined it (an agent is a person or an organisation). */
  ref(namespace: string, id: string): NamedNode {
    const kind = this.data.kindOf(namespace, id);
    const segment = kind === undefined ? undefined : this.segments.get(kind);
    if (segment === undefined) throw new Error(`No ${namespace} "${id}" with an IRI was read; the data checks should have refused this reference.`);
    return this.iris.resource(segment, id);
  }
}
