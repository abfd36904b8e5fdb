import type { NamedNode } from '@rdfjs/types';
import type { GraphWriter } from '../graph/graph-writer.js';
import { DCT, FOAF, PROV, RDFS, SCHEMA } from '../graph/namespaces.js';
import { keyList, slug, slugList, text } from '../source/schema-parts.js';
import { defineKind } from './kind.js';

/** An agent credited in a role (a key of vocab/roles.ttl). */
export interface Credit {
  readonly agent: string;
  readonly role: string;
}

/** Research projects (`data/projects.yaml`): their lead and who contributed in which roles. */
export const projects = defineKind({
  name: 'projects',
  segment: 'project',
  recordPage: 'project',
  schema: {
    type: 'object',
    required: ['id', 'name', 'description'],
    additionalProperties: false,
    properties: {
      id: slug,
      name: text,
      description: text,
      lead: slug,
      see_also: slugList,
      contributions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['agent', 'roles'],
          additionalProperties: false,
          properties: { agent: slug, roles: { ...keyList, minItems: 1 } },
        },
      },
    },
  },
  read(item, reader) {
    const raw = item.value;
    reader.refer(['agent'], 'person or organisation', raw.lead, item, [...item.path, 'lead']);
    const contributions = (raw.contributions ?? []).map((value, index) => {
      const contribution = reader.part(item, 'contributions', index, value);
      reader.refer(['agent'], 'person or organisation', value.agent, item, [...contribution.path, 'agent']);
      return { agent: value.agent, roles: reader.keys('role', contribution, 'roles') };
    });
    return {
      slug: reader.id(item, 'project', 'name'),
      name: reader.text(item, 'name'),
      description: reader.text(item, 'description'),
      lead: raw.lead,
      seeAlso: reader.referAll(['document'], 'document', item, 'see_also'),
      contributions,
      /** When this project's lines in data/ were last committed, if known: its contributions are credited on its outputs. */
      lastCommitted: reader.lastCommitted(item),
    };
  },
  map(project, graph) {
    const iri = graph.ref('project', project.slug);
    graph.types(iri, FOAF.Project, SCHEMA.ResearchProject, PROV.Activity);
    graph.text(iri, [DCT.title, FOAF.name, SCHEMA.name], project.name);
    graph.text(iri, [DCT.description, SCHEMA.description], project.description);
    if (project.lead) graph.add(iri, SCHEMA.parentOrganization, graph.ref('agent', project.lead));
    for (const credit of contributorsOf(project)) addAssociation(graph, iri, credit);
    for (const slug of project.seeAlso) {
      graph.add(iri, RDFS.seeAlso, graph.ref('document', slug));
      graph.add(iri, FOAF.page, graph.ref('document', slug));
    }
  },
});

/** A project as read from data/. */
export type Project = ReturnType<typeof projects.read>[number];

/** Who is credited on a project by the project itself: its lead and its contributors (funders come with their grants). */
export function contributorsOf(project: Project): Credit[] {
  return [
    ...(project.lead ? [{ agent: project.lead, role: 'project-lead' }] : []),
    ...project.contributions.flatMap((contribution) => contribution.roles.map((role) => ({ agent: contribution.agent, role }))),
  ];
}

/** A PROV qualified association of an agent in a role with the project. */
export function addAssociation(graph: GraphWriter, project: NamedNode, { agent, role }: Credit): void {
  const association = graph.iris.part(project, `association-${agent}-${role}`);
  graph.types(association, PROV.Association);
  graph.add(association, PROV.agent, graph.ref('agent', agent));
  graph.add(association, PROV.hadRole, graph.vocabulary.term('role', role));
  graph.add(project, PROV.qualifiedAssociation, association);
  graph.add(project, PROV.wasAssociatedWith, graph.ref('agent', agent));
}
