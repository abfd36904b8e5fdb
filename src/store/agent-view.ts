import type { Store } from 'n3';
import type { Literal, NamedNode } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { DCT, FOAF, RDF, SCHEMA } from '../graph/namespaces.js';
import { descriptionsOf, literalObjects, namedObjects, namedSubjects, workReference, worksByRole, type WorkReference, type WorksInRole } from './record-facts.js';
import { grantSummary, type GrantSummary } from './site-overview.js';

/** What the record page of a person or an organisation shows, as the graph says it. */
export interface AgentView {
  readonly page: 'person' | 'organisation';
  readonly iri: NamedNode;
  readonly names: readonly Literal[];
  readonly alternateNames: readonly Literal[];
  readonly descriptions: readonly Literal[];
  readonly honorificPrefixes: readonly Literal[];
  readonly honorificSuffixes: readonly Literal[];
  readonly jobTitles: readonly Literal[];
  /** The organisations a person is affiliated with. */
  readonly affiliations: readonly NamedNode[];
  readonly homepages: readonly NamedNode[];
  /** An organisation's type (dct:type, an ADMS publisher type). */
  readonly organisationTypes: readonly NamedNode[];
  readonly parentOrganisations: readonly NamedNode[];
  readonly subOrganisations: readonly NamedNode[];
  /** An organisation's people (foaf:member). */
  readonly members: readonly NamedNode[];
  /** The works it is credited on, by role. */
  readonly works: readonly WorksInRole[];
  /** What it published (dct:publisher). */
  readonly published: readonly WorkReference[];
  /** The grants it gave (schema:funder of a schema:Grant). */
  readonly grantsGiven: readonly GrantSummary[];
}

/** Reads what a person's or an organisation's record page shows from the graph. */
export function agentView(store: Store, iris: IriScheme, iri: NamedNode, page: 'person' | 'organisation'): AgentView {
  const names = literalObjects(store, iri, FOAF.name);
  return {
    page,
    iri,
    names: names.length > 0 ? names : literalObjects(store, iri, SCHEMA.name),
    alternateNames: literalObjects(store, iri, SCHEMA.alternateName),
    descriptions: descriptionsOf(store, iri),
    honorificPrefixes: literalObjects(store, iri, SCHEMA.honorificPrefix),
    honorificSuffixes: literalObjects(store, iri, SCHEMA.honorificSuffix),
    jobTitles: literalObjects(store, iri, SCHEMA.jobTitle),
    affiliations: namedObjects(store, iri, SCHEMA.affiliation),
    homepages: namedObjects(store, iri, FOAF.homepage),
    organisationTypes: namedObjects(store, iri, DCT.type),
    parentOrganisations: namedObjects(store, iri, SCHEMA.parentOrganization),
    subOrganisations: namedObjects(store, iri, SCHEMA.subOrganization),
    members: namedObjects(store, iri, FOAF.member),
    works: worksByRole(store, iris, iri),
    published: namedSubjects(store, DCT.publisher, iri).map((work) => workReference(store, iris, work)),
    grantsGiven: namedSubjects(store, SCHEMA.funder, iri)
      .filter((grant) => store.countQuads(grant, RDF.type, SCHEMA.Grant, null) > 0)
      .map((grant) => grantSummary(store, grant)),
  };
}
