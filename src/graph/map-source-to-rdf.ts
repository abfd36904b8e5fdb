import { DataFactory, Store } from 'n3';
import type { NamedNode, Quad_Object } from '@rdfjs/types';
import type {
  Funding, Organisation, Output, Person, Project, SourceData, Text, WebDocument,
} from '../source/source-model.js';
import type { IriScheme } from './iri-scheme.js';
import { DCAT, DCT, FOAF, PROV, RDF, RDFS, SCHEMA, SKOS, XSD } from './namespaces.js';
import type { Vocabulary } from './vocabulary.js';

const { literal, namedNode, quad } = DataFactory;

/** A contribution of an agent in a role, as the mapping credits it on a resource. */
interface Credit {
  readonly agent: string;
  readonly role: string;
}

/**
 * Maps the validated data to RDF: DCAT 3 and Dublin Core for catalogues,
 * schema.org for search engines, FOAF for agents, PROV for qualified roles.
 * Every fact is said in each vocabulary a user may know, so a query in any
 * one of them finds the authors, outputs and funders.
 */
export function mapSourceToRdf(data: SourceData, vocabulary: Vocabulary, iris: IriScheme): Store {
  return new SourceMapping(data, vocabulary, iris).run();
}

class SourceMapping {
  private readonly store = new Store();
  private readonly agentKinds = new Map<string, 'person' | 'organisation'>();

  constructor(
    private readonly data: SourceData,
    private readonly vocabulary: Vocabulary,
    private readonly iris: IriScheme,
  ) {
    for (const person of data.people) this.agentKinds.set(person.slug, 'person');
    for (const organisation of data.organisations) this.agentKinds.set(organisation.slug, 'organisation');
  }

  run(): Store {
    this.catalog();
    this.data.organisations.forEach((organisation) => this.organisation(organisation));
    this.data.people.forEach((person) => this.person(person));
    this.data.projects.forEach((project) => this.project(project));
    this.data.funding.forEach((funding) => this.funding(funding));
    this.data.documents.forEach((document) => this.document(document));
    this.data.outputs.forEach((output) => this.output(output));
    this.vocabularyInUse();
    return this.store;
  }

  /**
   * The project's own vocabulary is published whole; another publisher's
   * terms (EU authority tables, DCMI types) only when the data uses them, with
   * their scheme, so the graph describes what it references and nothing more.
   */
  private vocabularyInUse(): void {
    const vocabulary = this.vocabulary.store;
    const used = new Set(this.store.getObjects(null, null, null).filter((term) => term.termType === 'NamedNode').map((term) => term.value));
    for (const kind of vocabulary.getSubjects(this.vocabulary.ontologyTerm('dcmiType'), null, null)) {
      for (const type of vocabulary.getObjects(kind, this.vocabulary.ontologyTerm('dcmiType'), null)) used.add(type.value);
    }
    for (const term of [...used]) {
      for (const scheme of vocabulary.getObjects(namedNode(term), SKOS.inScheme, null)) used.add(scheme.value);
    }
    for (const quad of vocabulary.getQuads(null, null, null, null)) {
      if (quad.subject.value.startsWith(this.iris.base) || used.has(quad.subject.value)) this.store.addQuad(quad);
    }
  }

  private add(subject: NamedNode, predicate: NamedNode, object: Quad_Object): void {
    this.store.addQuad(quad(subject, predicate, object));
  }

  private types(subject: NamedNode, ...classes: NamedNode[]): void {
    for (const type of classes) this.add(subject, RDF.type, type);
  }

  private text(subject: NamedNode, predicates: readonly NamedNode[], text: Text | undefined): void {
    if (!text) return;
    for (const [language, value] of Object.entries(text)) {
      for (const predicate of predicates) this.add(subject, predicate, literal(value, language));
    }
  }

  private agent(slug: string): NamedNode {
    return this.iris.resource(this.agentKinds.get(slug)!, slug);
  }

