import type { Store } from 'n3';
import type { Literal, NamedNode } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { DCT, FOAF, PROV, RDFS, SCHEMA } from '../graph/namespaces.js';
import { agentsInRole, creditsByRole, descriptionsOf, literalObjects, namedObjects, workReference, type CreditsInRole, type WorkReference } from './record-facts.js';
import { grantSummary, type GrantSummary } from './site-overview.js';

/** What a project's record page shows, as the graph says it. */
export interface ProjectView {
  readonly page: 'project';
  readonly iri: NamedNode;
  readonly names: readonly Literal[];
  readonly descriptions: readonly Literal[];
  /** Who leads it (its association in the project-lead role). */
  readonly leads: readonly NamedNode[];
  /** Its outputs (dct:hasPart). */
  readonly outputs: readonly WorkReference[];
  /** Everyone else associated with it, by role: not its lead nor its funders (shown on their own). */
  readonly contributors: readonly CreditsInRole[];
  /** Its funding (schema:funding). */
  readonly grants: readonly GrantSummary[];
  readonly funders: readonly NamedNode[];
  /** Pages about it (rdfs:seeAlso, foaf:page). */
  readonly seeAlso: readonly NamedNode[];
}

/** Reads what a project's record page shows from the graph. */
export function projectView(store: Store, iris: IriScheme, iri: NamedNode): ProjectView {
  const leadRole = iris.resource('role', 'project-lead');
  const funderRole = iris.resource('role', 'funder');
  const titles = literalObjects(store, iri, DCT.title);
  const pages = new Map([...namedObjects(store, iri, RDFS.seeAlso), ...namedObjects(store, iri, FOAF.page)].map((page) => [page.value, page]));
  return {
    page: 'project',
    iri,
    names: titles.length > 0 ? titles : literalObjects(store, iri, SCHEMA.name),
    descriptions: descriptionsOf(store, iri),
    leads: agentsInRole(store, iri, PROV.qualifiedAssociation, leadRole),
    outputs: namedObjects(store, iri, DCT.hasPart).map((output) => workReference(store, iris, output)),
    contributors: creditsByRole(store, iri, PROV.qualifiedAssociation, [leadRole, funderRole]),
    grants: namedObjects(store, iri, SCHEMA.funding).map((grant) => grantSummary(store, grant)),
    funders: namedObjects(store, iri, SCHEMA.funder),
    seeAlso: [...pages.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
  };
}
