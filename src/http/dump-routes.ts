import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { RDF_FORMATS } from '../graph/rdf-formats.js';
import { IriScheme } from '../graph/iri-scheme.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { NotFoundError } from './http-errors.js';
import { methodNotAllowed } from './method-guard.js';
import { chooseRepresentation, rdfRepresentation, type Representation } from './representations.js';
import { setValidators } from './validators.js';
import { formatLinkHeader } from './web-links.js';
import type { ReleaseHistory } from '../history/release-history.js';
import { originalLinks } from './memento-links.js';

/** What the dump routes read. */
export interface DumpRouteDependencies {
  readonly graph: PublishedGraph;
  readonly baseUrl: string;
  /** The site's URLs when they differ from the default for baseUrl (a SPARQL endpoint elsewhere, or none); built from baseUrl when absent. */
  readonly site?: IriScheme;
  /** The published states of the graph; with releases, the dumps link their Memento TimeGate and TimeMap. */
  readonly history?: ReleaseHistory;
}

/** A dump on offer: one of the built files `graph.{extension}`, named by the format table, never by the request. */
interface Dump {
  readonly representation: Representation;
  readonly fileName: string;
  readonly sha256: string;
}

/** The dump links for the home page: one per built file, in format-table order. */
export function dumpLinks(graph: PublishedGraph, iris: IriScheme): { href: string; label: string; mediaType: string }[] {
  return dumpsOf(graph).map((dump) => ({ href: iris.dump(dump.representation.extension), label: dump.representation.label, mediaType: dump.representation.mediaType }));
}

/**
 * `/dump` (negotiated) and `/dump.ttl`, `.nt`, `.jsonld`, `.rdf`: the whole
 * graph, from the files the build wrote. They are read once and kept, so every
 * response belongs to the same build as the loaded graph and its manifest even
 * if dist/ is rebuilt underneath a running server.
 */
export function createDumpRouter(deps: DumpRouteDependencies): Router {
  const iris = deps.site ?? new IriScheme(deps.baseUrl);
  const { manifest, distDir } = deps.graph;
  const dumps = dumpsOf(deps.graph);
  const contents = new Map<string, Promise<Buffer>>();
  const content = (dump: Dump) => {
    let cached = contents.get(dump.fileName);
    if (!cached) {
      cached = readFile(join(distDir, dump.fileName));
      cached.catch(() => contents.delete(dump.fileName));
      contents.set(dump.fileName, cached);
    }
    return cached;
  };

  const send = async (req: Request, res: Response, extension: string | undefined) => {
    const offers = dumps.map((dump) => dump.representation);
    const { representation, variesOnAccept } = chooseRepresentation(req, extension, offers);
    const dump = dumps.find((candidate) => candidate.representation === representation)!;
    if (variesOnAccept) res.vary('Accept');
    if (extension === undefined) res.setHeader('Content-Location', iris.dump(representation.extension));
    res.type(representation.contentType);
    res.setHeader(
      'Link',
      formatLinkHeader([
        ...dumps.filter((other) => other !== dump).map((other) => ({ uri: iris.dump(other.representation.extension), rel: 'alternate', type: other.representation.mediaType })),
        ...(deps.history?.releases.length ? originalLinks(iris, iris.url(req.path)) : []),
      ]),
    );
    // Weak although the file's hash names its exact bytes: compression re-encodes them.
    if (setValidators(req, res, manifest, `W/"${dump.sha256.slice(0, 32)}"`)) {
      res.status(304).end();
      return;
    }
    res.send(await content(dump));
  };

  const router = Router({ caseSensitive: true, strict: true });
  router.route(iris.path(iris.dump())).get((req, res) => send(req, res, undefined)).all(methodNotAllowed());
  router
    .route(`${iris.path(iris.dump())}.:extension`)
    .get((req, res) => {
      const extension = req.params.extension;
      if (!dumps.some((dump) => dump.representation.extension === extension)) throw new NotFoundError(`There is no dump ${iris.dump(extension)}; see ${iris.dump()}.`);
      return send(req, res, extension);
    })
    .all(methodNotAllowed());
  return router;
}

/** The representations `/dump` is negotiated among: one per built file, in format-table order. */
export function dumpRepresentations(graph: PublishedGraph): Representation[] {
  return dumpsOf(graph).map((dump) => dump.representation);
}

function dumpsOf(graph: PublishedGraph): Dump[] {
  return RDF_FORMATS.flatMap((format) => {
    const fileName = `graph.${format.extension}`;
    const file = graph.manifest.files[fileName];
    if (!file) return [];
    return [{ representation: rdfRepresentation(format), fileName, sha256: file.sha256 }];
  });
}