  private catalog(): void {
    const { catalog } = this.data;
    const iri = this.iris.catalog;
    this.types(iri, DCAT.Catalog, SCHEMA.DataCatalog);
    this.text(iri, [DCT.title, SCHEMA.name], catalog.title);
    this.text(iri, [DCT.description, SCHEMA.description], catalog.description);
    this.add(iri, DCT.publisher, this.agent(catalog.publisher));
    this.add(iri, SCHEMA.publisher, this.agent(catalog.publisher));
    for (const key of catalog.language) this.add(iri, DCT.language, this.vocabulary.term('language', key));
    for (const key of catalog.spatial) this.add(iri, DCT.spatial, this.vocabulary.term('spatial', key));
    const themes = [...catalog.themes, ...this.data.outputs.flatMap((output) => output.themes)];
    for (const key of new Set(themes)) {
      const scheme = this.vocabulary.store.getObjects(this.vocabulary.term('theme', key), SKOS.inScheme, null)[0];
      if (scheme?.termType === 'NamedNode') this.add(iri, DCAT.themeTaxonomy, scheme);
    }
    this.types(this.iris.homepage, FOAF.Document);
    this.add(iri, FOAF.homepage, this.iris.homepage);
    if (catalog.lastCommitted) this.add(iri, DCT.modified, literal(catalog.lastCommitted, XSD.dateTime));
    for (const output of this.data.outputs) {
      const dataset = this.iris.resource('output', output.slug);
      this.add(iri, DCAT.dataset, dataset);
      this.add(iri, SCHEMA.hasPart, dataset);
      this.add(dataset, SCHEMA.isPartOf, iri);
      // The history of data/ dates the description, not the output itself: it
      // belongs on a catalogue record, and only when git knows it.
      if (output.lastCommitted) {
        const record = this.iris.part(iri, `record-${output.slug}`);
        this.types(record, DCAT.CatalogRecord);
        this.add(record, FOAF.primaryTopic, dataset);
        this.add(record, DCT.modified, literal(output.lastCommitted, XSD.dateTime));
        this.add(iri, DCAT.record, record);
      }
    }
  }

  private organisation(organisation: Organisation): void {
    const iri = this.iris.resource('organisation', organisation.slug);
    this.types(iri, FOAF.Agent, FOAF.Organization, SCHEMA.Organization, PROV.Agent);
    if (organisation.fundingProgram) this.types(iri, SCHEMA.FundingScheme);
    this.text(iri, [FOAF.name, SCHEMA.name], organisation.name);
    this.text(iri, [SCHEMA.alternateName], organisation.alternateName);
    this.text(iri, [DCT.description, SCHEMA.description], organisation.description);
    if (organisation.kind) this.add(iri, DCT.type, this.vocabulary.term('organisation-kind', organisation.kind));
    if (organisation.partOf) {
      const parent = this.iris.resource('organisation', organisation.partOf);
      this.add(iri, SCHEMA.parentOrganization, parent);
      this.add(parent, SCHEMA.subOrganization, iri);
    }
    this.homepage(iri, organisation.url);
  }

  private person(person: Person): void {
    const iri = this.iris.resource('person', person.slug);
    this.types(iri, FOAF.Agent, FOAF.Person, SCHEMA.Person, PROV.Agent);
    this.add(iri, FOAF.name, literal(person.name));
    this.add(iri, SCHEMA.name, literal(person.name));
    this.text(iri, [SCHEMA.honorificPrefix], person.honorificPrefix);
    this.text(iri, [SCHEMA.honorificSuffix], person.honorificSuffix);
    this.text(iri, [SCHEMA.jobTitle], person.jobTitle);
    for (const slug of person.affiliations) {
      const organisation = this.iris.resource('organisation', slug);
      this.add(iri, SCHEMA.affiliation, organisation);
      this.add(organisation, FOAF.member, iri);
    }
    this.homepage(iri, person.url);
  }

  private homepage(iri: NamedNode, url: string | undefined): void {
    if (!url) return;
    this.add(iri, FOAF.homepage, namedNode(url));
    this.add(iri, SCHEMA.url, namedNode(url));
    this.types(namedNode(url), FOAF.Document);
  }

