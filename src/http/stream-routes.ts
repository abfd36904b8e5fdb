import { strongEtagOf } from './validators.js';
import { Router, type Request, type Response } from 'express';
import type { Quad } from '@rdfjs/types';
import { IriScheme } from '../graph/iri-scheme.js';
import { ChangeStream, DEFAULT_CHANGES_PAGE_SIZE, STREAM_PREFIXES, type StreamLabels } from '../history/change-stream.js';
import type { ReleaseChanges } from '../history/release-changes.js';
import type { ReleaseHistory } from '../history/release-history.js';
import { UI_LANGUAGES, uiTextFor } from '../pages/ui-text.js';
import { httpDate } from './accept-datetime.js';
import { NotFoundError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { RepresentationCache } from './representation-cache.js';
import { chooseRepresentation, DOCUMENT_REPRESENTATIONS, type Representation } from './representations.js';
import { markReplayable } from './response-replay.js';
import { formatLinkHeader } from './web-links.js';

/** A year: a closed page never changes (its URL holds a hash of what it holds). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The root page changes only when the server starts on a new release; clients poll it. */
const ROOT_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

/**
 * The formats that keep named graphs, where each member's description is
 * (DCAT-AP Feeds asks for TriG or JSON-LD): TriG first, so a client stating
 * no preference gets it; the JSON-LD profiles; N-Quads.
 */
const STREAM_FORMATS = ['trig', 'jsonld', 'nquads'];
export const STREAM_REPRESENTATIONS: readonly Representation[] = DOCUMENT_REPRESENTATIONS.filter((offer) => offer.format && STREAM_FORMATS.includes(offer.format.name) && !offer.legacy).sort(
  (a, b) => STREAM_FORMATS.indexOf(a.format!.name) - STREAM_FORMATS.indexOf(b.format!.name),
);

/** What the change stream's routes read. */
export interface StreamRouteDependencies {
  readonly baseUrl: string;
  readonly history: ReleaseHistory;
  /** What changed in each release, computed once when first asked for. */
  readonly changes: () => Promise<ReleaseChanges>;
  /** Members per page (CHANGES_PAGE_SIZE). */
  readonly changesPageSize?: number;
  /** Where serialised pages are kept; one shared by every router, or this router's own. */
  readonly pages?: RepresentationCache;
}

/**
 * `/changes`, the change stream's root page (its view: the stream's
 * description and newest members), and `/changes/{page}`, its closed pages;
 * in TriG, JSON-LD or N-Quads (src/history/change-stream.ts).
 */
export function createStreamRouter(deps: StreamRouteDependencies): Router {
  const iris = new IriScheme(deps.baseUrl);
  const { history } = deps;
  const cache = deps.pages ?? new RepresentationCache();
  const pageSize = deps.changesPageSize ?? DEFAULT_CHANGES_PAGE_SIZE;
  const labels: StreamLabels = {
    title: Object.fromEntries(UI_LANGUAGES.map((lang) => [lang, uiTextFor([lang]).text.changeStream])),
    description: Object.fromEntries(UI_LANGUAGES.map((lang) => [lang, uiTextFor([lang]).text.changeStreamDescription])),
  };
  let building: Promise<ChangeStream> | undefined;
  const streamOf = async (): Promise<ChangeStream> => {
    if (history.releases.length === 0) throw new NotFoundError(`This server has no releases (${history.unavailable ?? 'none were built'}), so it publishes no change stream.`);
    building ??= deps.changes().then((changes) => new ChangeStream(changes, iris, pageSize));
    building.catch(() => (building = undefined));
    return building;
  };
  const latest = () => history.latest!;

  const root = async (req: Request, res: Response) => {
    markReplayable(res);
    const stream = await streamOf();
    const { representation, variesOnAccept } = chooseRepresentation(req, undefined, STREAM_REPRESENTATIONS);
    if (variesOnAccept) res.vary('Accept');
    res.type(representation.contentType);
    res.setHeader('Link', formatLinkHeader([{ uri: iris.whatsNew, rel: 'alternate', type: 'text/html' }]));
    res.setHeader('Cache-Control', ROOT_CACHE_CONTROL);
    res.setHeader('ETag', `W/"${latest().canonicalHash.slice(0, 32)}-${pageSize}-${representation.key}"`);
    res.setHeader('Last-Modified', httpDate(latest().datetime));
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(await cache.get(`changes ${latest().canonicalHash} ${pageSize} root ${representation.key}`, async () => serialize(representation, await stream.root(labels), latest().prefixes)));
  };

  const page = async (req: Request, res: Response) => {
    const stream = await streamOf();
    const id = String(req.params.page);
    const closed = stream.page(id);
    if (!closed) throw new NotFoundError(`The change stream has no page ${id}; it starts at ${iris.changes()}, which links every page.`);
    markReplayable(res);
    const { representation, variesOnAccept } = chooseRepresentation(req, undefined, STREAM_REPRESENTATIONS);
    if (variesOnAccept) res.vary('Accept');
    res.type(representation.contentType);
    res.setHeader('Cache-Control', IMMUTABLE);
    // Strong: the page's id names its content, and the representation and content-coding pick the bytes.
    res.setHeader('ETag', strongEtagOf([closed.id, representation.key, req.query.format ?? null, req.headers['accept-encoding'] ?? null]));
    res.setHeader('Last-Modified', httpDate(closed.members.at(-1)!.release.datetime));
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(await cache.get(`changes page ${closed.id} ${representation.key}`, async () => serialize(representation, (await stream.closedPage(id))!, latest().prefixes)));
  };

  const router = Router({ caseSensitive: true, strict: true });
  router.route(iris.path(iris.changes())).get(root).all(methodNotAllowed());
  router.route(`${iris.path(iris.changes())}/:page`).get(page).all(methodNotAllowed());
  return router;
}

/** The page in the chosen format, with the graph's prefixes and the stream's own. */
function serialize(representation: Representation, quads: readonly Quad[], prefixes: Readonly<Record<string, string>>): Promise<string> {
  return representation.format!.serialize(quads, { prefixes: { ...prefixes, ...STREAM_PREFIXES }, jsonLdProfile: representation.jsonLdProfile });
}
