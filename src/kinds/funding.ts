import { DataFactory } from 'n3';
import { DCT, FOAF, SCHEMA, XSD } from '../graph/namespaces.js';
import { slug, slugList, text } from '../source/schema-parts.js';
import { defineKind } from './kind.js';
import { addAssociation } from './projects.js';

/** Grants (`data/funding.yaml`): who funded which project, and when. */
export const funding = defineKind({
  name: 'funding',
  segment: 'funding',
  schema: {
    type: 'object',
    required: ['id', 'funders', 'funded', 'description'],
    additionalProperties: false,
    properties: {
      id: slug,
      funders: { ...slugList, minItems: 1 },
      funded: slug,
      year: { type: 'integer', minimum: 1000, maximum: 9999 },
      description: text,
    },
  },
  read(item, reader) {
    const raw = item.value;
    reader.refer(['project'], 'project', raw.funded, item, [...item.path, 'funded']);
    return {
      slug: reader.id(item, 'funding', 'id'),
      funders: reader.referAll(['agent'], 'person or organisation', item, 'funders'),
      funded: raw.funded,
      year: raw.year,
      /** When this grant's lines in data/ were last committed, if known: its funders are credited on the project's outputs. */
      lastCommitted: reader.lastCommitted(item),
      description: reader.text(item, 'description'),
    };
  },
  map(grant, graph) {
    const iri = graph.ref('funding', grant.slug);
    const project = graph.ref('project', grant.funded);
    graph.types(iri, SCHEMA.Grant);
    graph.text(iri, [DCT.description, SCHEMA.description], grant.description);
    graph.add(iri, SCHEMA.fundedItem, project);
    if (grant.year !== undefined) graph.add(iri, DCT.date, DataFactory.literal(String(grant.year), XSD.gYear));
    // The funded project names its funding and funders, in schema.org, FOAF and PROV.
    graph.add(project, SCHEMA.funding, iri);
    for (const funder of grant.funders) {
      const agent = graph.ref('agent', funder);
      graph.add(iri, SCHEMA.funder, agent);
      graph.add(project, SCHEMA.funder, agent);
      graph.add(project, FOAF.fundedBy, agent);
      addAssociation(graph, project, { agent: funder, role: 'funder' });
    }
  },
});