  private project(project: Project): void {
    const iri = this.iris.resource('project', project.slug);
    this.types(iri, FOAF.Project, SCHEMA.ResearchProject, PROV.Activity);
    this.text(iri, [DCT.title, FOAF.name, SCHEMA.name], project.name);
    this.text(iri, [DCT.description, SCHEMA.description], project.description);
    if (project.lead) this.add(iri, SCHEMA.parentOrganization, this.agent(project.lead));
    for (const { agent, role } of this.projectCredits(project)) {
      const association = this.iris.part(iri, `association-${agent}-${role}`);
      this.types(association, PROV.Association);
      this.add(association, PROV.agent, this.agent(agent));
      this.add(association, PROV.hadRole, this.vocabulary.term('role', role));
      this.add(iri, PROV.qualifiedAssociation, association);
      this.add(iri, PROV.wasAssociatedWith, this.agent(agent));
    }
    for (const funding of this.fundingOf(project.slug)) {
      this.add(iri, SCHEMA.funding, this.iris.resource('funding', funding.slug));
      for (const funder of funding.funders) {
        this.add(iri, SCHEMA.funder, this.agent(funder));
        this.add(iri, FOAF.fundedBy, this.agent(funder));
      }
    }
    for (const slug of project.seeAlso) {
      this.add(iri, RDFS.seeAlso, this.iris.resource('document', slug));
      this.add(iri, FOAF.page, this.iris.resource('document', slug));
    }
    for (const output of this.data.outputs.filter((candidate) => candidate.project === project.slug)) {
      this.add(iri, DCT.hasPart, this.iris.resource('output', output.slug));
    }
  }

  /** Who is credited on a project and its outputs: its lead, its contributors and its funders. */
  private projectCredits(project: Project): Credit[] {
    const credits: Credit[] = [];
    if (project.lead) credits.push({ agent: project.lead, role: 'project-lead' });
    for (const contribution of project.contributions) {
      for (const role of contribution.roles) credits.push({ agent: contribution.agent, role });
    }
    for (const funding of this.fundingOf(project.slug)) {
      for (const funder of funding.funders) credits.push({ agent: funder, role: 'funder' });
    }
    return credits;
  }

  private fundingOf(projectSlug: string): Funding[] {
    return this.data.funding.filter((funding) => funding.funded === projectSlug);
  }

  private funding(funding: Funding): void {
    const iri = this.iris.resource('funding', funding.slug);
    this.types(iri, SCHEMA.Grant);
    this.text(iri, [DCT.description, SCHEMA.description], funding.description);
    for (const funder of funding.funders) this.add(iri, SCHEMA.funder, this.agent(funder));
    this.add(iri, SCHEMA.fundedItem, this.iris.resource('project', funding.funded));
    if (funding.year !== undefined) this.add(iri, DCT.date, literal(String(funding.year), XSD.gYear));
  }

  private document(document: WebDocument): void {
    const iri = this.iris.resource('document', document.slug);
    this.types(iri, FOAF.Document, SCHEMA.WebPage);
    this.text(iri, [DCT.title, SCHEMA.name], document.title);
    this.text(iri, [DCT.description, SCHEMA.description], document.description);
    if (document.publisher) {
      this.add(iri, DCT.publisher, this.agent(document.publisher));
      this.add(iri, SCHEMA.publisher, this.agent(document.publisher));
    }
    if (document.url) this.add(iri, SCHEMA.url, namedNode(document.url));
  }

  private output(output: Output): void {
    const iri = this.iris.resource('output', output.slug);
    const kind = this.vocabulary.term('output-kind', output.kind);
    this.types(iri, DCAT.Dataset, PROV.Entity);
    const schemaClass = this.vocabulary.objectOf(kind, this.vocabulary.ontologyTerm('schemaClass'));
    this.types(iri, SCHEMA.CreativeWork, ...(schemaClass ? [schemaClass] : []));
    if (output.living) this.types(iri, this.vocabulary.ontologyTerm('LivingDocument'));
    const dcmiType = this.vocabulary.objectOf(kind, this.vocabulary.ontologyTerm('dcmiType'));
    if (dcmiType) this.add(iri, DCT.type, dcmiType);
    this.text(iri, [DCT.title, SCHEMA.name], output.title);
    this.text(iri, [DCT.description, SCHEMA.description], output.description);
    for (const keyword of output.keywords) this.text(iri, [DCAT.keyword, SCHEMA.keywords], keyword);
    this.terms(iri, 'language', output.language, DCT.language);
    for (const key of output.language) this.add(iri, SCHEMA.inLanguage, literal(key));
    this.terms(iri, 'theme', output.themes, DCAT.theme);
    this.terms(iri, 'spatial', output.spatial, DCT.spatial, SCHEMA.spatialCoverage);
    this.terms(iri, 'subject', output.subjects, DCT.subject, SCHEMA.about);
    this.terms(iri, 'audience', output.audiences, DCT.audience, SCHEMA.audience);
    if (output.issued) this.dates(iri, output.issued, DCT.issued, SCHEMA.datePublished);
    if (output.modified) this.dates(iri, output.modified, DCT.modified, SCHEMA.dateModified);
    if (output.publisher) {
      this.add(iri, DCT.publisher, this.agent(output.publisher));
      this.add(iri, SCHEMA.publisher, this.agent(output.publisher));
    }
    if (output.version) {
      this.add(iri, DCAT.version, literal(output.version));
      this.add(iri, SCHEMA.version, literal(output.version));
    }
    for (const slug of output.versions) {
      const version = this.iris.resource('output', slug);
      this.add(iri, DCAT.hasVersion, version);
      this.add(version, DCAT.isVersionOf, iri);
      this.add(iri, SCHEMA.workExample, version);
      this.add(version, SCHEMA.exampleOfWork, iri);
    }
    if (output.project) {
      const project = this.iris.resource('project', output.project);
      this.add(iri, PROV.wasGeneratedBy, project);
      this.add(iri, DCT.isPartOf, project);
    }
    this.coverImage(iri, output);
    this.links(iri, output);
    this.credits(iri, output);
  }

