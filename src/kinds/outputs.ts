import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';
import type { GraphWriter } from '../graph/graph-writer.js';
import { BIBO, DCAT, DCT, FOAF, PROV, SCHEMA, XSD } from '../graph/namespaces.js';
import type { SourceData } from '../source/source-data.js';
import { date, doi, httpUrl, key, keyList, nonEmptyString, partialDate, slug, slugList, text } from '../source/schema-parts.js';
import { slugify } from '../source/slugify.js';
import { latestDate } from '../source/source-history.js';
import { addThemeTaxonomy } from './catalog.js';
import { funding } from './funding.js';
import { organisations } from './organisations.js';
import { people } from './people.js';
import { defineKind } from './kind.js';
import { contributorsOf, projects, type Credit } from './projects.js';

type Project = ReturnType<typeof projects.read>[number];
type Grant = ReturnType<typeof funding.read>[number];

const { literal, namedNode } = DataFactory;

/** The guide and its other outputs (`data/outputs.yaml`): datasets of the catalogue, with a distribution per link. */
export const outputs = defineKind({
  name: 'outputs',
  segment: 'output',
  recordPage: 'output',
  schema: {
    type: 'object',
    required: ['id', 'title', 'description', 'kind', 'links'],
    additionalProperties: false,
    properties: {
      id: slug,
      title: text,
      description: text,
      kind: key,
      living: { type: 'boolean' },
      version: nonEmptyString,
      versions: slugList,
      project: slug,
      publisher: slug,
      authors: slugList,
      language: keyList,
      subjects: keyList,
      audiences: keyList,
      themes: keyList,
      spatial: keyList,
      keywords: { type: 'array', items: text },
      issued: partialDate,
      modified: date,
      doi,
      license: httpUrl,
      cover_image: {
        type: 'object',
        required: ['file'],
        additionalProperties: false,
        properties: { file: { type: 'string', pattern: '^[^/\\\\]+\\.[A-Za-z0-9]+$' }, url: httpUrl },
      },
      links: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: { id: slug, url: httpUrl, platform: nonEmptyString, format: key, title: text },
        },
      },
    },
  },
  read(item, reader) {
    const raw = item.value;
    const slug = reader.id(item, 'output', 'title');
    reader.refer(['project'], 'project', raw.project, item, [...item.path, 'project']);
    reader.refer(['agent'], 'person or organisation', raw.publisher, item, [...item.path, 'publisher']);
    const versions = reader.referAll(['output'], 'output', item, 'versions');
    versions.forEach((version, index) => {
      if (version === slug) reader.errors.push(item.file.error('an output cannot be a version of itself', [...item.path, 'versions', index]));
    });
    const linkSlugs = new Set<string>();
    const links = raw.links.map((value, index) => {
      const link = reader.part(item, 'links', index, value);
      const linkSlug = value.id ?? (slugify(value.platform ?? '') || `link-${index + 1}`);
      if (linkSlugs.has(linkSlug)) {
        reader.errors.push(item.file.error(`duplicate link id "${linkSlug}" in this output; give the link an "id"`, link.path));
      }
      linkSlugs.add(linkSlug);
      return {
        slug: linkSlug,
        url: value.url,
        platform: value.platform,
        format: value.format === undefined ? undefined : reader.key('format', value.format, item, [...link.path, 'format']),
        title: reader.text(link, 'title'),
      };
    });
    const cover = raw.cover_image;
    return {
      slug,
      title: reader.text(item, 'title'),
      description: reader.text(item, 'description'),
      kind: reader.key('output-kind', raw.kind, item, [...item.path, 'kind']),
      living: raw.living === true,
      version: raw.version,
      versions,
      project: raw.project,
      publisher: raw.publisher,
      authors: reader.referAll(['agent'], 'person or organisation', item, 'authors'),
      language: reader.keys('language', item, 'language'),
      subjects: reader.keys('subject', item, 'subjects'),
      audiences: reader.keys('audience', item, 'audiences'),
      themes: reader.keys('theme', item, 'themes'),
      spatial: reader.keys('spatial', item, 'spatial'),
      keywords: (raw.keywords ?? []).map((keyword, index) => reader.textValue(keyword, item.file, [...item.path, 'keywords', index]) ?? {}),
      issued: raw.issued,
      modified: raw.modified,
      doi: raw.doi,
      license: raw.license,
      coverImage: cover && { file: cover.file, url: cover.url },
      links,
      /** When this output's lines in data/ were last committed (its catalogue record's dct:modified), if known. */
      lastCommitted: reader.lastCommitted(item),
    };
  },
  map(output, graph, data) {
    const iri = graph.ref('output', output.slug);
    const kind = graph.vocabulary.term('output-kind', output.kind);
    graph.types(iri, DCAT.Dataset, PROV.Entity);
    const schemaClass = graph.vocabulary.objectOf(kind, graph.vocabulary.ontologyTerm('schemaClass'));
    graph.types(iri, SCHEMA.CreativeWork, ...(schemaClass ? [schemaClass] : []));
    if (output.living) graph.types(iri, graph.vocabulary.ontologyTerm('LivingDocument'));
    const dcmiType = graph.vocabulary.objectOf(kind, graph.vocabulary.ontologyTerm('dcmiType'));
    if (dcmiType) graph.add(iri, DCT.type, dcmiType);
    // The kind itself, which the DCMI type and schema.org class only approximate (a guide and a FAQ are both Text): record pages name it ("Guide", "Report"), OAI-PMH sets and DataCite's resource type come from it.
    graph.add(iri, graph.vocabulary.ontologyTerm('outputKind'), kind);
    graph.text(iri, [DCT.title, SCHEMA.name], output.title);
    graph.text(iri, [DCT.description, SCHEMA.description], output.description);
    for (const keyword of output.keywords) graph.text(iri, [DCAT.keyword, SCHEMA.keywords], keyword);
    graph.terms(iri, 'language', output.language, DCT.language);
    for (const key of output.language) graph.add(iri, SCHEMA.inLanguage, literal(key));
    graph.terms(iri, 'theme', output.themes, DCAT.theme);
    graph.terms(iri, 'spatial', output.spatial, DCT.spatial, SCHEMA.spatialCoverage);
    graph.terms(iri, 'subject', output.subjects, DCT.subject, SCHEMA.about);
    graph.terms(iri, 'audience', output.audiences, DCT.audience, SCHEMA.audience);
    if (output.issued) graph.dates(iri, output.issued, DCT.issued, SCHEMA.datePublished);
    if (output.modified) graph.dates(iri, output.modified, DCT.modified, SCHEMA.dateModified);
    if (output.doi) {
      graph.add(iri, BIBO.doi, literal(output.doi));
      graph.add(iri, DCT.identifier, literal(`https://doi.org/${output.doi}`));
      graph.add(iri, SCHEMA.identifier, namedNode(`https://doi.org/${output.doi}`));
    }
    if (output.license) {
      graph.add(iri, DCT.license, namedNode(output.license));
      graph.add(iri, SCHEMA.license, namedNode(output.license));
      graph.types(namedNode(output.license), DCT.LicenseDocument);
    }
    // The order the source credits the authors in, which dct:creator and schema:author cannot hold.
    graph.sequence(iri, BIBO.authorList, 'authors', output.authors.map((agent) => graph.ref('agent', agent)));
    if (output.publisher) {
      graph.add(iri, DCT.publisher, graph.ref('agent', output.publisher));
      graph.add(iri, SCHEMA.publisher, graph.ref('agent', output.publisher));
    }
    if (output.version) {
      graph.add(iri, DCAT.version, literal(output.version));
      graph.add(iri, SCHEMA.version, literal(output.version));
    }
    for (const slug of output.versions) {
      const version = graph.ref('output', slug);
      graph.add(iri, DCAT.hasVersion, version);
      graph.add(version, DCAT.isVersionOf, iri);
      graph.add(iri, SCHEMA.workExample, version);
      graph.add(version, SCHEMA.exampleOfWork, iri);
    }
    if (output.project) {
      const project = graph.ref('project', output.project);
      graph.add(iri, PROV.wasGeneratedBy, project);
      graph.add(iri, DCT.isPartOf, project);
      graph.add(project, DCT.hasPart, iri);
    }
    addToCatalog(graph, iri, output, data);
    addCoverImage(graph, iri, output);
    addLinks(graph, iri, output);
    addCredits(graph, iri, output, data);
  },
});

