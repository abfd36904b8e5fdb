import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';

/** How a site differs from the default: where its SPARQL endpoint is. */
export interface IriSchemeOptions {
  /** An absolute URL of the endpoint elsewhere; `null`: none; absent: the site's own. */
  readonly sparqlEndpoint?: string | null;
}

/**
 * Every public URL of the site, all under one public base: the IRIs the graph
 * mints, their documents, and every page, endpoint and file the server
 * answers at. Nothing else joins the base with a path.
 */
export class IriScheme {
  readonly base: string;
  /** Where SPARQL queries go; undefined when the site offers none (a static copy exported without an endpoint). */
  readonly sparqlEndpoint: string | undefined;

  /**
   * `sparqlEndpoint` names the SPARQL endpoint the pages point to when it is
   * not this site's own `{base}sparql` (a static export's: another server, or
   * any store), or `null` for none; absent, it is the site's own.
   */
  constructor(base: string, options: IriSchemeOptions = {}) {
    const url = URL.canParse(base) ? new URL(base) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new Error(`BASE_URL must be an absolute http(s) URL such as http://localhost:3000/, not "${base}"`);
    }
    if (url.search || url.hash) throw new Error(`BASE_URL must not have a query or fragment: ${base}`);
    this.base = url.href.endsWith('/') ? url.href : `${url.href}/`;
    const endpoint = options.sparqlEndpoint;
    if (typeof endpoint === 'string' && !/^https?:\/\//.test(endpoint)) throw new Error(`The SPARQL endpoint must be an absolute http(s) URL, not "${endpoint}"`);
    this.sparqlEndpoint = endpoint === null ? undefined : (endpoint ?? `${this.base}sparql`);
  }

  /** Whether queries go to this site's own endpoint, which also answers the named queries (`/queries`) and their OpenAPI description. */
  get hasOwnSparqlEndpoint(): boolean {
    return this.sparqlEndpoint === this.sparql;
  }

  /** The IRI of a thing of the kind whose IRIs start with `segment`, e.g. `{base}id/person/tracey-p-lauriault`. */
  resource(segment: string, slug: string): NamedNode {
    return DataFactory.namedNode(`${this.base}id/${segment}/${slug}`);
  }

