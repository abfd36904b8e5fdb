import type { Store } from 'n3';
import type { Literal, NamedNode, Term } from '@rdfjs/types';
import { DCAT, DCT, PROV, RDF, SCHEMA } from '../graph/namespaces.js';

/** Outputs sharing one DCMI type (documents, moving images…); `type` is absent for outputs without one. */
export interface OutputGroup {
  readonly type?: NamedNode;
  readonly outputs: readonly NamedNode[];
}

/** A contributor and the organisations the graph says they are affiliated with. */
export interface Contributor {
  readonly agent: NamedNode;
  readonly affiliations: readonly NamedNode[];
}

/** Everyone credited in one role, on any output or on a project. */
export interface RoleGroup {
  readonly role: NamedNode;
  readonly contributors: readonly Contributor[];
}

/** A grant: who funded what, when, as the graph says. */
export interface GrantSummary {
  readonly grant: NamedNode;
  readonly funders: readonly NamedNode[];
  readonly funded: readonly NamedNode[];
  readonly dates: readonly Literal[];
  readonly descriptions: readonly Literal[];
}

/** An output's image that can be shown: only one with a contentUrl, so a page never shows a broken image. */
export interface ShowableImage {
  readonly output: NamedNode;
  readonly url: string;
  readonly names: readonly Literal[];
}

/** What the home page shows of the catalogue beyond plain lists. */
export interface SiteOverview {
  readonly outputsByType: readonly OutputGroup[];
  readonly contributorsByRole: readonly RoleGroup[];
  readonly grants: readonly GrantSummary[];
  readonly images: readonly ShowableImage[];
}

/** The catalogue's outputs grouped by type, its contributors by role with affiliations, its grants and showable cover images. */
export function siteOverview(store: Store, catalog: string): SiteOverview {
  const outputs = namedObjects(store, catalog, DCAT.dataset);
  return {
    outputsByType: groupByType(store, outputs),
    contributorsByRole: contributorsByRole(store, outputs),
    grants: grants(store),
    images: outputs.flatMap((output) => showableImages(store, output)),
  };
}

function namedObjects(store: Store, subject: Term | string, predicate: NamedNode): NamedNode[] {
  const seen = new Map<string, NamedNode>();
  for (const object of store.getObjects(subject, predicate, null)) if (object.termType === 'NamedNode') seen.set(object.value, object);
  return [...seen.values()].sort((a, b) => a.value.localeCompare(b.value));
}

function literalObjects(store: Store, subject: Term, predicate: NamedNode): Literal[] {
  return store.getObjects(subject, predicate, null).filter((term) => term.termType === 'Literal') as Literal[];
}

function groupByType(store: Store, outputs: readonly NamedNode[]): OutputGroup[] {
  const groups = new Map<string, { type?: NamedNode; outputs: NamedNode[] }>();
  for (const output of outputs) {
    const types = namedObjects(store, output, DCT.type);
    // An output with several DCMI types is listed under each: a reader looking under either finds it.
    for (const type of types.length > 0 ? types : [undefined]) {
      const key = type?.value ?? '';
      const group = groups.get(key) ?? { type, outputs: [] };
      group.outputs.push(output);
      groups.set(key, group);
    }
  }
  // Larger groups first, so the guide's documents lead; ties by IRI for a stable page.
  return [...groups.values()].sort((a, b) => b.outputs.length - a.outputs.length || (a.type?.value ?? '~').localeCompare(b.type?.value ?? '~'));
}

/** Roles from the outputs' qualified attributions and their projects' qualified associations. */
function contributorsByRole(store: Store, outputs: readonly NamedNode[]): RoleGroup[] {
  const qualified = [
    ...outputs.flatMap((output) => namedObjects(store, output, PROV.qualifiedAttribution)),
    ...[...new Set(outputs.flatMap((output) => namedObjects(store, output, DCT.isPartOf)).map((project) => project.value))].flatMap((project) =>
      namedObjects(store, project, PROV.qualifiedAssociation),
    ),
  ];
  const byRole = new Map<string, { role: NamedNode; agents: Map<string, NamedNode> }>();
  for (const qualification of qualified) {
    const roles = [...namedObjects(store, qualification, DCAT.hadRole), ...namedObjects(store, qualification, PROV.hadRole)];
    for (const role of roles) {
      const group = byRole.get(role.value) ?? { role, agents: new Map<string, NamedNode>() };
      for (const agent of namedObjects(store, qualification, PROV.agent)) group.agents.set(agent.value, agent);
      byRole.set(role.value, group);
    }
  }
  return [...byRole.values()]
    .sort((a, b) => a.role.value.localeCompare(b.role.value))
    .map((group) => ({
      role: group.role,
      contributors: [...group.agents.values()]
        .sort((a, b) => a.value.localeCompare(b.value))
        .map((agent) => ({ agent, affiliations: namedObjects(store, agent, SCHEMA.affiliation) })),
    }));
}

function grants(store: Store): GrantSummary[] {
  return store
    .getSubjects(RDF.type, SCHEMA.Grant, null)
    .filter((grant) => grant.termType === 'NamedNode')
    .sort((a, b) => a.value.localeCompare(b.value))
    .map((grant) => grantSummary(store, grant as NamedNode));
}

/** What the graph says of one grant: its funders, what it funded, its dates and descriptions. */
export function grantSummary(store: Store, grant: NamedNode): GrantSummary {
  return {
    grant,
    funders: namedObjects(store, grant, SCHEMA.funder),
    funded: namedObjects(store, grant, SCHEMA.fundedItem),
    dates: literalObjects(store, grant, DCT.date),
    descriptions: literalObjects(store, grant, DCT.description),
  };
}

function showableImages(store: Store, output: NamedNode): ShowableImage[] {
  return namedObjects(store, output, SCHEMA.image).flatMap((image) =>
    namedObjects(store, image, SCHEMA.contentUrl)
      .filter((url) => /^https?:\/\//i.test(url.value))
      .map((url) => ({ output, url: url.value, names: literalObjects(store, image, SCHEMA.name) })),
  );
}
