import { DataFactory } from 'n3';
import { DCT, FOAF, SCHEMA } from '../graph/namespaces.js';
import { httpUrl, slug, text } from '../source/schema-parts.js';
import { defineKind } from './kind.js';

/** Other web pages the source mentions (`data/documents.yaml`); one with no known address has no `url`. */
export const documents = defineKind({
  name: 'documents',
  segment: 'document',
  schema: {
    type: 'object',
    required: ['id', 'title'],
    additionalProperties: false,
    properties: { id: slug, title: text, description: text, url: httpUrl, publisher: slug },
  },
  read(item, reader) {
    const raw = item.value;
    reader.refer(['agent'], 'person or organisation', raw.publisher, item, [...item.path, 'publisher']);
    return {
      slug: reader.id(item, 'document', 'title'),
      title: reader.text(item, 'title'),
      description: reader.text(item, 'description'),
      url: raw.url,
      publisher: raw.publisher,
    };
  },
  map(document, graph) {
    const iri = graph.ref('document', document.slug);
    graph.types(iri, FOAF.Document, SCHEMA.WebPage);
    graph.text(iri, [DCT.title, SCHEMA.name], document.title);
    graph.text(iri, [DCT.description, SCHEMA.description], document.description);
    if (document.publisher) {
      graph.add(iri, DCT.publisher, graph.ref('agent', document.publisher));
      graph.add(iri, SCHEMA.publisher, graph.ref('agent', document.publisher));
    }
    if (document.url) graph.add(iri, SCHEMA.url, DataFactory.namedNode(document.url));
  },
});
