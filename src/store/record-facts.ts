import { DataFactory, type Store } from 'n3';
import type { Literal, NamedNode, Term } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { DCAT, DCT, FOAF, PROV, RDF, SCHEMA } from '../graph/namespaces.js';

// The facts more than one record view reads: an agent with its affiliations,
// credits grouped by role, works grouped by role, ordered lists. Every list is
// in IRI order, so a view is the same whatever order the store returns; pages
// sort by the names they show.

/** An agent as a record page names it, with the organisations the graph says it is affiliated with. */
export interface AgentWithAffiliations {
  readonly agent: NamedNode;
  readonly affiliations: readonly NamedNode[];
}

/** The agents credited in one role (DCAT's dcat:hadRole or PROV's prov:hadRole). */
export interface CreditsInRole {
  readonly role: NamedNode;
  readonly agents: readonly AgentWithAffiliations[];
}

/** A work (an output or a project), with its kind when it has one. */
export interface WorkReference {
  readonly work: NamedNode;
  /** Its kind, a concept with a label (guide, report…), when it has one. */
  readonly kind?: NamedNode;
  /** Whether it is a project (foaf:Project) rather than an output. */
  readonly project?: true;
}

/** The works an agent is credited on in one role. */
export interface WorksInRole {
  readonly role: NamedNode;
  readonly works: readonly WorkReference[];
}

/** The IRI objects of `subject predicate ?`, each once, in IRI order. */
export function namedObjects(store: Store, subject: Term | string, predicate: NamedNode): NamedNode[] {
  const seen = new Map<string, NamedNode>();
  for (const object of store.getObjects(subject, predicate, null)) if (object.termType === 'NamedNode') seen.set(object.value, object);
  return [...seen.values()].sort(byIri);
}

/** The IRI subjects of `? predicate object`, each once, in IRI order. */
export function namedSubjects(store: Store, predicate: NamedNode, object: Term | string): NamedNode[] {
  const seen = new Map<string, NamedNode>();
  for (const subject of store.getSubjects(predicate, object, null)) if (subject.termType === 'NamedNode') seen.set(subject.value, subject);
  return [...seen.values()].sort(byIri);
}

/** The literal objects of `subject predicate ?`. */
export function literalObjects(store: Store, subject: Term | string, predicate: NamedNode): Literal[] {
  return store.getObjects(subject, predicate, null).filter((term) => term.termType === 'Literal') as Literal[];
}

/** Whether the graph types `subject` with `type`. */
export function hasType(store: Store, subject: Term | string, type: NamedNode): boolean {
  return store.countQuads(subject, RDF.type, type, null) > 0;
}

/**
 * The members of the RDF container (an `rdf:Seq`, the authors' order) that
 * `subject predicate` points at, in the order of their `rdf:_n`; empty when
 * there is none.
 */
export function sequenceMembers(store: Store, subject: Term | string, predicate: NamedNode): Term[] {
  const container = store.getObjects(subject, predicate, null)[0];
  return container ? membersInOrder(store.getQuads(container, null, null, null)) : [];
}

/** The objects of a container's membership statements (`rdf:_1`, `rdf:_2`…), in that order; other statements are ignored. */
export function membersInOrder(quads: readonly { readonly predicate: Term; readonly object: Term }[]): Term[] {
  const members: [number, Term][] = [];
  for (const quad of quads) {
    const match = /^http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#_([1-9][0-9]*)$/.exec(quad.predicate.value);
    if (match) members.push([Number(match[1]), quad.object]);
  }
  return members.sort((a, b) => a[0] - b[0]).map(([, member]) => member);
}

/** An agent with its schema:affiliation organisations. */
export function withAffiliations(store: Store, agent: NamedNode): AgentWithAffiliations {
  return { agent, affiliations: namedObjects(store, agent, SCHEMA.affiliation) };
}

