import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import LinkHeader from 'http-link-header';
import { IriScheme } from '../graph/iri-scheme.js';
import { RDF_FORMATS } from '../graph/rdf-formats.js';
import { CATALOG_REPRESENTATIONS } from '../http/catalog-routes.js';
import { createApp } from '../http/create-app.js';
import { VOID_REPRESENTATIONS } from '../http/discovery-routes.js';
import { dumpRepresentations } from '../http/dump-routes.js';
import { DOCUMENT_REPRESENTATIONS, HTML_REPRESENTATION, REPRESENTATIONS, type Refusal, type Representation, type RepresentationTable } from '../http/representations.js';
import { escapeHtml, withLanguage } from '../pages/html-page.js';
import { FALLBACK_LANGUAGE, LANGUAGE_PARAMETER, offeredLanguages } from '../pages/reader-language.js';
import { UI_LANGUAGES } from '../pages/ui-text.js';
import { loadPublishedGraph, type PublishedGraph } from '../store/published-graph.js';
import { createHash } from 'node:crypto';
import { Parser } from 'n3';
import { DUMP_FORMATS } from '../build/build-dist.js';
import type { ReleaseHistory } from '../history/release-history.js';
import { httpDate } from '../http/accept-datetime.js';
import { DEFAULT_TIMEMAP_PAGE_SIZE } from '../http/history-routes.js';
import { rdfRepresentation } from '../http/representations.js';
import { STREAM_REPRESENTATIONS } from '../http/stream-routes.js';
import { strongEtagOf } from '../http/validators.js';
import { documentVariant } from '../http/document-page.js';
import { readerVariant } from '../http/reader-language.js';
import { DEFAULT_WHATS_NEW_PAGE_SIZE } from '../http/whats-new-routes.js';
import type { SiteHistory } from '../../nginx/oscg-site.js';
import njsSite, { type RawRequest } from '../../nginx/oscg-site.js';
import { AppRecorder, type AppResponse, type RecordingRequest } from './app-recorder.js';
import { ExportFiles, PRECOMPRESSED, type ExportFilesReport } from './export-files.js';
import { nginxConfigs } from './nginx-config.js';
import { linksetRepresentations } from '../http/linkset.js';
import {
  commonHeaders,
  formatNames,
  optionCombinations,
  siteOptions,
  headerPatch,
  HeaderSpelling,
  recordedHeaders,
  SENTINEL,
  serialiseSiteTable,
  siteOffer,
  withoutCommon,
  type HeaderPatch,
  type RecordedResponse,
  type ResponseTemplate,
  type SiteEntry,
  type SiteFamily,
  type SiteOffer,
  type SiteOptions,
  type SiteRoute,
  type SiteTable,
} from './site-table.js';

/** The njs module's choices, used to ask the app for exactly the variants the module will pick. */
const { chooseRepresentation, readerKey, readRequest, problemKey, optionsOf, pageOptionsKey } = njsSite;

/** The package's own folder, where the njs module ships (nginx/). */
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The njs module nginx runs, copied into every export. */
export const NJS_MODULE = join(PACKAGE_ROOT, 'nginx/oscg-site.js');

/** Where, in nginx, the recorded bodies are handed over: a prefix no public URL has (requests to it are refused). */
const INTERNAL_PREFIX = '/.oscg-export-files/';

/** The media types an error is offered in, as the error handler offers them. */
const PROBLEM_TYPES = ['application/problem+json', 'application/json', 'text/html'];

/** How many requests the recorder has in flight at once. */
const CONCURRENCY = 8;

/** The most language variants of a page the export records: every order a reader may rank the languages in. */
const MAX_LANGUAGE_VARIANTS = 200;

/** What to export and where. */
export interface ExportOptions {
  /** The built graph (dist/). */
  readonly distDir: string;
  /** The export folder: empty, absent, or holding an earlier export. */
  readonly outDir: string;
  /** The SPARQL endpoint the pages point to (the server's own elsewhere, or any store); absent or null: none, and the pages say so. */
  readonly sparqlEndpoint?: string | null;
  /** The representations documents are offered in; REPRESENTATIONS unless a test adds a format. */
  readonly representations?: RepresentationTable;
  /** Datasets per catalogue page, as the server's CATALOG_PAGE_SIZE. */
  readonly catalogPageSize?: number;
  /** Where nginx will find the export (an absolute path); outDir's absolute path by default. */
  readonly root?: string;
  /** The address the standalone nginx.conf listens on; 127.0.0.1:8080 by default. */
  readonly listen?: string;
  /**
   * Whether pages that take a citation's style and locale (an output's page, `?style=&locale=`)
   * are recorded in each (20 more variants of each such page in each language); true by default.
   * Without them, such a page is served in its default style whatever the query asks.
   */
  readonly pageCitations?: boolean;
  /**
   * The releases (src/history): with some, the export holds the history as the server serves it —
   * Memento links on every document, /releases, the TimeGates, TimeMaps and mementos, the change
   * stream and "what's new". Without (or with none), the site is exported without its history.
   */
  readonly history?: ReleaseHistory;
  /** Mementos per TimeMap page, members per change-stream page, releases per "what's new" page, as the server's settings. */
  readonly timemapPageSize?: number;
  readonly changesPageSize?: number;
  readonly whatsNewPageSize?: number;
}

/** What an export did. */
export interface ExportResult {
  readonly report: ExportFilesReport;
  /** Paths of the site with recorded answers. */
  readonly entries: number;
  /** Answers recorded from the app. */
  readonly responses: number;
  readonly baseUrl: string;
}

/** What is recorded of one path while the export runs. */
interface EntryState {
  o?: number;
  pg?: number;
  ls?: readonly string[];
  po?: string;
  f: Map<string, Map<string, RecordedResponse>>;
  firsts?: Record<string, string>;
  r?: (SiteOffer & { reason: string })[];
}

interface FamilyPlan {
  readonly name: string;
  readonly family: Omit<SiteFamily, 'templates' | 'forms'>;
  readonly routes: readonly SiteRoute[];
  readonly entries: readonly EntryPlan[];
  /** The template names this family's errors use, filled in as they are recorded. */
  readonly templates: Record<string, string>;
  /** The path its method error is asked on, when it has no entries. */
  readonly representative?: string;
  /** What its not-found error says in place of the path (a history page names the resource). */
  readonly notFound?: { readonly find: string; readonly value: string };
}

interface EntryPlan {
  /** The path below the base, without extension: `doc/person/x`, `catalog`, `` for the home page. */
  readonly stem: string;
  /** What it is negotiated among; absent for one fixed answer. */
  readonly offers?: readonly Representation[];
  /** What it could offer but does not, with the reason its errors give (REPRESENTATIONS.refusedBy). */
  readonly refusals?: readonly Refusal[];
  /** How many `?page=` pages it has (a TimeMap, "what's new"). */
  readonly pages?: number;
  /** The languages of its pages, when not the site's (a past release's). */
  readonly languages?: readonly string[];
  /** The parts of its strong ETags, from a variant's key (family.etag says how the module completes them). */
  readonly etag?: (key: string) => string[];
}

/** A request of the recording, and where its answer goes. */
interface Task {
  readonly entry: string;
  readonly form: string;
  readonly key: string;
  readonly request: RecordingRequest;
  readonly file: string;
  /** The options the request gave, as the URL of the variant carries them (`?style=apa&locale=en-US`), taken out of the recorded Location and Content-Location. */
  readonly given?: string;
  /** A strong ETag's parts and how the module completes them: checked against the app's, then kept instead of it. */
  readonly etag?: { readonly parts: string[]; readonly mode: 'url-format' | 'format' | 'plain' };
}

/**
 * Writes the whole readable site as files nginx (or a CDN, with the rules in
 * the README) serves with the Express server's negotiation: every answer is
 * recorded from the Express app itself, over loopback — each resource's 303s
 * and documents in every representation and language, the home page, the
 * catalogue pages in every form, VoID, the dumps, the sitemap, robots.txt, the
 * icon, the health document, the query page and its files, and the errors as
 * templates — then the table (site.json) that the njs module answers from,
 * and nginx's configuration. Deterministic, and incremental: see ExportFiles.
 */