/** An output as read from data/. */
export type Output = ReturnType<typeof outputs.read>[number];

/** Every output is a dataset of the catalogue, which lists the schemes of its themes. */
function addToCatalog(graph: GraphWriter, iri: NamedNode, output: Output, data: SourceData): void {
  const catalog = graph.iris.catalog;
  graph.add(catalog, DCAT.dataset, iri);
  graph.add(catalog, SCHEMA.hasPart, iri);
  graph.add(iri, SCHEMA.isPartOf, catalog);
  for (const key of output.themes) addThemeTaxonomy(graph, key);
  // The history of data/ dates the description, not the output itself: it
  // belongs on a catalogue record, and only when git knows when the output's
  // own lines were committed.
  if (output.lastCommitted) {
    const record = graph.iris.part(catalog, `record-${output.slug}`);
    graph.types(record, DCAT.CatalogRecord);
    graph.add(record, FOAF.primaryTopic, iri);
    graph.add(record, DCT.modified, literal(recordLastCommitted(output, data) ?? output.lastCommitted, XSD.dateTime));
    graph.add(catalog, DCAT.record, record);
  }
}

/**
 * When the description of an output last changed: the latest commit to its own
 * lines or to those of what its description and harvest records name (its
 * authors and their affiliations, its publisher, its project, the project's
 * lead, contributors and grants, and the funders), since renaming an author
 * changes every record that credits them. OAI-PMH datestamps and
 * `?modified_since=` read this date, so a harvester that asks for what changed
 * gets such a record again.
 */
