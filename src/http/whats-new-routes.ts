import { Router, type Request, type Response } from 'express';
import { DataFactory } from 'n3';
import type { Literal } from '@rdfjs/types';
import { IriScheme } from '../graph/iri-scheme.js';
import type { ReleaseChanges, ReleaseChangeSet, ResourceChange } from '../history/release-changes.js';
import type { ReleaseHistory } from '../history/release-history.js';
import { withLanguage } from '../pages/html-page.js';
import { offeredLanguages } from '../pages/reader-language.js';
import { uiTextFor } from '../pages/ui-text.js';
import { renderResourceHistoryPage, renderWhatsNewPage, type ChangeView, type ReleaseView } from '../pages/whats-new-page.js';
import { labelsOf } from '../store/describe-resource.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { BadRequestError, NotFoundError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { weakEtagOf } from './validators.js';
import { chosenLanguage, readerLanguages, readerVariant } from './reader-language.js';
import { RepresentationCache } from './representation-cache.js';
import { chooseRepresentation, HTML_REPRESENTATION } from './representations.js';
import { markReplayable } from './response-replay.js';

/** Releases per "what's new" page unless a test says otherwise. */
export const DEFAULT_WHATS_NEW_PAGE_SIZE = 10;

/** What the "what's new" and history pages read. */
export interface WhatsNewRouteDependencies {
  readonly graph: PublishedGraph;
  readonly baseUrl: string;
  readonly history: ReleaseHistory;
  /** What changed in each release, computed once when first asked for. */
  readonly changes: () => Promise<ReleaseChanges>;
  /** Releases per "what's new" page. */
  readonly whatsNewPageSize?: number;
  /** Where rendered pages are kept; one shared by every router, or this router's own. */
  readonly pages?: RepresentationCache;
}

/**
 * `/whats-new`: the releases, newest first, with what changed in each
 * (`?page=` for older ones); `/history/{path}`: one resource's changes, each
 * in the section its change-stream activity names. HTML for people, in
 * English or French like every page.
 */