export async function exportSite(options: ExportOptions): Promise<ExportResult> {
  const graph = await loadPublishedGraph(options.distDir);
  const baseUrl = graph.manifest.baseUrl;
  const site = new IriScheme(baseUrl, { sparqlEndpoint: options.sparqlEndpoint ?? null });
  const table = options.representations ?? REPRESENTATIONS;
  const errors: string[] = [];
  const history = options.history?.releases.length ? options.history : undefined;
  const pageSizes = { timemapPageSize: options.timemapPageSize, changesPageSize: options.changesPageSize, whatsNewPageSize: options.whatsNewPageSize };
  const app = createApp({ graph, baseUrl, site, representations: table, catalogPageSize: options.catalogPageSize, history, ...pageSizes, accessLog: () => {}, log: (line) => errors.push(line) });
  const files = await ExportFiles.open(options.outDir);
  const recorder = await AppRecorder.start(app);
  try {
    const recording = new SiteRecording(graph, site, table, recorder, files, options.pageCitations ?? true, history, pageSizes);
    const siteTable = await recording.record();
    if (errors.length > 0) throw new Error(`the app failed while the site was exported:\n${errors.join('\n')}`);
    const root = options.root ?? resolve(options.outDir);
    await files.put('nginx/site.json', serialiseSiteTable(siteTable));
    await files.put('nginx/oscg-site.js', await readFile(NJS_MODULE));
    for (const [path, text] of Object.entries(nginxConfigs(siteTable, { root, listen: options.listen ?? '127.0.0.1:8080' }))) await files.put(path, text);
    const report = await files.finish();
    return { report, entries: Object.keys(siteTable.entries).length, responses: recording.responses, baseUrl };
  } catch (error) {
    await files.abandon();
    throw error;
  } finally {
    await recorder.close();
  }
}

class SiteRecording {
  responses = 0;
  private readonly spelling = new HeaderSpelling();
  private readonly offerSets: SiteOffer[][] = [];
  private readonly options: Record<string, SiteOptions> = {};
  private readonly offerSetKeys = new Map<string, number>();
  private readonly types: string[] = [];
  private readonly entries = new Map<string, EntryState>();
  private readonly templates = new Map<string, ResponseTemplate>();
  private readonly basePath: string;
  private readonly languages: string[];
  private historyTable?: SiteHistory;

  constructor(
    private readonly graph: PublishedGraph,
    private readonly site: IriScheme,
    private readonly table: RepresentationTable,
    private readonly recorder: AppRecorder,
    private readonly files: ExportFiles,
    private readonly pageCitations: boolean,
    private readonly history?: ReleaseHistory,
    private readonly pageSizes: { timemapPageSize?: number; changesPageSize?: number; whatsNewPageSize?: number } = {},
  ) {
    this.basePath = site.basePath;
    this.languages = offeredLanguages(graph.store);
  }

  /** Records every answer and returns the table. */
  async record(): Promise<SiteTable> {
    const plans = await this.plan();
    const familiesSoFar: Record<string, SiteFamily> = {};
    const skeleton = this.skeleton(plans, familiesSoFar);
    // Every entry's variants, in a fixed order whatever order the answers arrive in.
    const tasks: Task[] = [];
    for (const plan of plans) {
      for (const entry of plan.entries) tasks.push(...(await this.tasksOf(plan, entry, skeleton)));
    }
    await this.run(tasks);
    for (const plan of plans) await this.recordTemplates(plan, skeleton);
    await this.recordGenericTemplates(skeleton);
    if (this.history) await this.recordHistoryTemplates(plans);
    const forms: Record<string, Record<string, HeaderPatch>> = {};
    const notModified: Record<string, HeaderPatch> = {};
    for (const plan of plans) {
      forms[plan.name] = await this.learnForms(plan, skeleton);
      notModified[plan.name] = await this.learnNotModified(plan);
    }
    const preflight = { plain: await this.recordPlain({ method: 'OPTIONS', target: this.basePath, headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' } }), reflecting: await this.recordPlain({ method: 'OPTIONS', target: this.basePath, headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': SENTINEL } }) };

    const all: RecordedResponse[] = [];
    for (const entry of this.entries.values()) for (const variants of entry.f.values()) all.push(...variants.values());
    for (const template of this.templates.values()) all.push(...Object.values(template.responses));
    const common = commonHeaders(all);
    const strip = (response: RecordedResponse): RecordedResponse => ({ ...response, headers: withoutCommon(response.headers, common) });
    const headerNames = new Set<string>();
    const entries: Record<string, SiteEntry> = {};
    for (const [stem, entry] of this.entries) {
      const f: Record<string, Record<string, RecordedResponse>> = {};
      for (const [form, variants] of entry.f) {
        f[form] = {};
        for (const [key, response] of variants) {
          const stripped = strip(response);
          if (stripped.file !== undefined) for (const name of Object.keys(stripped.headers)) if (name !== 'Content-Type') headerNames.add(name);
          f[form][key] = stripped;
        }
      }
      entries[stem] = { ...(entry.o === undefined ? {} : { o: entry.o }), ...(entry.po ? { po: entry.po } : {}), f, ...(entry.firsts ? { firsts: entry.firsts } : {}), ...(entry.r ? { r: entry.r } : {}), ...(entry.pg ? { pg: entry.pg } : {}), ...(entry.ls ? { ls: entry.ls } : {}) };
    }
    headerNames.add('Content-Encoding');
    const templates: Record<string, ResponseTemplate> = {};
    for (const [name, template] of this.templates) templates[name] = { ...template, responses: Object.fromEntries(Object.entries(template.responses).map(([key, response]) => [key, strip(response)])) };