function recordLastCommitted(output: Output, data: SourceData): string | undefined {
  const { agents, affiliations } = agentsOf(data);
  const project = projectOf(data, output.project);
  const grants = grantsOf(data, output.project);
  const named = new Set([...output.authors, ...(output.publisher ? [output.publisher] : []), ...(project ? contributorsOf(project).map((credit) => credit.agent) : []), ...grants.flatMap((grant) => grant.funders)]);
  for (const author of output.authors) for (const affiliation of affiliations.get(author) ?? []) named.add(affiliation);
  return latestDate([output.lastCommitted, project?.lastCommitted, ...grants.map((grant) => grant.lastCommitted), ...[...named].map((agent) => agents.get(agent))]);
}

/** When each person and organisation was last committed, and each person's affiliations, by id: computed once per build. */
function agentsOf(data: SourceData): { agents: Map<string, string | undefined>; affiliations: Map<string, readonly string[]> } {
  return data.derive('outputs: agents', () => {
    const agents = new Map<string, string | undefined>();
    const affiliations = new Map<string, readonly string[]>();
    for (const person of data.all(people)) agents.set(person.slug, person.lastCommitted);
    for (const organisation of data.all(organisations)) agents.set(organisation.slug, organisation.lastCommitted);
    // The first person of an id, as a search of the list finds it.
    for (const person of [...data.all(people)].reverse()) affiliations.set(person.slug, person.affiliations);
    return { agents, affiliations };
  });
}

/** The project of this id, if any (the first of the list, as a search finds it). */
function projectOf(data: SourceData, slug: string | undefined): Project | undefined {
  if (slug === undefined) return undefined;
  const bySlug = data.derive('outputs: projects', () => {
    const map = new Map<string, Project>();
    for (const project of [...data.all(projects)].reverse()) map.set(project.slug, project);
    return map;
  });
  return bySlug.get(slug);
}