  private terms(iri: NamedNode, field: 'language' | 'theme' | 'spatial' | 'subject' | 'audience', keys: readonly string[], ...predicates: NamedNode[]): void {
    for (const key of keys) {
      for (const predicate of predicates) this.add(iri, predicate, this.vocabulary.term(field, key));
    }
  }

  private dates(iri: NamedNode, date: string, ...predicates: NamedNode[]): void {
    for (const predicate of predicates) this.add(iri, predicate, literal(date, XSD.date));
  }

  private coverImage(iri: NamedNode, output: Output): void {
    if (!output.coverImage) return;
    // The seed names the cover image's file but not where it is served; the
    // image is described by its file name, with a contentUrl only when given.
    const image = this.iris.resource('image', `${output.slug}-cover`);
    this.types(image, SCHEMA.ImageObject, FOAF.Image);
    this.add(image, SCHEMA.name, literal(output.coverImage.file));
    if (output.coverImage.url) this.add(image, SCHEMA.contentUrl, namedNode(output.coverImage.url));
    this.add(iri, SCHEMA.image, image);
    this.add(iri, FOAF.depiction, image);
  }

  private links(iri: NamedNode, output: Output): void {
    output.links.forEach((link, index) => {
      const url = namedNode(link.url);
      const distribution = this.iris.part(iri, `distribution-${link.slug}`);
      this.types(distribution, DCAT.Distribution);
      this.add(iri, DCAT.distribution, distribution);
      this.add(distribution, DCAT.accessURL, url);
      if (link.format) this.add(distribution, DCT.format, this.vocabulary.term('format', link.format));
      const title = link.title ?? (link.platform
        ? Object.fromEntries(Object.entries(output.title).map(([language, value]) => [language, `${value} (${link.platform})`]))
        : undefined);
      this.text(distribution, [DCT.title], title);
      this.types(url, FOAF.Document);
      this.add(iri, DCAT.landingPage, url);
      if (index === 0) this.add(iri, SCHEMA.url, url);
    });
  }

  private credits(iri: NamedNode, output: Output): void {
    const project = this.data.projects.find((candidate) => candidate.slug === output.project);
    const credits: Credit[] = [
      ...output.authors.map((agent) => ({ agent, role: 'author' })),
      ...(project ? this.projectCredits(project) : []),
    ];
    for (const { agent, role } of credits) {
      const agentIri = this.agent(agent);
      const attribution = this.iris.part(iri, `attribution-${agent}-${role}`);
      this.types(attribution, PROV.Attribution);
      this.add(attribution, PROV.agent, agentIri);
      this.add(attribution, DCAT.hadRole, this.vocabulary.term('role', role));
      this.add(iri, PROV.qualifiedAttribution, attribution);
      if (role === 'author') {
        this.add(iri, DCT.creator, agentIri);
        this.add(iri, SCHEMA.author, agentIri);
        this.add(iri, FOAF.maker, agentIri);
      } else if (role === 'funder') {
        // Dublin Core has no funder term; DataCite 3 counted funders among contributors.
        this.add(iri, DCT.contributor, agentIri);
        this.add(iri, SCHEMA.funder, agentIri);
      } else {
        this.add(iri, DCT.contributor, agentIri);
        this.add(iri, SCHEMA.contributor, agentIri);
      }
    }
  }
}


