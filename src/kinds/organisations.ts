import { DCT, FOAF, PROV, SCHEMA } from '../graph/namespaces.js';
import { httpUrl, key, slug, text } from '../source/schema-parts.js';
import { defineKind } from './kind.js';

/** Organisations (`data/organisations.yaml`): partners, funders, publishers, affiliations. */
export const organisations = defineKind({
  name: 'organisations',
  segment: 'organisation',
  recordPage: 'organisation',
  schema: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      id: slug,
      name: text,
      alternate_name: text,
      description: text,
      kind: key,
      part_of: slug,
      funding_program: { type: 'boolean' },
      url: httpUrl,
    },
  },
  read(item, reader) {
    const raw = item.value;
    // Roles and authorship may name a person or an organisation: both are agents.
    const slug = reader.id(item, 'agent', 'name', ['organisation']);
    reader.refer(['organisation'], 'organisation', raw.part_of, item, [...item.path, 'part_of']);
    return {
      slug,
      name: reader.text(item, 'name'),
      alternateName: reader.text(item, 'alternate_name'),
      description: reader.text(item, 'description'),
      kind: raw.kind === undefined ? undefined : reader.key('organisation-kind', raw.kind, item, [...item.path, 'kind']),
      partOf: raw.part_of,
      fundingProgram: raw.funding_program === true,
      url: raw.url,
      /** When this organisation's lines in data/ were last committed, if known: part of the date of the records that name it. */
      lastCommitted: reader.lastCommitted(item),
    };
  },
  map(organisation, graph) {
    const iri = graph.ref('organisation', organisation.slug);
    graph.types(iri, FOAF.Agent, FOAF.Organization, SCHEMA.Organization, PROV.Agent);
    if (organisation.fundingProgram) graph.types(iri, SCHEMA.FundingScheme);
    graph.text(iri, [FOAF.name, SCHEMA.name], organisation.name);
    graph.text(iri, [SCHEMA.alternateName], organisation.alternateName);
    graph.text(iri, [DCT.description, SCHEMA.description], organisation.description);
    if (organisation.kind) graph.add(iri, DCT.type, graph.vocabulary.term('organisation-kind', organisation.kind));
    if (organisation.partOf) {
      const parent = graph.ref('organisation', organisation.partOf);
      graph.add(iri, SCHEMA.parentOrganization, parent);
      graph.add(parent, SCHEMA.subOrganization, iri);
    }
    graph.homepage(iri, organisation.url);
  },
});
