import { DataFactory, Store } from 'n3';
import type { NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import type { SourceData } from '../source/source-data.js';
import type { Text, VocabularyField } from '../source/source-model.js';
import type { IriScheme } from './iri-scheme.js';
import { FOAF, RDF, SCHEMA, XSD } from './namespaces.js';
import type { Vocabulary } from './vocabulary.js';

const { literal, namedNode, quad } = DataFactory;

/** What the kinds write their triples with: the graph, the IRIs, the vocabulary and the references between things. */
export class GraphWriter {
  private current = new Store();

  constructor(
    readonly vocabulary: Vocabulary,
    readonly iris: IriScheme,
    private readonly data: SourceData,
    /** The IRI segment of each kind, by kind name (`people` → `person`). */
    private readonly segments: ReadonlyMap<string, string>,
  ) {}

  /** The triples written so far (since the last `takeSlice`). */
  get store(): Store {
    return this.current;
  }

  /** The triples written since the last call, each once; the writer then starts afresh, so a build maps one slice of the data at a time. */
  takeSlice(): Quad[] {
    const quads = this.current.getQuads(null, null, null, null);
    this.current = new Store();
    return quads;
  }

  /** Adds one triple. */
  add(subject: NamedNode, predicate: NamedNode, object: Quad_Object): void {
    this.current.addQuad(quad(subject, predicate, object));
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

  /** Adds a date under each predicate, typed by its precision: `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`. */
  dates(subject: NamedNode, date: string, ...predicates: NamedNode[]): void {
    const datatype = date.length === 4 ? XSD.gYear : date.length === 7 ? XSD.gYearMonth : XSD.date;
    for (const predicate of predicates) this.add(subject, predicate, literal(date, datatype));
  }

  /**
   * Adds an `rdf:Seq` of the items, in order (`rdf:_1`, `rdf:_2`…), at the
   * subject's hash part `#{name}`, as the object of the predicate; nothing for
   * no items. A container with an IRI rather than an `rdf:List`: a list needs
   * blank nodes to stay readable to every client (rdflib.js refuses list nodes
   * with IRIs), and the graph holds no blank node, so comparing two graphs
   * stays a comparison of sets.
   */
  sequence(subject: NamedNode, predicate: NamedNode, name: string, items: readonly NamedNode[]): void {
    if (items.length === 0) return;
    const sequence = this.iris.part(subject, name);
    this.add(subject, predicate, sequence);
    this.types(sequence, RDF.Seq);
    items.forEach((item, index) => this.add(sequence, namedNode(`${RDF.iri}_${index + 1}`), item));
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