  /** The segment of a thing's IRI, the inverse of `resource`: `{base}id/person/x` → `person`; undefined for any other IRI. */
  segmentOf(resource: string): string | undefined {
    const match = /^id\/([^/#]+)\/[^/#]+$/.exec(this.relative(resource) ?? '');
    return match?.[1];
  }

  /** The IRI of a part described inside a thing's description, e.g. a distribution. */
  part(of: NamedNode, fragment: string): NamedNode {
    return DataFactory.namedNode(`${of.value}#${fragment}`);
  }

  /** The DCAT catalogue of the project's outputs. */
  get catalog(): NamedNode {
    return DataFactory.namedNode(`${this.base}id/catalog`);
  }

  /** The home page of this publication, the catalogue's foaf:homepage. */
  get homepage(): NamedNode {
    return DataFactory.namedNode(this.base);
  }

  /** The IRI a vocab/ file is parsed against, so its relative IRIs land under the base. */
  vocabularyFile(fileName: string): string {
    return `${this.base}vocab/${fileName}`;
  }

  /** The namespace of the project's own ontology. */
  get ontology(): string {
    return `${this.base}vocab/ontology#`;
  }

  /**
   * The document describing a resource, optionally in one format (`.ttl`) and
   * with the parameters of a variant of it (a citation's `style` and
   * `locale`): `{base}id/x/y` → `{base}doc/x/y`, the ontology →
   * `{base}doc/vocab/ontology`. Undefined for IRIs that are not resources under this base.
   */
  documentOf(resource: string, extension?: string, parameters: Readonly<Record<string, string>> = {}): string | undefined {
    const query = new URLSearchParams(parameters).toString();
    const suffix = `${extension ? `.${extension}` : ''}${query ? `?${query}` : ''}`;
    if (resource === this.ontologyResource) return `${this.base}doc/vocab/ontology${suffix}`;
    const path = this.relative(resource);
    if (!path?.startsWith('id/') || path.length === 'id/'.length || path.includes('#')) return undefined;
    return `${this.base}doc/${path.slice('id/'.length)}${suffix}`;
  }

  /** The resource a document (without extension) describes; the inverse of `documentOf`. */
  resourceOf(document: string): string | undefined {
    const path = this.relative(document);
    if (!path?.startsWith('doc/') || path.length === 'doc/'.length || path.includes('#')) return undefined;
    const rest = path.slice('doc/'.length);
    return rest === 'vocab/ontology' ? this.ontologyResource : `${this.base}id/${rest}`;
  }

  /**
   * The linkset (RFC 9264) of a resource's FAIR Signposting:
   * `{base}id/x/y` → `{base}linkset/x/y`, the ontology → `{base}linkset/vocab/ontology`.
   * A path family of its own beside `id/` and `doc/`, not a format of the
   * document (`doc/x/y.linkset`): a linkset is another resource, whose links
   * are about the landing page, each description and each item, and it
   * negotiates between its own two formats (application/linkset,
   * application/linkset+json), none of which is a description of the resource.
   * Undefined for IRIs that have no document.
   */
  linksetOf(resource: string): string | undefined {
    const document = this.documentOf(resource);
    return document && `${this.base}linkset/${document.slice(`${this.base}doc/`.length)}`;
  }

  /** The resource a linkset is about; the inverse of `linksetOf`. */
  resourceOfLinkset(linkset: string): string | undefined {
    const path = this.relative(linkset);
    return path?.startsWith('linkset/') ? this.resourceOf(`${this.base}doc/${path.slice('linkset/'.length)}`) : undefined;
  }

  /** The SPARQL query page, and the endpoint itself (protocol and service description) when the site has its own. */
  get sparql(): string {
    return `${this.base}sparql`;
  }

  /** Where the query page's YASGUI files and start script are served. */
  get sparqlAssets(): string {
    return `${this.base}sparql-ui`;
  }

  /** The whole graph as one file, negotiated (`dump`) or in the format of `extension` (`dump.ttl`). */
  dump(extension?: string): string {
    return `${this.base}dump${extension ? `.${extension}` : ''}`;
  }

  /** The paged DCAT catalogue for harvesters, negotiated or in one format; its `?page=` parameters are the caller's. */
  catalogPages(extension?: string): string {
    return `${this.base}catalog${extension ? `.${extension}` : ''}`;
  }

  /** The list of named queries. */
  get queries(): string {
    return `${this.base}queries`;
  }

  /** One named query, run with its parameters from the query string. */
  query(name: string): string {
    return `${this.queries}/${name}`;
  }

  /** The OpenAPI description of the named queries. */
  get openapi(): string {
    return `${this.base}openapi.json`;
  }

  /** The VoID description, negotiated or in one format. */
  void(extension?: string): string {
    return `${this.base}void${extension ? `.${extension}` : ''}`;
  }

  /** The void:Dataset the VoID description is about. */
  get voidDataset(): string {
    return `${this.void()}#dataset`;
  }

  /** The well-known address of the VoID description (RFC 8615, VoID §7.2). */
  get wellKnownVoid(): string {
    return `${this.base}.well-known/void`;
  }

  /** The sitemap of every HTML page. */
  get sitemap(): string {
    return `${this.base}sitemap.xml`;
  }

  /** The robots.txt, which points at the sitemap. */
  get robots(): string {
    return `${this.base}robots.txt`;
  }

  /** The OAI-PMH 2.0 repository: the base URL harvesters send every verb to. */
  get oai(): string {
    return `${this.base}oai`;
  }

  /** The OAI-PMH repository as a service (a dcat:DataService in VoID and the SPARQL service description). */
  get oaiService(): string {
    return `${this.oai}#service`;
  }

  /**
   * The repository identifier of OAI identifiers: the host name of the base,
   * lower-cased. The oai-identifier scheme wants a domain name with a dot
   * (`data.example.org`); `localhost` or an IP address is used as it is, but is
   * outside that scheme (see `hasOaiIdentifierScheme`).
   */
  get oaiRepositoryIdentifier(): string {
    return new URL(this.base).hostname.toLowerCase();
  }

  /** Whether the repository identifier fits the oai-identifier scheme (a domain name such as `data.example.org`), so Identify may declare it. */
  get hasOaiIdentifierScheme(): boolean {
    return /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(this.oaiRepositoryIdentifier);
  }

  /** The OAI identifier of a resource under the base, e.g. `{base}id/output/x` → `oai:data.example.org:output/x`; undefined for other IRIs. */
  oaiIdentifier(resource: string): string | undefined {
    const path = this.relative(resource);
    if (!path?.startsWith('id/') || path.length === 'id/'.length || path.includes('#')) return undefined;
    return `oai:${this.oaiRepositoryIdentifier}:${path.slice('id/'.length)}`;
  }

  /** The resource an OAI identifier of this repository names; the inverse of `oaiIdentifier`, undefined for any other string. */
  resourceOfOaiIdentifier(identifier: string): string | undefined {
    const prefix = `oai:${this.oaiRepositoryIdentifier}:`;
    if (!identifier.startsWith(prefix)) return undefined;
    const local = identifier.slice(prefix.length);
    if (local === '' || local.includes('#')) return undefined;
    const resource = `${this.base}id/${local}`;
    return this.oaiIdentifier(resource) === identifier ? resource : undefined;
  }

  /** The site's icon. */
  get favicon(): string {
    return `${this.base}favicon.ico`;
  }

  /** The health check for load balancers and monitors. */
  get health(): string {
    return `${this.base}health`;
  }

  /** The list of releases, the published states of the graph (src/history). */
  get releases(): string {
    return `${this.base}releases`;
  }

  /**
   * The Memento TimeGate (RFC 7089) of an original resource of this site (a
   * resource IRI or a document): `{base}id/x/y` → `{base}timegate/id/x/y`.
   */
  timegate(original: string): string {
    return `${this.base}timegate/${this.mustBeRelative(original)}`;
  }

  /** The Memento TimeMap of an original resource, in link format or JSON, e.g. `{base}timemap/link/doc/x/y.ttl`. */
  timemap(original: string, format: 'link' | 'json'): string {
    return `${this.base}timemap/${format}/${this.mustBeRelative(original)}`;
  }

  /** A memento: the original resource as it was in the release `releaseId` (`YYYYMMDDhhmmss`), e.g. `{base}memento/20240110100000/doc/x/y`. */
  memento(releaseId: string, original: string): string {
    return `${this.base}memento/${releaseId}/${this.mustBeRelative(original)}`;
  }

  /** The change stream (a Linked Data Event Stream): its root page `{base}changes`, or with a page id one of its closed pages, `{base}changes/{page}`. */
  changes(page?: string): string {
    return `${this.base}changes${page === undefined ? '' : `/${page}`}`;
  }

  /** The event stream itself (the ldes:EventStream), described on the root page. */
  get changeStream(): string {
    return `${this.changes()}#stream`;
  }

  /** The "what's new" page: the releases, newest first, with what changed in each. */
  get whatsNew(): string {
    return `${this.base}whats-new`;
  }

  /**
   * The page of one resource's changes, beside its document: `{base}id/x/y` →
   * `{base}history/x/y`, the ontology → `{base}history/vocab/ontology`.
   * Undefined for IRIs that have no document.
   */
  historyOf(resource: string): string | undefined {
    const document = this.documentOf(resource);
    return document === undefined ? undefined : `${this.base}history/${document.slice(`${this.base}doc/`.length)}`;
  }

  /** The resource whose history page this is; the inverse of `historyOf`. */
  resourceOfHistory(page: string): string | undefined {
    const path = this.relative(page);
    if (!path?.startsWith('history/')) return undefined;
    const resource = this.resourceOf(`${this.base}doc/${path.slice('history/'.length)}`);
    return resource !== undefined && this.historyOf(resource) === page ? resource : undefined;
  }

  /**
   * The change of a resource in a release, as an activity of the change
   * stream: `{base}history/x/y#change-{releaseId}`, the section of the
   * resource's history page that shows it.
   */
  change(resource: string, releaseId: string): string {
    const history = this.historyOf(resource);
    if (history === undefined) throw new Error(`${resource} has no document, so no history`);
    return `${history}#change-${releaseId}`;
  }

  /** The path the server is mounted at, e.g. `/` or `/osc/`. */
  get basePath(): string {
    return new URL(this.base).pathname;
  }

  /** A URL of this site as a route path relative to the mount point, e.g. `{base}sparql` → `/sparql`; throws for a URL elsewhere. */
  path(url: string): string {
    const relative = this.relative(url);
    if (relative === undefined) throw new Error(`${url} is not under ${this.base}`);
    return `/${relative}`;
  }

  /** The public URL at a route path relative to the mount point; the inverse of `path`, e.g. `/id/x` → `{base}id/x`. */
  url(path: string): string {
    return `${this.base}${path.slice(1)}`;
  }

  /** The ontology itself, whose terms are its hash IRIs. */
  private get ontologyResource(): string {
    return `${this.base}vocab/ontology`;
  }

  private mustBeRelative(url: string): string {
    const relative = this.relative(url);
    if (relative === undefined) throw new Error(`${url} is not under ${this.base}`);
    return relative;
  }

  private relative(iri: string): string | undefined {
    return iri.startsWith(this.base) ? iri.slice(this.base.length) : undefined;
  }
}
