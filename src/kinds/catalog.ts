import { DataFactory } from 'n3';
import type { GraphWriter } from '../graph/graph-writer.js';
import { DCAT, DCT, FOAF, SCHEMA, SKOS, XSD } from '../graph/namespaces.js';
import { keyList, slug, text } from '../source/schema-parts.js';
import { defineKind } from './kind.js';

/** The DCAT catalogue of the outputs (`data/catalog.yaml`, one map); each output adds itself to it. */
export const catalog = defineKind({
  name: 'catalog',
  single: true,
  schema: {
    type: 'object',
    required: ['title', 'description', 'publisher'],
    additionalProperties: false,
    properties: { title: text, description: text, publisher: slug, language: keyList, spatial: keyList, themes: keyList },
  },
  read(item, reader) {
    reader.refer(['agent'], 'person or organisation', item.value.publisher, item, ['publisher']);
    return {
      title: reader.text(item, 'title'),
      description: reader.text(item, 'description'),
      publisher: item.value.publisher,
      language: reader.keys('language', item, 'language'),
      spatial: reader.keys('spatial', item, 'spatial'),
      themes: reader.keys('theme', item, 'themes'),
    };
  },
  map(model, graph, data) {
    const iri = graph.iris.catalog;
    graph.types(iri, DCAT.Catalog, SCHEMA.DataCatalog);
    graph.text(iri, [DCT.title, SCHEMA.name], model.title);
    graph.text(iri, [DCT.description, SCHEMA.description], model.description);
    graph.add(iri, DCT.publisher, graph.ref('agent', model.publisher));
    graph.add(iri, SCHEMA.publisher, graph.ref('agent', model.publisher));
    graph.terms(iri, 'language', model.language, DCT.language);
    graph.terms(iri, 'spatial', model.spatial, DCT.spatial);
    for (const key of model.themes) addThemeTaxonomy(graph, key);
    graph.types(graph.iris.homepage, FOAF.Document);
    graph.add(iri, FOAF.homepage, graph.iris.homepage);
    // When any data file was last committed (from git history), if known: known once every file is read.
    if (data.lastCommitted) graph.add(iri, DCT.modified, DataFactory.literal(data.lastCommitted, XSD.dateTime));
  },
});

/** The catalogue lists the scheme of a theme it or one of its outputs uses as a `dcat:themeTaxonomy`. */
export function addThemeTaxonomy(graph: GraphWriter, key: string): void {
  const scheme = graph.vocabulary.store.getObjects(graph.vocabulary.term('theme', key), SKOS.inScheme, null)[0];
  if (scheme?.termType === 'NamedNode') graph.add(graph.iris.catalog, DCAT.themeTaxonomy, scheme);
}