/** The role of a qualified attribution or association: DCAT's term and PROV's. */
function rolesOf(store: Store, qualification: Term): NamedNode[] {
  return [...namedObjects(store, qualification, DCAT.hadRole), ...namedObjects(store, qualification, PROV.hadRole)];
}

/**
 * Who is credited on `subject` in which role, through its qualified relations
 * (`prov:qualifiedAttribution` of an output, `prov:qualifiedAssociation` of a
 * project), roles in IRI order; roles in `except` are left out.
 */
export function creditsByRole(store: Store, subject: NamedNode, qualified: NamedNode, except: readonly NamedNode[] = []): CreditsInRole[] {
  const byRole = new Map<string, { role: NamedNode; agents: Map<string, NamedNode> }>();
  for (const qualification of store.getObjects(subject, qualified, null)) {
    for (const role of rolesOf(store, qualification)) {
      if (except.some((excluded) => excluded.equals(role))) continue;
      const group = byRole.get(role.value) ?? { role, agents: new Map<string, NamedNode>() };
      for (const agent of namedObjects(store, qualification, PROV.agent)) group.agents.set(agent.value, agent);
      byRole.set(role.value, group);
    }
  }
  return [...byRole.values()]
    .sort((a, b) => byIri(a.role, b.role))
    .map((group) => ({ role: group.role, agents: [...group.agents.values()].sort(byIri).map((agent) => withAffiliations(store, agent)) }));
}

/** The agents credited on `subject` in `role` through its qualified relations, in IRI order. */
export function agentsInRole(store: Store, subject: NamedNode, qualified: NamedNode, role: NamedNode): NamedNode[] {
  const agents = new Map<string, NamedNode>();
  for (const qualification of store.getObjects(subject, qualified, null)) {
    if (!rolesOf(store, qualification).some((candidate) => candidate.equals(role))) continue;
    for (const agent of namedObjects(store, qualification, PROV.agent)) agents.set(agent.value, agent);
  }
  return [...agents.values()].sort(byIri);
}

/** The works (outputs through attributions, projects through associations) an agent is credited on, by role, roles in IRI order. */
export function worksByRole(store: Store, iris: IriScheme, agent: NamedNode): WorksInRole[] {
  const byRole = new Map<string, { role: NamedNode; works: Map<string, NamedNode> }>();
  for (const qualification of store.getSubjects(PROV.agent, agent, null)) {
    const works = [...namedSubjects(store, PROV.qualifiedAttribution, qualification), ...namedSubjects(store, PROV.qualifiedAssociation, qualification)];
    for (const role of rolesOf(store, qualification)) {
      const group = byRole.get(role.value) ?? { role, works: new Map<string, NamedNode>() };
      for (const work of works) group.works.set(work.value, work);
      byRole.set(role.value, group);
    }
  }
  return [...byRole.values()]
    .filter((group) => group.works.size > 0)
    .sort((a, b) => byIri(a.role, b.role))
    .map((group) => ({ role: group.role, works: [...group.works.values()].sort(byIri).map((work) => workReference(store, iris, work)) }));
}

/** The project's property that links an output to its kind (a concept of vocab/output-kinds.ttl). */
export function outputKindProperty(iris: IriScheme): NamedNode {
  return DataFactory.namedNode(`${iris.ontology}outputKind`);
}

/** A work with its kind (oscg:outputKind), when the graph gives one, and whether it is a project. */
export function workReference(store: Store, iris: IriScheme, work: NamedNode): WorkReference {
  const kind = namedObjects(store, work, outputKindProperty(iris))[0];
  return { work, ...(kind ? { kind } : {}), ...(hasType(store, work, FOAF.Project) ? { project: true as const } : {}) };
}

/** The dct:description literals, falling back to schema:description. */
export function descriptionsOf(store: Store, subject: NamedNode): Literal[] {
  const descriptions = literalObjects(store, subject, DCT.description);
  return descriptions.length > 0 ? descriptions : literalObjects(store, subject, SCHEMA.description);
}

function byIri(a: Term, b: Term): number {
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