/** The grants that funded this project, in the order of the data. */
function grantsOf(data: SourceData, slug: string | undefined): readonly Grant[] {
  const byProject = data.derive('outputs: grants', () => {
    const map = new Map<string | undefined, Grant[]>();
    for (const grant of data.all(funding)) {
      const list = map.get(grant.funded) ?? [];
      list.push(grant);
      map.set(grant.funded, list);
    }
    return map;
  });
  return byProject.get(slug) ?? [];
}

function addCoverImage(graph: GraphWriter, iri: NamedNode, output: Output): void {
  if (!output.coverImage) return;
  // The seed names the cover image's file but not where it is served; the
  // image is described by its file name, with a contentUrl only when given.
  const image = graph.iris.resource('image', `${output.slug}-cover`);
  graph.types(image, SCHEMA.ImageObject, FOAF.Image);
  graph.add(image, SCHEMA.name, literal(output.coverImage.file));
  if (output.coverImage.url) graph.add(image, SCHEMA.contentUrl, namedNode(output.coverImage.url));
  graph.add(iri, SCHEMA.image, image);
  graph.add(iri, FOAF.depiction, image);
}

function addLinks(graph: GraphWriter, iri: NamedNode, output: Output): void {
  output.links.forEach((link, index) => {
    const url = namedNode(link.url);
    const distribution = graph.iris.part(iri, `distribution-${link.slug}`);
    graph.types(distribution, DCAT.Distribution);
    graph.add(iri, DCAT.distribution, distribution);
    graph.add(distribution, DCAT.accessURL, url);
    if (link.format) graph.add(distribution, DCT.format, graph.vocabulary.term('format', link.format));
    if (output.license) graph.add(distribution, DCT.license, namedNode(output.license));
    const title = link.title ?? (link.platform
      ? Object.fromEntries(Object.entries(output.title).map(([language, value]) => [language, `${value} (${link.platform})`]))
      : undefined);
    graph.text(distribution, [DCT.title], title);
    // The site the link goes to, as the data names it: pages say "Read on Google Docs".
    if (link.platform) graph.add(distribution, graph.vocabulary.ontologyTerm('platform'), literal(link.platform));
    graph.types(url, FOAF.Document);
    graph.add(iri, DCAT.landingPage, url);
    if (index === 0) graph.add(iri, SCHEMA.url, url);
  });
}

/**
 * Its authors, and everyone credited on its project: the source thanks them
 * for work on "the design of research and its outputs".
 */
function addCredits(graph: GraphWriter, iri: NamedNode, output: Output, data: SourceData): void {
  const project = projectOf(data, output.project);
  const funders = grantsOf(data, output.project).flatMap((grant) => grant.funders.map((agent) => ({ agent, role: 'funder' })));
  const credits: Credit[] = [
    ...output.authors.map((agent) => ({ agent, role: 'author' })),
    ...(project ? [...contributorsOf(project), ...funders] : []),
  ];
  const creditProperty = graph.vocabulary.ontologyTerm('creditProperty');
  for (const { agent, role } of credits) {
    const agentIri = graph.ref('agent', agent);
    const roleTerm = graph.vocabulary.term('role', role);
    const attribution = graph.iris.part(iri, `attribution-${agent}-${role}`);
    graph.types(attribution, PROV.Attribution);
    graph.add(attribution, PROV.agent, agentIri);
    graph.add(attribution, DCAT.hadRole, roleTerm);
    graph.add(iri, PROV.qualifiedAttribution, attribution);
    // The role's own terms in vocab/roles.ttl (dct:creator, schema:author…) state the credit directly.
    for (const predicate of graph.vocabulary.objectsOf(roleTerm, creditProperty)) graph.add(iri, predicate, agentIri);
  }
}