export function createWhatsNewRouter(deps: WhatsNewRouteDependencies): Router {
  const iris = new IriScheme(deps.baseUrl);
  const { history } = deps;
  const cache = deps.pages ?? new RepresentationCache();
  const pageSize = deps.whatsNewPageSize ?? DEFAULT_WHATS_NEW_PAGE_SIZE;
  const languages = offeredLanguages(deps.graph.store);
  const prefixes = deps.graph.manifest.prefixes;
  const version = () => history.latest?.canonicalHash.slice(0, 32) ?? 'none';

  /** The negotiation (HTML only), the reader's language and the validators shared by both pages; true when a 304 was sent. */
  const prepare = (req: Request, res: Response, key: string) => {
    const { variesOnAccept } = chooseRepresentation(req, undefined, [HTML_REPRESENTATION]);
    const reader = readerLanguages(req, languages);
    const chosen = chosenLanguage(req);
    if (variesOnAccept) res.vary('Accept');
    if (!chosen) res.vary('Accept-Language');
    const { lang, text } = uiTextFor(reader);
    res.type(HTML_REPRESENTATION.contentType);
    res.setHeader('Content-Language', lang);
    const variant = `${key}-${readerVariant(reader, chosen !== undefined)}`;
    // The pages change only when the server starts on another history.
    res.setHeader('ETag', weakEtagOf(version(), variant));
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    const common = { lang, text, site: iris, languages: reader, prefixes, chosenLang: chosen };
    return { fresh: req.fresh, variant, common };
  };

  const whatsNew = async (req: Request, res: Response) => {
    markReplayable(res);
    const page = pageNumber(req.query.page);
    const { fresh, variant, common } = prepare(req, res, `whats-new-${page}`);
    const changes = await deps.changes();
    const newestFirst = [...changes.releases].reverse();
    const lastPage = Math.max(1, Math.ceil(newestFirst.length / pageSize));
    if (page > lastPage) throw new NotFoundError(`"What's new" has ${lastPage} ${lastPage === 1 ? 'page' : 'pages'}, not ${page}; see ${iris.whatsNew}.`);
    if (fresh) {
      res.status(304).end();
      return;
    }
    const pageUrl = (n: number) => (n === 1 ? iris.whatsNew : `${iris.whatsNew}?page=${n}`);
    res.send(
      await cache.get(`whats-new ${version()} ${pageSize} ${variant}`, async () => {
        const releases: ReleaseView[] = [];
        for (const set of newestFirst.slice((page - 1) * pageSize, page * pageSize)) {
          // An addition or removal is the whole record: only an update shows its statements here.
          releases.push(await releaseView(changes, set, iris, (change) => change.kind === 'updated'));
        }
        return renderWhatsNewPage({ ...common, releases, page, lastPage, pageUrl: (n) => (common.chosenLang ? withLanguage(pageUrl(n), common.chosenLang) : pageUrl(n)) });
      }),
    );
  };

  const resourceHistory = async (req: Request, res: Response) => {
    const pageUrl = iris.url(req.path);
    const resource = iris.resourceOfHistory(pageUrl);
    if (resource === undefined) throw new NotFoundError(`${pageUrl} is no history page: history pages are ${iris.base}history/{path} for a resource ${iris.base}id/{path}.`);
    const changes = await deps.changes();
    const own = changes.of(resource);
    if (own.length === 0) throw new NotFoundError(`${resource} was in no release of this server, so it has no history; the releases are listed at ${iris.whatsNew}.`);
    markReplayable(res);
    const { fresh, variant, common } = prepare(req, res, 'history');
    if (fresh) {
      res.status(304).end();
      return;
    }
    res.send(
      await cache.get(`history ${version()} ${resource} ${variant}`, async () => {
        const shown: { release: ReleaseView; change: ChangeView }[] = [];
        for (const change of [...own].reverse()) {
          const set = changes.inRelease(change.release.id)!;
          const release = await releaseView(changes, { ...set, changes: [change] }, iris, () => true);
          shown.push({ release, change: release.changes[0]! });
        }
        const current = deps.graph.store.countQuads(resource, null, null, null) > 0 ? iris.documentOf(resource) : undefined;
        return renderResourceHistoryPage({ ...common, resource, changes: shown, ...(current ? { documentUrl: current } : {}), pageUrl });
      }),
    );
  };

  const router = Router({ caseSensitive: true, strict: true });
  router.route(iris.path(iris.whatsNew)).get(whatsNew).all(methodNotAllowed());
  router.route('/history/*path').get(resourceHistory).all(methodNotAllowed());
  return router;
}

/**
 * A release's changes as a page shows them, with the statements of those
 * `withStatements` picks and the names of every term shown, read from the
 * release's graph (and the one before, for what it removed) while they are
 * loaded, so no graph stays held by a page.
 */
async function releaseView(changes: ReleaseChanges, set: ReleaseChangeSet, iris: IriScheme, withStatements: (change: ResourceChange) => boolean): Promise<ReleaseView> {
  const views: ChangeView[] = [];
  for (const change of set.changes) {
    const { before, after } = withStatements(change) ? await changes.statements(change) : { before: [], after: [] };
    views.push({
      resource: change.resource,
      kind: change.kind,
      historyUrl: iris.historyOf(change.resource)!,
      changeUrl: iris.change(change.resource, set.release.id),
      ...(change.kind === 'removed' ? {} : { mementoUrl: iris.memento(set.release.id, iris.documentOf(change.resource)!) }),
      before,
      after,
    });
  }
  const terms = new Set<string>();
  for (const view of views) {
    terms.add(view.resource);
    for (const statement of [...view.before, ...view.after]) {
      for (const term of [statement.subject, statement.object]) if (term.termType === 'NamedNode') terms.add(term.value);
    }
  }
  const store = await changes.graph(set.release);
  const previous = set.previous ? await changes.graph(set.previous) : undefined;
  const names = new Map<string, Literal[]>();
  for (const iri of terms) {
    const node = DataFactory.namedNode(iri);
    const labels = labelsOf(store, node);
    names.set(iri, labels.length > 0 || !previous ? labels : labelsOf(previous, node));
  }
  return { id: set.release.id, datetime: set.release.datetime, changes: views, labels: (node) => names.get(node.value) ?? [] };
}

/** `?page=`: absent is 1; anything but a positive integer is a 400. */
function pageNumber(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) throw new BadRequestError(`page must be a positive integer, not ${JSON.stringify(value)}.`);
  return Number(value);
}