    const families: Record<string, SiteFamily> = {};
    for (const plan of plans) families[plan.name] = { ...plan.family, templates: plan.templates, forms: forms[plan.name]!, notModified: notModified[plan.name]! };
    return {
      ...skeleton,
      common,
      preflight,
      types: this.types,
      headerNames: [...headerNames].sort(),
      families,
      entries,
      templates,
      ...(this.historyTable ? { history: this.historyTable } : {}),
    };
  }

  /** The parts of the table the njs module needs to decide a request's variant: enough to compute keys while recording. */
  private skeleton(plans: readonly FamilyPlan[], families: Record<string, SiteFamily>): SiteTable {
    return {
      base: this.site.base,
      basePath: this.basePath,
      languages: this.languages,
      uiLanguages: [...UI_LANGUAGES],
      fallbackLanguage: FALLBACK_LANGUAGE,
      languageParameter: LANGUAGE_PARAMETER,
      extensions: [...this.table.extensions()],
      problemTypes: PROBLEM_TYPES,
      offerSets: this.offerSets,
      options: this.options,
      common: {},
      preflight: {} as SiteTable['preflight'],
      encodings: { supported: ['br', 'gzip', 'deflate', 'identity'], preferred: ['br', 'gzip'], suffixes: Object.fromEntries(PRECOMPRESSED.map(({ coding, suffix }) => [coding, suffix])) },
      types: this.types,
      headerNames: [],
      internalPrefix: INTERNAL_PREFIX,
      routes: plans.flatMap((plan) => plan.routes),
      families,
      entries: {},
      templates: {},
    };
  }

  /** The families of routes, in the order the Express app tries them, with their paths and offers. */
  private async plan(): Promise<FamilyPlan[]> {
    const { site, graph } = this;
    const store = graph.store;
    const relative = (url: string) => site.path(url).slice(1);
    const resources: { iri: string; document: string }[] = [];
    for (const subject of store.getSubjects(null, null, null)) {
      if (subject.termType !== 'NamedNode') continue;
      const document = site.documentOf(subject.value);
      if (document) resources.push({ iri: subject.value, document });
    }
    resources.sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
    const offering = (iri: string) => ({ iri, types: store.getObjects(iri, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', null).map((type) => type.value), store, iris: site });
    const offersOf = (iri: string) => this.table.offeredBy(offering(iri));
    const refusalsOf = (iri: string) => this.table.refusedBy(offering(iri));
    const ontology = site.ontology.slice(0, -1);
    const sparqlOffers: Representation[] = [
      ...(site.sparqlEndpoint === undefined ? [] : RDF_FORMATS.map((format) => ({ key: format.name, mediaType: format.mediaType, contentType: `${format.mediaType}; charset=utf-8`, extension: format.extension, label: format.label, format, produce: async () => '' }))),
      { ...HTML_REPRESENTATION, key: 'html' },
    ];
    const assets = await this.assetPaths();
    // Pointed at the site's own `{base}sparql`, the export leaves /sparql and its files to the server, which answers there (nginx proxies them).
    const ownEndpoint = site.hasOwnSparqlEndpoint;
    const fixed = (name: string, path: string): FamilyPlan => ({ name, family: { kind: 'static' }, routes: [{ match: 'exact', path, family: name }], entries: [{ stem: path }], templates: {} });
    // The resource routes' paths (resource-routes.ts): `/id/*path`, `/vocab/ontology`, `/doc/*path`.
    return [
      { name: 'home', family: { kind: 'exact', languages: 'site', names: 'representation' }, routes: [{ match: 'exact', path: relative(site.base), family: 'home' }], entries: [{ stem: relative(site.base), offers: DOCUMENT_REPRESENTATIONS }], templates: {} },
      fixed('health', relative(site.health)),
      {
        name: 'resource',
        family: { kind: 'redirect', languages: 'site', names: 'representation' },
        routes: [{ match: 'prefix', path: 'id/', family: 'resource' }, { match: 'exact', path: relative(ontology), family: 'resource' }],
        entries: resources.map((resource) => ({ stem: relative(resource.iri), offers: offersOf(resource.iri), refusals: refusalsOf(resource.iri) })),
        templates: {},
      },
      {
        name: 'document',
        family: { kind: 'document', languages: 'site', names: 'representation' },
        routes: [{ match: 'prefix', path: 'doc/', family: 'document' }],
        entries: resources.map((resource) => ({ stem: relative(resource.document), offers: offersOf(resource.iri), refusals: refusalsOf(resource.iri) })),
        templates: {},
      },
      {
        name: 'linkset',
        family: { kind: 'redirect', languages: 'site', names: 'representation' },
        routes: [{ match: 'prefix', path: 'linkset/', family: 'linkset' }],
        entries: resources.map((resource) => ({ stem: relative(site.linksetOf(resource.iri)!), offers: LINKSET_REPRESENTATIONS })),
        templates: {},
      },
      this.dotted('dump', relative(site.dump()), dumpRepresentations(graph)),
      ...(ownEndpoint
        ? []
        : [
            { name: 'assets', family: { kind: 'static' }, routes: [{ match: 'prefix', path: `${relative(site.sparqlAssets)}/`, family: 'assets' }], entries: assets.map((path) => ({ stem: path })), templates: {} } as FamilyPlan,
            {
              name: 'sparql',
              family: { kind: 'exact', languages: 'ui', names: 'sparql', post: true, queries: true },
              routes: [{ match: 'exact', path: relative(site.sparql), family: 'sparql' }],
              entries: [{ stem: relative(site.sparql), offers: sparqlOffers }],
              templates: {},
            } as FamilyPlan,
          ]),
      { ...this.dotted('catalog', relative(site.catalogPages()), CATALOG_REPRESENTATIONS), family: { kind: 'dotted', languages: 'site', names: 'representation', paged: true } },
      (() => {
        const plan = this.dotted('void', relative(site.void()), VOID_REPRESENTATIONS);
        return { ...plan, routes: [...plan.routes, { match: 'exact', path: relative(site.wellKnownVoid), family: 'void' }], entries: [...plan.entries, { stem: relative(site.wellKnownVoid), offers: VOID_REPRESENTATIONS }] } as FamilyPlan;
      })(),
      fixed('sitemap', relative(site.sitemap)),
      fixed('robots', relative(site.robots)),
      fixed('favicon', relative(site.favicon)),
      ...(this.history ? await this.historyPlans(this.history, fixed) : []),
    ];
  }

  /**
   * The families of the history (history-routes.ts, stream-routes.ts, whats-new-routes.ts):
   * /releases; the TimeGates, answered by the njs module from the table of releases; every
   * TimeMap page of every original; every memento, as the current documents are recorded (the
   * resource IRI's 303s, the document in every representation and language, the dump); the change
   * stream's root and closed pages; "what's new" and each record's history page.
   */
  private async historyPlans(history: ReleaseHistory, fixed: (name: string, path: string) => FamilyPlan): Promise<FamilyPlan[]> {
    const { site } = this;
    const relative = (url: string) => site.path(url).slice(1);
    const releases = history.releases;
    const resources = history.documented.filter((iri) => site.documentOf(iri) !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const originals: Record<string, number[]> = {};
    for (const iri of resources) originals[relative(iri)] = releases.map((release) => releases.indexOf(history.versionAt(iri, release)!));
    originals.dump = releases.map((_, index) => index);
    this.historyTable = { releases: releases.map((release) => ({ id: release.id, t: release.datetime.getTime(), d: httpDate(release.datetime) })), originals, dumpExtensions: DUMP_MEMENTO_REPRESENTATIONS.map((offer) => offer.extension!) };

    // Every original's TimeMaps: a resource IRI, its document, the document with any extension (the server gives them all), the dump in each of its forms.
    const extensions = [...this.table.extensions()].sort();
    const rests: { rest: string; versions: number }[] = [];
    for (const iri of resources) {
      const versions = history.versionsOf(iri).length;
      const document = relative(site.documentOf(iri)!);
      for (const rest of [relative(iri), document, ...extensions.map((extension) => `${document}.${extension}`)]) rests.push({ rest, versions });
    }
    for (const rest of ['dump', ...DUMP_MEMENTO_REPRESENTATIONS.map((offer) => `dump.${offer.extension}`)]) rests.push({ rest, versions: releases.length });
    const timemapPageSize = this.pageSizes.timemapPageSize ?? DEFAULT_TIMEMAP_PAGE_SIZE;
    const timemaps: EntryPlan[] = rests.flatMap(({ rest, versions }) => (['link', 'json'] as const).map((format) => ({ stem: `timemap/${format}/${rest}`, pages: Math.ceil(versions / timemapPageSize) })));

    // The mementos: each release's version of each resource, offered as that release's graph offers it.
    const documents: EntryPlan[] = [];
    const iris: EntryPlan[] = [];
    const dumps: EntryPlan[] = [];
    for (const release of releases) {
      const { store } = await history.graph(release);
      const languages = offeredLanguages(store);
      const ownLanguages = languages.join() === this.languages.join() ? undefined : languages;
      for (const iri of resources) {
        if (history.versionAt(iri, release) !== release) continue;
        const offers = this.table.offeredBy({ iri, types: store.getObjects(iri, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', null).map((type) => type.value), store, iris: site });
        const prefix = `memento/${release.id}/`;
        documents.push({ stem: `${prefix}${relative(site.documentOf(iri)!)}`, offers, languages: ownLanguages, etag: (key) => [release.canonicalHash, mementoVariant(key, offers)] });
        iris.push({ stem: `${prefix}${relative(iri)}`, offers, languages: ownLanguages });
      }
      dumps.push({ stem: `memento/${release.id}/dump`, offers: DUMP_MEMENTO_REPRESENTATIONS, etag: (key) => [release.canonicalHash, 'dump', key] });
    }

    // The change stream's closed pages, found as a client finds them: from the root, page before page.
    const closedPages: string[] = [];
    const pageOf = (url: string) => (url.startsWith(`${site.changes()}/`) ? url.slice(site.changes().length + 1) : undefined);
    let next: string | undefined = site.changes();
    while (next !== undefined) {
      const response = await this.recorder.record({ method: 'GET', target: site.path(next), headers: { Accept: 'application/n-quads' } });
      if (response.status !== 200) throw new Error(`${next} answers ${response.status}, not 200`);
      const nodes = new Parser({ format: 'application/n-quads' }).parse(response.body.toString('utf8')).filter((quad) => quad.predicate.value === 'https://w3id.org/tree#node').map((quad) => quad.object.value);
      next = nodes.map(pageOf).find((id): id is string => id !== undefined && !closedPages.includes(id));
      if (next !== undefined) {
        closedPages.push(next);
        next = site.changes(next);
      }
    }

    // A record's history page exists when the record was in some release with a change of its own.
    const historyPages: EntryPlan[] = [];
    for (const iri of resources) {
      const page = site.historyOf(iri);
      if (!page) continue;
      const response = await this.recorder.record({ method: 'GET', target: site.path(page), headers: { Accept: 'text/html' } });
      if (response.status === 200) historyPages.push({ stem: relative(page), offers: [HTML_REPRESENTATION] });
    }

    const firstDocument = relative(site.documentOf(resources[0]!)!);
    const family = { languages: 'site', names: 'representation' } as const;
    return [
      fixed('releases', relative(site.releases)),
      { name: 'timegate', family: { kind: 'timegate' }, routes: [{ match: 'prefix', path: 'timegate/', family: 'timegate' }], entries: [], templates: {}, representative: `timegate/${firstDocument}` },
      { name: 'timemap', family: { kind: 'timemap', pages: true }, routes: [{ match: 'prefix', path: 'timemap/', family: 'timemap' }], entries: timemaps, templates: {} },
      { name: 'memento', family: { kind: 'memento' }, routes: [{ match: 'prefix', path: 'memento/', family: 'memento' }], entries: [], templates: {}, representative: `memento/${releases[0]!.id}/${firstDocument}` },
      { name: 'memento-resource', family: { kind: 'redirect', ...family }, routes: [], entries: iris, templates: {} },
      { name: 'memento-document', family: { kind: 'document', ...family, etag: 'url-format' }, routes: [], entries: documents, templates: {} },
      { name: 'memento-dump', family: { kind: 'dotted', ...family, etag: 'plain' }, routes: [], entries: dumps, templates: {} },
      { name: 'changes', family: { kind: 'exact', ...family }, routes: [{ match: 'exact', path: relative(site.changes()), family: 'changes' }], entries: [{ stem: relative(site.changes()), offers: STREAM_REPRESENTATIONS }], templates: {} },
      {
        name: 'changes-page',
        family: { kind: 'exact', ...family, etag: 'format' },
        routes: [{ match: 'prefix', path: `${relative(site.changes())}/`, family: 'changes-page' }],
        entries: closedPages.map((id) => ({ stem: relative(site.changes(id)), offers: STREAM_REPRESENTATIONS, etag: (key: string) => [id, key] })),
        templates: {},
        representative: relative(site.changes('x')),
        notFound: { find: SENTINEL, value: 'tail' },
      },
      {
        name: 'whats-new',
        family: { kind: 'exact', ...family, pages: true },
        routes: [{ match: 'exact', path: relative(site.whatsNew), family: 'whats-new' }],
        entries: [{ stem: relative(site.whatsNew), offers: [HTML_REPRESENTATION], pages: Math.max(1, Math.ceil(releases.length / (this.pageSizes.whatsNewPageSize ?? DEFAULT_WHATS_NEW_PAGE_SIZE))) }],
        templates: {},
      },
      { name: 'history', family: { kind: 'exact', ...family, resourceTail: true }, routes: [{ match: 'prefix', path: 'history/', family: 'history' }], entries: historyPages, templates: {}, notFound: { find: `id/${SENTINEL}`, value: 'resource' } },
    ];
  }

  private dotted(name: string, path: string, offers: readonly Representation[]): FamilyPlan {
    return { name, family: { kind: 'dotted', languages: 'site', names: 'representation' }, routes: [{ match: 'exact', path, family: name }, { match: 'dotted', path, family: name }], entries: [{ stem: path, offers }], templates: {} };
  }

  /** The query page's files as the app serves them: its start script, and every file of YASGUI's build folder. */
  private async assetPaths(): Promise<string[]> {
    const prefix = this.site.path(this.site.sparqlAssets).slice(1);
    const build = dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui/build/yasgui.min.js'));
    const found: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.isDirectory()) await walk(join(dir, entry.name));
        else found.push(`${prefix}/${relative(build, join(dir, entry.name)).split('\\').join('/')}`);
      }
    };
    await walk(build);
    return [`${prefix}/start.js`, ...found.filter((path) => path !== `${prefix}/start.js`)];
  }

  private offerSet(offers: readonly Representation[]): number {
    for (const offer of offers) if (offer.options && !this.options[offer.key]) this.options[offer.key] = siteOptions(offer);
    const siteOffers = offers.map(siteOffer);
    const key = JSON.stringify(siteOffers);
    let index = this.offerSetKeys.get(key);
    if (index === undefined) {
      index = this.offerSets.length;
      this.offerSets.push(siteOffers);
      this.offerSetKeys.set(key, index);
    }
    return index;
  }

  /** Every query a page taking `optionsKey`'s options may be asked with: each option given or not, in each of its values. */
  private pageOptionQueries(optionsKey: string): string[] {
    const options = this.options[optionsKey]!;
    let queries: string[][] = [[]];
    for (const name of options.names) {
      const values = [...new Set(Object.values(options.spellings[name]!))];
      queries = queries.flatMap((query) => [query, ...values.map((value) => [...query, `${name}=${encodeURIComponent(value)}`])]);
    }
    return queries.map((query) => query.join('&'));
  }

  /** The language variants of a page: every order a reader may rank the languages in (each list holding the fallback), and each `?lang=` choice. */
  private languageVariants(available: readonly string[]): { headers: Record<string, string>; query?: string }[] {
    const lists: string[][] = [];
    const extend = (list: string[]) => {
      if (list.includes(FALLBACK_LANGUAGE)) lists.push(list);
      if (lists.length > MAX_LANGUAGE_VARIANTS) throw new Error(`pages are offered in ${available.length} languages (${available.join(', ')}): the export would record more than ${MAX_LANGUAGE_VARIANTS} language variants of every page.`);
      for (const language of available) if (!list.includes(language)) extend([...list, language]);
    };
    extend([]);
    return [
      ...lists.map((list) => ({
        headers: { 'Accept-Language': [...list.map((language, index) => `${language};q=${(1 - index / 1000).toFixed(3)}`), ...available.filter((language) => !list.includes(language)).map((language) => `${language};q=0`)].join(', ') },
      })),
      ...UI_LANGUAGES.map((language) => ({ headers: {}, query: `${LANGUAGE_PARAMETER}=${language}` })),
    ];
  }

  /** The requests that record an entry: one per variant the njs module can pick, each asked with headers that pick it. */
  private async tasksOf(plan: FamilyPlan, entry: EntryPlan, skeleton: SiteTable): Promise<Task[]> {
    const state = { f: new Map<string, Map<string, RecordedResponse>>() } as EntryState;
    this.entries.set(entry.stem, state);
    if (entry.refusals && entry.refusals.length > 0) state.r = entry.refusals.map((refusal) => ({ ...siteOffer(refusal.representation), reason: refusal.reason }));
    if (entry.pages !== undefined && entry.pages > 1) state.pg = entry.pages;
    if (entry.languages) state.ls = entry.languages;
    const pages = Array.from({ length: entry.pages ?? 1 }, (_, index) => index + 1);
    // A page after the first is the form `page=N` (TimeMaps, "what's new"); `?page=1` is the first.
    const pageForm = (page: number) => (page === 1 ? '' : `page=${page}`);
    if (!entry.offers) return pages.map((page) => ({ entry: entry.stem, form: pageForm(page), key: '', request: { method: 'GET', target: `${this.basePath}${entry.stem}${page === 1 ? '' : `?page=${page}`}` }, file: page === 1 ? entry.stem : `${entry.stem}~page-${page}` }));
    state.o = this.offerSet(entry.offers);
    const offers = this.offerSets[state.o]!;
    if (plan.family.kind === 'document' && this.pageCitations) state.po = await this.pageOptionsOf(entry, offers);
    if (!plan.family.paged) return pages.flatMap((page) => this.variantTasks(plan, entry.stem, pageForm(page), entry.stem, undefined, page === 1 ? {} : { page: String(page) }, offers, skeleton, state.po, entry));
    // A paged entry: every extension, and every `?format=` name on the URL without one, on every
    // page; each page's links keep them. (Both at once is answered as the `?format=` alone.)
    state.firsts = {};
    const tasks: Task[] = [];
    const last = await this.lastPage(entry.stem);
    for (const extension of [undefined, ...new Set(offers.map((offer) => offer.x))]) {
      for (const format of extension === undefined ? [undefined, ...formatNames(offers)] : [undefined]) {
        const prefix = `${extension === undefined ? '' : `ext=${extension}&`}${format === undefined ? '' : `format=${format}&`}`;
        for (let page = 1; page <= last; page += 1) {
          const query: Record<string, string> = { ...(format === undefined ? {} : { format }), page: String(page) };
          tasks.push(...this.variantTasks(plan, entry.stem, `${prefix}page=${page}`, extension === undefined ? entry.stem : `${entry.stem}.${extension}`, extension, query, offers, skeleton));
        }
      }
    }
    return tasks;
  }

  /**
   * Whether the entry's page takes the options of one of its representations itself (an output's
   * page formats its reference in the `?style=` asked for): learned from the app, by asking the page
   * with a value other than the default and comparing the ETags.
   */
  private async pageOptionsOf(entry: EntryPlan, offers: readonly SiteOffer[]): Promise<string | undefined> {
    const page = offers.find((offer) => offer.r);
    const withOptions = offers.find((offer) => offer.o);
    if (!page || !withOptions) return undefined;
    const options = this.options[withOptions.k]!;
    const name = options.names[0]!;
    const other = [...new Set(Object.values(options.spellings[name]!))].find((value) => value !== options.defaults[name]);
    if (other === undefined) return undefined;
    const target = `${this.basePath}${entry.stem}.${page.x}`;
    const [plain, asked] = await Promise.all([this.recorder.record({ method: 'GET', target }), this.recorder.record({ method: 'GET', target: `${target}?${name}=${encodeURIComponent(other)}` })]);
    const etag = (response: AppResponse) => response.headers.find(([header]) => header.toLowerCase() === 'etag')?.[1];
    return plain.status === 200 && asked.status === 200 && etag(plain) !== etag(asked) ? withOptions.k : undefined;
  }

  /** How many pages a paged entry has: its first page's `last` link says. */
  private async lastPage(stem: string): Promise<number> {
    const response = await this.recorder.record({ method: 'GET', target: `${this.basePath}${stem}`, headers: { Accept: 'text/turtle' } });
    const link = response.headers.find(([name]) => name.toLowerCase() === 'link')?.[1];
    const last = link ? LinkHeader.parse(link).rel('last')[0]?.uri : undefined;
    const page = last ? Number(new URL(last).searchParams.get('page')) : NaN;
    if (!Number.isInteger(page) || page < 1) throw new Error(`${stem} has no last page in its Link header`);
    return page;
  }

  private variantTasks(plan: FamilyPlan, stem: string, form: string, path: string, extension: string | undefined, query: Record<string, string>, offers: readonly SiteOffer[], skeleton: SiteTable, pageOptions?: string, entry?: EntryPlan): Task[] {
    const tasks: Task[] = [];
    const seen = new Set<string>();
    const available = entry?.languages ?? (plan.family.languages === 'ui' ? skeleton.uiLanguages : skeleton.languages);
    const plain = [{ headers: {} as Record<string, string>, query: undefined as string | undefined }];
    for (const offer of offers) {
      // A page for readers in each of their languages; a representation with options (a citation) in each combination of values.
      const variants = offer.r
        ? pageOptions
          ? this.pageOptionQueries(pageOptions).flatMap((options) => this.languageVariants(available).map((variant) => ({ headers: variant.headers, query: [options, variant.query].filter(Boolean).join('&') || undefined })))
          : this.languageVariants(available)
        : offer.o
          ? optionCombinations(this.options[offer.k]!).map((values) => ({ headers: {} as Record<string, string>, query: offer.o!.map((name, index) => `${name}=${encodeURIComponent(values[index]!)}`).join('&') }))
          : plain;
      for (const variant of variants) {
        const search = [...Object.entries(query).map(([name, value]) => `${name}=${encodeURIComponent(value)}`), ...(variant.query ? [variant.query] : [])].join('&');
        const request: RecordingRequest = { method: 'GET', target: `${this.basePath}${path}${search ? `?${search}` : ''}`, headers: { Accept: offer.m, ...variant.headers } };
        const read = readRequest(rawRequest(request));
        const choice = chooseRepresentation(read, extension, offers, plan.family.names);
        if (choice.error !== undefined) continue;
        const options = choice.offer.o ? optionsOf(skeleton, read, choice.offer, choice.acceptOptions ?? {}) : undefined;
        if (options?.error !== undefined) throw new Error(`the njs module refuses the options of ${request.target}`);
        let key = choice.offer.k + (choice.offer.r ? `|${readerKey(skeleton, read, available)}` : '') + (options ? `|${options.values.join('.')}` : '');
        if (choice.offer.r && pageOptions) {
          const page = pageOptionsKey(skeleton, read, pageOptions);
          if (page.error !== undefined) throw new Error(`the njs module refuses the page options of ${request.target}`);
          key += `|${page.key}`;
        }
        if (seen.has(key)) continue;
        seen.add(key);
        const given = options && options.given.length > 0 ? `?${options.given.join('&')}` : undefined;
        const etag = entry?.etag && plan.family.etag ? { parts: entry.etag(key), mode: plan.family.etag } : undefined;
        tasks.push({ entry: stem, form, key, request, file: fileName(stem, form, choice.offer, offers, key, skeleton, available), given, ...(etag ? { etag } : {}) });
      }
    }
    return tasks;
  }

  /** Records the tasks, CONCURRENCY at a time, and files each answer under its entry in task order. */
  private async run(tasks: readonly Task[]): Promise<void> {
    const results: { recorded: RecordedResponse; type?: string }[] = new Array(tasks.length);
    let next = 0;
    const worker = async () => {
      while (next < tasks.length) {
        const index = next;
        next += 1;
        const task = tasks[index]!;
        results[index] = await this.store(task.request, task.file, task.given, task.etag);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    tasks.forEach((task, index) => {
      const entry = this.entries.get(task.entry)!;
      let variants = entry.f.get(task.form);
      if (!variants) entry.f.set(task.form, (variants = new Map()));
      // Content types are numbered in task order, whatever order the answers came in.
      const { recorded, type } = results[index]!;
      if (type !== undefined && !this.types.includes(type)) this.types.push(type);
      variants.set(task.key, type === undefined ? recorded : { ...recorded, type: this.types.indexOf(type) });
      if (entry.firsts && task.form.endsWith('page=1')) {
        const link = recorded.headers.Link;
        const first = link ? LinkHeader.parse(link).rel('first')[0]?.uri : undefined;
        if (first) entry.firsts[task.form.slice(0, -'page=1'.length)] = first;
      }
    });
  }

  /** Asks the app and keeps its answer: a 200's body as a file (with compressed copies when the server would compress it), anything else in the table. */
  private async store(request: RecordingRequest, file: string, given?: string, etag?: Task['etag']): Promise<{ recorded: RecordedResponse; type?: string }> {
    const response = await this.recorder.record(request);
    this.responses += 1;
    const headers = recordedHeaders(response, this.spelling);
    // A strong ETag hashes what the request sent (`?format=`, Accept-Encoding): the module makes it from these parts, so they must give the app's.
    const strong = etag && response.status === 200 ? etag.parts : undefined;
    if (strong) {
      const url = new URL(request.target, this.site.base);
      const original = `${this.site.base}${url.pathname.slice(this.basePath.length).replace(/^memento\/[^/]+\//, '')}`;
      const expected = recordedStrongEtag(strong, etag!.mode, original, url.searchParams.get('format') ?? undefined);
      if (headers.ETag !== expected) throw new Error(`${request.target} answers ETag: ${headers.ETag}, not ${expected} that the export would make from ${JSON.stringify(strong)}`);
      delete headers.ETag;
    }
    // The URL of a variant with options carries the ones given; the njs module puts back those of each request.
    let body = response.body;
    if (given !== undefined) {
      for (const name of ['Location', 'Content-Location']) {
        if (headers[name] === undefined) continue;
        if (!headers[name]!.endsWith(given)) throw new Error(`${request.target} answers ${name}: ${headers[name]}, which does not end with the options it gave (${given})`);
        const url = headers[name]!.slice(0, -given.length);
        if (response.status !== 200) body = Buffer.from(body.toString('utf8').split(headers[name]!).join(url), 'utf8');
        headers[name] = url;
      }
    }
    if (response.status !== 200) return { recorded: { status: response.status, headers, body: body.toString('utf8') } };
    // What the server compresses (compression's filter said so with Vary: Accept-Encoding), from the same threshold.
    const compressible = (headers.Vary ?? '').split(', ').includes('Accept-Encoding') && response.body.length >= 1024 && !/no-transform/i.test(headers['Cache-Control'] ?? '');
    const codings = await this.files.put(`files/${file}`, response.body, compressible);
    return { recorded: { status: 200, headers, file, ...(codings.length > 0 ? { codings } : {}), ...(strong ? { e: strong } : {}) }, type: headers['Content-Type'] ?? 'application/octet-stream' };
  }

  private async recordPlain(request: RecordingRequest): Promise<RecordedResponse> {
    const response = await this.recorder.record(request);
    return { status: response.status, headers: recordedHeaders(response, this.spelling), body: response.body.toString('utf8') };
  }

  /**
   * Records an error as a template: asked once per problem type and interface
   * language with a sentinel in place of the request's value, which the njs
   * module puts back. `find` is what the sentinel made of the value in the
   * answer, and `value` the name of the request's value that replaces it.
   */
  private async recordTemplate(
    name: string,
    probe: { method: string; path: string; query?: string; accept?: string; headers?: Record<string, string>; acceptFor?: (problemType: string) => string; readers?: boolean },
    subs: (accept: string) => { find: string; value: string }[],
    expectedStatus: number,
  ): Promise<string> {
    if (this.templates.has(name)) return name;
    const responses: Record<string, RecordedResponse> = {};
    let templateSubs: { find: string; value: string }[] = [];
    const accept = probe.acceptFor ?? ((type: string) => (probe.accept ? (type === 'application/problem+json' ? probe.accept : `${probe.accept}, ${type}`) : type));
    const variants: { key: string; accept: string; headers?: Record<string, string>; lang?: string }[] = [
      { key: 'application/problem+json', accept: accept('application/problem+json') },
      { key: 'application/json', accept: accept('application/json') },
      ...UI_LANGUAGES.flatMap((language) => [
        { key: `text/html|${language}`, accept: accept('text/html'), headers: { 'Accept-Language': language } },
        { key: `text/html|${language}!`, accept: accept('text/html'), lang: language },
      ]),
    ];
    for (const variant of variants) {
      const search = [probe.query, variant.lang ? `${LANGUAGE_PARAMETER}=${variant.lang}` : undefined].filter(Boolean).join('&');
      const target = `${probe.path}${search ? `?${search}` : ''}`;
      const request: RecordingRequest = { method: probe.method, target, headers: { ...probe.headers, ...variant.headers, Accept: variant.accept } };
      if (problemKey(SKELETON_LANGUAGES, readRequest(rawRequest(request))) !== variant.key) throw new Error(`the njs module reads the error probe ${target} (Accept: ${variant.accept}) as another variant than ${variant.key}`);
      const response = await this.recorder.record(request);
      // An Accept that asks for HTML gets no error where HTML is on offer: that variant can never be needed.
      if (response.status !== expectedStatus) {
        if (variant.key === 'application/problem+json') throw new Error(`${probe.method} ${target} answers ${response.status}, not ${expectedStatus}`);
        continue;
      }
      const recorded = { status: response.status, headers: recordedHeaders(response, this.spelling), body: response.body.toString('utf8') };
      const variantSubs = subs(variant.accept);
      if (variant.key === 'application/problem+json') templateSubs = variantSubs;
      if (variant.key.startsWith('text/html')) {
        responses[variant.key] = { ...recorded, body: this.htmlTemplate(recorded.body, target, variantSubs) };
        continue;
      }
      // A problem document's detail says what this probe sent; written with the template's finds, so one list of them serves every type.
      const problem = JSON.parse(recorded.body) as { detail: string };
      variantSubs.forEach((sub, index) => {
        if (!problem.detail.includes(sub.find)) throw new Error(`the error of ${target} does not say ${sub.find}: ${problem.detail}`);
        problem.detail = problem.detail.split(sub.find).join(templateSubs[index]!.find);
      });
      responses[variant.key] = { ...recorded, body: JSON.stringify(problem) };
    }
    this.templates.set(name, { kind: 'problem', subs: templateSubs, responses, ...(probe.readers ? { readers: true } : {}) });
    return name;
  }

  /** An HTML error page made a template: the language links and the request's values replaced by markers. */
  private htmlTemplate(body: string, target: string, subs: readonly { find: string; value: string }[]): string {
    let text = body;
    const page = new URL(target, this.site.base);
    page.searchParams.delete(LANGUAGE_PARAMETER);
    const pageUrl = page.href.startsWith(this.site.base) ? page.href : this.site.base;
    for (const language of UI_LANGUAGES) text = text.split(escapeHtml(withLanguage(pageUrl, language))).join(`\u001epage-url:${language}\u001f`);
    for (const sub of subs) text = text.split(escapeHtml(sub.find)).join(`\u001e${sub.value}\u001f`);
    for (const leftover of [SENTINEL, 'PROPPATCH', '999999999']) if (text.includes(leftover)) throw new Error(`the error page of ${target} says ${leftover} where the export cannot put the request's value`);
    return text;
  }

  private async recordTemplates(plan: FamilyPlan, skeleton: SiteTable): Promise<void> {
    const base = this.basePath;
    const first = plan.entries[0];
    const representative = plan.representative ?? first?.stem ?? plan.routes[0]!.path;
    const { kind } = plan.family;
    const sentinelIn = (accept: string) => [{ find: accept, value: 'accept' }];
    if (kind === 'static') {
      plan.templates.notFound = 'not-found';
      plan.templates.method = plan.name === 'assets' ? 'not-found' : await this.recordTemplate(`method:${plan.name}`, { method: 'PROPPATCH', path: `${base}${representative}` }, () => [{ find: 'PROPPATCH', value: 'method' }], 405);
      return;
    }
    plan.templates.method = await this.recordTemplate(`method:${plan.name}`, { method: 'PROPPATCH', path: `${base}${representative}` }, () => [{ find: 'PROPPATCH', value: 'method' }], 405);
    // The TimeGates', TimeMaps' and mementos' other errors are the history's (recordHistoryTemplates).
    if (kind === 'timegate' || kind === 'memento') return;
    const prefixRoute = plan.routes.find((route) => route.match === 'prefix');
    if (prefixRoute) {
      const probe = `${prefixRoute.path}${SENTINEL}`;
      const sub = plan.notFound ?? { find: probe, value: 'path' };
      plan.templates.notFound = await this.recordTemplate(`not-found:${plan.name}`, { method: 'GET', path: `${base}${probe}` }, () => [sub], 404);
      plan.templates.extension = plan.templates.notFound;
    }
    const dottedRoute = plan.routes.find((route) => route.match === 'dotted');
    if (dottedRoute) plan.templates.extension = await this.recordTemplate(`extension:${plan.name}`, { method: 'GET', path: `${base}${dottedRoute.path}.${SENTINEL}` }, () => [{ find: SENTINEL, value: 'extension' }], 404);
    for (const entry of plan.entries.filter((candidate, index, all) => candidate.offers && all.findIndex((other) => other.offers && this.offerSet(other.offers) === this.offerSet(candidate.offers!)) === index)) {
      const o = this.offerSet(entry.offers!);
      const path = `${base}${entry.stem}`;
      plan.templates.accept = 'accept';
      await this.recordTemplate(`accept:${o}`, { method: 'GET', path, accept: `x-oscg/${SENTINEL}` }, sentinelIn, 406);
      if (plan.family.names === 'sparql') {
        plan.templates['sparql-format'] = 'sparql-format';
        await this.recordTemplate(`sparql-format:${o}`, { method: 'GET', path, query: `format=${SENTINEL}` }, () => [{ find: SENTINEL, value: 'accept' }], 406);
      } else {
        plan.templates.format = 'format';
        await this.recordTemplate(`format:${o}`, { method: 'GET', path, query: `format=${SENTINEL}` }, () => [{ find: SENTINEL, value: 'accept' }], 400);
      }
    }
    // The same errors on a page that takes those options (an output's page): raised once the page was chosen.
    for (const entry of plan.entries) {
      const po = this.entries.get(entry.stem)?.po;
      if (!po || this.templates.has(`page-option:${po}:${this.options[po]!.names[0]}`)) continue;
      const path = `${base}${entry.stem}`;
      const acceptFor = (type: string) => (type === 'text/html' ? 'text/html' : `text/html;q=0.5, ${type}`);
      for (const name of this.options[po]!.names) {
        await this.recordTemplate(`page-option:${po}:${name}`, { method: 'GET', path, query: `${name}=${SENTINEL}`, acceptFor, readers: true }, () => [{ find: SENTINEL, value: 'asked' }], 400);
        await this.recordTemplate(`page-option-once:${po}:${name}`, { method: 'GET', path, query: `${name}=a&${name}=b`, acceptFor, readers: true }, () => [], 400);
      }
    }
    for (const entry of plan.entries) {
      for (const representation of entry.offers ?? []) {
        if (!representation.options || this.templates.has(`option:${representation.key}:${representation.options.names[0]}`)) continue;
        const path = `${base}${entry.stem}`;
        for (const name of representation.options.names) {
          await this.recordTemplate(`option:${representation.key}:${name}`, { method: 'GET', path, query: `${name}=${SENTINEL}`, accept: representation.mediaType }, () => [{ find: SENTINEL, value: 'asked' }], 400);
          await this.recordTemplate(`option-once:${representation.key}:${name}`, { method: 'GET', path, query: `${name}=a&${name}=b`, accept: representation.mediaType }, () => [], 400);
        }
      }
    }
    // A representation refused with a reason (DataCite without a DOI): its errors, recorded on the first entry that refuses it.
    for (const entry of plan.entries) {
      if (!entry.offers || !entry.refusals) continue;
      const o = this.offerSet(entry.offers);
      const path = `${base}${entry.stem}`;
      for (const refusal of entry.refusals) {
        const { key, mediaType, extension } = refusal.representation;
        const reason = { find: refusal.reason, value: 'reason' };
        const acceptProbe = `x-oscg/${SENTINEL}, ${mediaType}`;
        await this.recordTemplate(`refused-accept:${o}:${key}`, { method: 'GET', path, accept: acceptProbe }, (accept) => [{ find: accept, value: 'accept' }, reason], 406);
        await this.recordTemplate(`refused-format:${o}:${key}`, { method: 'GET', path, query: `format=${key}` }, () => [{ find: `?format=${key}`, value: 'asked' }, reason], 406);
        if (plan.family.kind === 'document') {
          const probe = `${entry.stem}.${extension}`;
          await this.recordTemplate(`refused-extension:${key}`, { method: 'GET', path: `${base}${probe}` }, () => [{ find: probe, value: 'path' }, reason], 404);
        }
      }
    }
    if (plan.family.paged && first) {
      plan.templates.page = await this.recordTemplate(`page:${plan.name}`, { method: 'GET', path: `${base}${first.stem}`, query: `page=${SENTINEL}` }, () => [{ find: `"${SENTINEL}"`, value: 'page' }], 400);
      const firstUrl = this.entries.get(first.stem)!.firsts?.[''];
      if (!firstUrl) throw new Error(`${first.stem} has no first page`);
      plan.templates.pageRange = await this.recordTemplate(`page-range:${plan.name}`, { method: 'GET', path: `${base}${first.stem}`, query: 'page=999999999', accept: 'text/turtle' }, () => [{ find: '999999999', value: 'page' }, { find: firstUrl, value: 'first' }], 404);
    }
    if (plan.family.queries) {
      if (this.site.sparqlEndpoint === undefined) {
        plan.templates.query = await this.recordTemplate(`query:${plan.name}`, { method: 'POST', path: `${base}${representative}`, query: SENTINEL }, () => [], 404);
      } else {
        const name = `query:${plan.name}`;
        const recorded = await this.recordPlain({ method: 'POST', target: `${base}${representative}?${SENTINEL}` });
        if (recorded.status !== 307) throw new Error(`POST ${base}${representative} answers ${recorded.status}, not 307`);
        this.templates.set(name, { kind: 'plain', subs: [{ find: `?${SENTINEL}`, value: 'search' }], responses: { '': recorded } });
        plan.templates.query = name;
      }
    }
    void skeleton;
  }

  /**
   * The errors and redirects the history decides, as templates the njs module fills in: an
   * address that is no original, or one in no release (per route: a TimeGate has said it varies on
   * Accept-Datetime by then), a malformed Accept-Datetime, a TimeGate's 302, a memento's release
   * unknown, the original absent from it or kept from an earlier one (302), an extension it lacks;
   * a TimeMap's and "what's new"'s `?page=` errors.
   */
  private async recordHistoryTemplates(plans: readonly FamilyPlan[]): Promise<void> {
    const history = this.history!;
    const base = this.basePath;
    const site = this.site;
    const relative = (url: string) => site.path(url).slice(1);
    const plan = (name: string) => plans.find((candidate) => candidate.name === name)!;
    const first = history.releases[0]!;
    const timegate = plan('timegate');
    const probeRest = timegate.representative!.slice('timegate/'.length);
    for (const [route, prefix] of [['timegate', 'timegate/'], ['timemap', 'timemap/link/'], ['memento', `memento/${first.id}/`]] as const) {
      await this.recordTemplate(`history-not-original:${route}`, { method: 'GET', path: `${base}${prefix}${SENTINEL}` }, () => [{ find: SENTINEL, value: 'rest' }], 404);
      await this.recordTemplate(`history-no-release:${route}`, { method: 'GET', path: `${base}${prefix}id/${SENTINEL}` }, () => [{ find: `id/${SENTINEL}`, value: 'rest' }], 404);
    }
    const redirect = async (name: string, target: string) => {
      const recorded = await this.recordPlain({ method: 'GET', target });
      if (recorded.status !== 302) throw new Error(`${target} answers ${recorded.status}, not 302`);
      this.templates.set(name, { kind: 'plain', subs: [], responses: { '': recorded } });
    };
    await redirect('timegate', `${base}timegate/${probeRest}`);
    await this.recordTemplate('timegate-datetime', { method: 'GET', path: `${base}timegate/${probeRest}`, headers: { 'Accept-Datetime': SENTINEL } }, () => [{ find: `"${SENTINEL}"`, value: 'datetime' }], 400);
    await this.recordTemplate('memento-path', { method: 'GET', path: `${base}memento/${SENTINEL}` }, () => [{ find: `memento/${SENTINEL}`, value: 'path' }], 404);
    await this.recordTemplate('memento-release', { method: 'GET', path: `${base}memento/${SENTINEL}/${probeRest}` }, () => [{ find: SENTINEL, value: 'release' }], 404);
    // A resource absent from a release, and one kept from an earlier release, where the history has them.
    const resources = history.documented.filter((iri) => site.documentOf(iri) !== undefined).sort();
    let absent: { iri: string; release: string } | undefined;
    let kept: { iri: string; release: string } | undefined;
    for (const iri of resources) {
      for (const release of history.releases) {
        const version = history.versionAt(iri, release);
        if (!version) absent ??= { iri, release: release.id };
        else if (version !== release) kept ??= { iri, release: release.id };
      }
    }
    if (absent) {
      const rest = relative(absent.iri);
      await this.recordTemplate('memento-absent', { method: 'GET', path: `${base}memento/${absent.release}/${rest}` }, () => [{ find: site.timemap(absent!.iri, 'link'), value: 'timemap' }, { find: absent!.iri, value: 'resource' }, { find: absent!.release, value: 'release' }], 404);
    }
    if (kept) await redirect('memento-moved', `${base}memento/${kept.release}/${relative(site.documentOf(kept.iri)!)}`);
    const documents = plan('memento-document');
    const extensions = [...this.table.extensions()].sort();
    for (const entry of documents.entries) {
      const missing = extensions.find((extension) => !entry.offers!.some((offer) => offer.extension === extension));
      if (missing === undefined) continue;
      const rest = `${entry.stem.replace(/^memento\/[^/]+\//, '')}.${missing}`;
      documents.templates.extension = await this.recordTemplate('memento-extension', { method: 'GET', path: `${base}${entry.stem}.${missing}` }, () => [{ find: rest, value: 'rest' }], 404);
      break;
    }
    documents.templates.notFound = 'history-no-release:memento';
    // ?page= of a TimeMap and of "what's new": not a positive integer, past the last page.
    const timemaps = plan('timemap');
    const timemap = timemaps.entries.find((entry) => entry.stem === `timemap/link/${probeRest}`)!;
    const pageText = (pages: number) => `has ${pages} ${pages === 1 ? 'page' : 'pages'}, not 999999999`;
    timemaps.templates.page = await this.recordTemplate('page:timemap', { method: 'GET', path: `${base}${timemap.stem}`, query: `page=${SENTINEL}` }, () => [{ find: `"${SENTINEL}"`, value: 'page' }], 400);
    timemaps.templates.pageRange = await this.recordTemplate('page-range:timemap', { method: 'GET', path: `${base}${timemap.stem}`, query: 'page=999999999' }, () => [{ find: pageText(timemap.pages ?? 1), value: 'pages' }, { find: site.timemap(`${site.base}${probeRest}`, 'link'), value: 'timemap' }, { find: `${site.base}${probeRest}`, value: 'original' }], 404);
    const whatsNew = plan('whats-new');
    const acceptFor = (type: string) => (type === 'text/html' ? 'text/html' : `text/html;q=0.5, ${type}`);
    whatsNew.templates.page = await this.recordTemplate('page:whats-new', { method: 'GET', path: `${base}${whatsNew.entries[0]!.stem}`, query: `page=${SENTINEL}` }, () => [{ find: `"${SENTINEL}"`, value: 'page' }], 400);
    whatsNew.templates.pageRange = await this.recordTemplate('page-range:whats-new', { method: 'GET', path: `${base}${whatsNew.entries[0]!.stem}`, query: 'page=999999999', acceptFor, readers: true }, () => [{ find: pageText(whatsNew.entries[0]!.pages ?? 1), value: 'pages' }], 404);
  }

  private async recordGenericTemplates(skeleton: SiteTable): Promise<void> {
    await this.recordTemplate('not-found', { method: 'GET', path: `${this.basePath}${SENTINEL}` }, () => [{ find: SENTINEL, value: 'path' }], 404);
    if (this.basePath !== '/') await this.recordTemplate('not-found-outside', { method: 'GET', path: `/${SENTINEL}` }, () => [{ find: SENTINEL, value: 'path' }], 404);
    void skeleton;
  }

  /** A response's headers as a form or a 304 changes them; a strong ETag, which the module makes per request, left out. */
  private patchableHeaders(plan: FamilyPlan, response: AppResponse): Record<string, string> {
    const headers = recordedHeaders(response, this.spelling);
    if (plan.family.etag) delete headers.ETag;
    return headers;
  }

  /** What the family's 304s leave out of its 200s' headers, learned from the app on its first entry (If-None-Match: *). */
  private async learnNotModified(plan: FamilyPlan): Promise<HeaderPatch> {
    // A TimeMap family holds two formats whose 200s differ (only JSON is compressible): learned on one of each, and joined.
    if (plan.family.kind === 'timemap' && plan.entries.length > 1) {
      const patches = [await this.learnNotModifiedOn(plan, plan.entries[0]!), await this.learnNotModifiedOn(plan, plan.entries[1]!)];
      const remove = [...new Set(patches.flatMap((patch) => patch.remove ?? []))].sort();
      const vary = [...new Set(patches.flatMap((patch) => patch.vary ?? []))].sort();
      return { ...(remove.length > 0 ? { remove } : {}), ...(vary.length > 0 ? { vary } : {}) };
    }
    const entry = plan.entries[0];
    return entry ? this.learnNotModifiedOn(plan, entry) : {};
  }

  private async learnNotModifiedOn(plan: FamilyPlan, entry: EntryPlan): Promise<HeaderPatch> {
    const offer = entry.offers?.find((representation) => !representation.forReaders) ?? entry.offers?.[0];
    const headers: Record<string, string> = offer ? { Accept: offer.mediaType } : {};
    const target = `${this.basePath}${entry.stem}`;
    const [full, notModified] = await Promise.all([this.recorder.record({ method: 'GET', target, headers }), this.recorder.record({ method: 'GET', target, headers: { ...headers, 'If-None-Match': '*' } })]);
    if (full.status !== 200) return {};
    if (notModified.status !== 304) throw new Error(`${target} answers If-None-Match: * with ${notModified.status}, not 304`);
    const asPatchable = (response: AppResponse) => ({ status: response.status, headers: this.patchableHeaders(plan, response), body: response.body });
    return headerPatch(asPatchable(full), asPatchable(notModified), `${target} (If-None-Match: *)`, false);
  }

  /**
   * What the other forms of a family's URLs change in the negotiated answer
   * (the extension, `?format=`, both), learned from the app on the family's
   * first entry; the njs module applies the same change to every entry.
   */
  private async learnForms(plan: FamilyPlan, skeleton: SiteTable): Promise<Record<string, HeaderPatch>> {
    const entry = plan.entries[0];
    if (!entry?.offers || plan.family.paged) return {};
    const offers = this.offerSets[this.offerSet(entry.offers)]!;
    const available = plan.family.languages === 'ui' ? skeleton.uiLanguages : skeleton.languages;
    const plain = offers.find((offer) => !offer.r) ?? offers[0]!;
    const base = `${this.basePath}${entry.stem}`;
    const dotted = '.';
    const forms: Record<string, HeaderPatch> = {};
    const learn = async (form: string, target: string, extension: string | undefined, accept: string) => {
      const negotiatedRequest = { method: 'GET', target: base, headers: { Accept: accept } };
      const formRequest = { method: 'GET', target, headers: { Accept: accept } };
      const read = readRequest(rawRequest(formRequest));
      const choice = chooseRepresentation(read, extension, offers, plan.family.names);
      if (choice.error !== undefined || choice.form !== form) throw new Error(`the njs module reads ${target} as another form than ${form}`);
      const [negotiated, other] = await Promise.all([this.recorder.record(negotiatedRequest), this.recorder.record(formRequest)]);
      const asPatchable = (response: AppResponse) => ({ status: response.status, headers: this.patchableHeaders(plan, response), body: response.body });
      const rest = (path: string) => path.slice(this.basePath.length).split('?')[0]!.replace(/^memento\/[^/]+\//, '');
      forms[form] = headerPatch(asPatchable(negotiated), asPatchable(other), `${target} (Accept: ${accept})`, true, { base: this.site.base, from: rest(base), to: rest(target) });
      void available;
    };
    const name = plan.family.names === 'sparql' ? plain.n ?? plain.k : plain.k;
    await learn('format', `${base}?format=${encodeURIComponent(name)}`, undefined, plain.m);
    if (plan.family.kind === 'document' || plan.family.kind === 'dotted') {
      const single = offers.find((offer) => !offer.l && offer.x !== undefined && offers.filter((other) => other.x === offer.x && !other.l).length === 1 && !offer.r) ?? offers.find((offer) => offer.x !== undefined && offers.filter((other) => other.x === offer.x && !other.l).length === 1);
      if (single) {
        await learn('extension', `${base}${dotted}${single.x}`, single.x, single.m);
        await learn('extension-format', `${base}${dotted}${single.x}?format=${encodeURIComponent(single.k)}`, single.x, single.m);
      }
      const shared = offers.find((offer) => !offer.l && offer.x !== undefined && offers.filter((other) => other.x === offer.x && !other.l).length > 1);
      if (shared) await learn('extension-negotiated', `${base}${dotted}${shared.x}`, shared.x, shared.m);
    }
    return forms;
  }
}

/** The formats of a memento of the dump, as the history routes offer them. */
const DUMP_MEMENTO_REPRESENTATIONS: readonly Representation[] = DUMP_FORMATS.map(rdfRepresentation);

/** The server's strong ETag of a memento or closed page (history-routes.ts, stream-routes.ts), asked without Accept-Encoding. */
function recordedStrongEtag(parts: readonly string[], mode: 'url-format' | 'format' | 'plain', original: string, format: string | undefined): string {
  const list: (string | null)[] = [...parts];
  if (mode === 'url-format') list.splice(1, 0, original);
  if (mode !== 'plain') list.push(format ?? null);
  list.push(null);
  return strongEtagOf(list);
}

/**
 * The variant a memento's ETag names (history-routes.ts), from the njs key of its answer:
 * `ttl`; a citation `txt-apa-en-US`; a page `html-en.fr`, `-picked` when `?lang=` chose, and the
 * citation options the page was given.
 */
function mementoVariant(key: string, offers: readonly Representation[]): string {
  const [k, second, third] = key.split('|');
  const offer = offers.find((candidate) => candidate.key === k);
  if (offer?.forReaders) {
    const picked = second!.endsWith('!');
    const languages = (picked ? second!.slice(0, -1) : second!).split('.');
    return documentVariant(k!, readerVariant(languages, picked), (third ?? '').split('.').filter((value) => value !== ''));
  }
  return documentVariant(k!, undefined, second === undefined ? [] : second.split('.'));
}

/** The formats of a linkset (their producer is the route's; only what negotiation reads is used here). */
const LINKSET_REPRESENTATIONS = linksetRepresentations(() => []);

/** The part of the table the njs module's problemKey reads. */
const SKELETON_LANGUAGES = { problemTypes: PROBLEM_TYPES, uiLanguages: [...UI_LANGUAGES], fallbackLanguage: FALLBACK_LANGUAGE, languageParameter: LANGUAGE_PARAMETER };

/** A recording request as the njs module reads requests. */
function rawRequest(request: RecordingRequest): RawRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  return { method: request.method, target: request.target, headers, requestId: '' };
}

/** Characters a file name keeps; anything else is written `_` and its code in hex. */
const SAFE = /[^A-Za-z0-9._~/-]/g;

/**
 * The file of a recorded body, under files/: the URL of its representation
 * (`doc/person/x.ttl`, `index.html` for the home page), and after `~` what
 * else chose it (the catalogue's form, a profile or old media type, the
 * reader's languages, a citation's style and locale) when that is not what
 * the URL alone gives.
 */
function fileName(stem: string, form: string, offer: SiteOffer, offers: readonly SiteOffer[], key: string, skeleton: SiteTable, available: readonly string[]): string {
  const name = stem === '' || stem.endsWith('/') ? `${stem}index` : stem;
  const primary = offers.find((candidate) => candidate.x === offer.x && !candidate.l);
  const qualifiers: string[] = [];
  if (form) qualifiers.push(form.replace(/&/g, '~').replace(/=/g, '-'));
  if (primary !== offer) qualifiers.push(offer.k);
  if (offer.o) {
    const values = key.slice(key.indexOf('|') + 1);
    const options = skeleton.options[offer.k]!;
    if (values !== options.names.map((name) => options.defaults[name]).join('.')) qualifiers.push(values);
  }
  if (offer.r) {
    const [, readers, page] = key.split('|');
    const defaultReaders = `${available.join('.')}${available.includes(skeleton.fallbackLanguage) ? '' : `.${skeleton.fallbackLanguage}`}`;
    if (readers !== defaultReaders) qualifiers.push(readers!.endsWith('!') ? `picked-${readers!.slice(0, -1)}` : `lang-${readers}`);
    // The options a page was asked with (an output's reference in another style).
    if (page !== undefined && page.replace(/\./g, '') !== '') qualifiers.push(`cite-${page}`);
  }
  const file = `${name}.${offer.x ?? 'body'}${qualifiers.map((qualifier) => `~${qualifier}`).join('')}`;
  return file.replace(SAFE, (char) => `_${char.charCodeAt(0).toString(16)}`);
}
