import { DataFactory } from 'n3';
import { FOAF, PROV, SCHEMA } from '../graph/namespaces.js';
import { httpUrl, nonEmptyString, slug, slugList, text } from '../source/schema-parts.js';
import { defineKind } from './kind.js';

/** People (`data/people.yaml`), with their affiliations. */
export const people = defineKind({
  name: 'people',
  segment: 'person',
  recordPage: 'person',
  schema: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      id: slug,
      name: nonEmptyString,
      family_name: nonEmptyString,
      given_name: nonEmptyString,
      honorific_prefix: text,
      honorific_suffix: text,
      job_title: text,
      affiliations: slugList,
      url: httpUrl,
    },
  },
  read(item, reader) {
    const raw = item.value;
    return {
      slug: reader.id(item, 'agent', 'name'),
      name: raw.name.trim(),
      familyName: raw.family_name?.trim(),
      givenName: raw.given_name?.trim(),
      honorificPrefix: reader.text(item, 'honorific_prefix'),
      honorificSuffix: reader.text(item, 'honorific_suffix'),
      jobTitle: reader.text(item, 'job_title'),
      affiliations: reader.referAll(['organisation'], 'organisation', item, 'affiliations'),
      url: raw.url,
      /** When this person's lines in data/ were last committed, if known: part of the date of the records that name them. */
      lastCommitted: reader.lastCommitted(item),
    };
  },
  map(person, graph) {
    const iri = graph.ref('agent', person.slug);
    graph.types(iri, FOAF.Agent, FOAF.Person, SCHEMA.Person, PROV.Agent);
    graph.add(iri, FOAF.name, DataFactory.literal(person.name));
    graph.add(iri, SCHEMA.name, DataFactory.literal(person.name));
    // Citations list people as "family, given": only the data can say which part is which.
    if (person.familyName) {
      graph.add(iri, FOAF.familyName, DataFactory.literal(person.familyName));
      graph.add(iri, SCHEMA.familyName, DataFactory.literal(person.familyName));
    }
    if (person.givenName) {
      graph.add(iri, FOAF.givenName, DataFactory.literal(person.givenName));
      graph.add(iri, SCHEMA.givenName, DataFactory.literal(person.givenName));
    }
    graph.text(iri, [SCHEMA.honorificPrefix], person.honorificPrefix);
    graph.text(iri, [SCHEMA.honorificSuffix], person.honorificSuffix);
    graph.text(iri, [SCHEMA.jobTitle], person.jobTitle);
    for (const slug of person.affiliations) {
      const organisation = graph.ref('organisation', slug);
      graph.add(iri, SCHEMA.affiliation, organisation);
      graph.add(organisation, FOAF.member, iri);
    }
    graph.homepage(iri, person.url);
  },
});
