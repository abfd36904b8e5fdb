import { Router } from 'express';
import type { Literal } from '@rdfjs/types';
import { IriScheme } from '../graph/iri-scheme.js';
import { RDF_FORMATS } from '../graph/rdf-formats.js';
import { DCAT, DCT, FOAF } from '../graph/namespaces.js';
import { describeResource, instancesOf, labelsOf, linkedResources } from '../store/describe-resource.js';
import type { PublishedGraph } from '../store/published-graph.js';
import { siteOverview } from '../store/site-overview.js';
import type { AlternateLink } from '../pages/html-page.js';
import { dumpLinks } from './dump-routes.js';
import { renderHomePage } from '../pages/home-page.js';
import { methodNotAllowed } from './method-guard.js';
import { chosenLanguage, readerLanguages, readerVariant } from './reader-language.js';
import { offeredLanguages } from '../pages/reader-language.js';
import { chooseRepresentation, DISTINCT_REPRESENTATIONS, DOCUMENT_REPRESENTATIONS } from './representations.js';
import { RepresentationCache } from './representation-cache.js';
import { markReplayable } from './response-replay.js';
import { schemaOrgJsonLd } from '../pages/schema-org-json-ld.js';
import { uiTextFor } from '../pages/ui-text.js';
import { setValidators, weakEtag } from './validators.js';
import { formatLinkHeader, type WebLink } from './web-links.js';
import type { ReleaseHistory } from '../history/release-history.js';

/** What the home page reads. */
export interface HomeRouteDependencies {
  readonly graph: PublishedGraph;
  readonly baseUrl: string;
  /** The site's URLs when they differ from the default for baseUrl (a SPARQL endpoint elsewhere, or none); built from baseUrl when absent. */
  readonly site?: IriScheme;
  /** Where rendered documents are kept; one shared by every router (createCaches), or a router's own. */
  readonly pages?: RepresentationCache;
  /** The OAI-PMH repository's settings, when the server has one: the page then links it. */
  readonly oai?: unknown;
  /** The published states of the graph; with releases, the page links "what's new" and the change stream. */
  readonly history?: ReleaseHistory;
}

/**
 * `/`: the home page for people; a client that prefers RDF is sent (303) to
 * the description of the catalogue, the dataset this site publishes.
 */
export function createHomeRouter(deps: HomeRouteDependencies): Router {
  const iris = deps.site ?? new IriScheme(deps.baseUrl);
  const { store, manifest } = deps.graph;
  const languages = offeredLanguages(store);
  const catalog = iris.catalog.value;
  const ontology = iris.ontology.slice(0, -1);
  const router = Router({ caseSensitive: true, strict: true });
  // The overview walks the whole graph: one page per reader language, rendered once.
  const pages = deps.pages ?? new RepresentationCache();

  router
    .route(iris.path(iris.base))
    .get(async (req, res) => {
      // The page and the 303 depend only on the URL and the negotiation headers; errors are never replayed.
      markReplayable(res);
      const { representation } = chooseRepresentation(req, undefined, DOCUMENT_REPRESENTATIONS);
      res.vary('Accept');
      res.setHeader('Link', formatLinkHeader(discoveryLinks(iris)));
      if (representation.format) {
        const location = iris.documentOf(catalog, representation.extension)!;
        res.status(303).location(location).type('text/plain; charset=utf-8').send(`See ${location}\n`);
        return;
      }
      const reader = readerLanguages(req, languages);
      const chosen = chosenLanguage(req);
      const { lang, text } = uiTextFor(reader);
      // A language picked with ?lang= does not depend on Accept-Language, and changes the page's links.
      if (!chosen) res.vary('Accept-Language');
      res.type(representation.contentType);
      res.setHeader('Content-Language', lang);
      const variant = readerVariant(reader, chosen !== undefined);
      if (setValidators(req, res, manifest, weakEtag(manifest, `home-${variant}`))) {
        res.status(304).end();
        return;
      }
      res.send(await pages.get(`${manifest.contentHash} ${iris.base} home ${variant}`, async () => {
        const description = describeResource(store, catalog);
        return renderHomePage({
          lang,
          text,
          site: iris,
          baseUrl: iris.base,
          languages: reader,
          prefixes: manifest.prefixes,
          labels: (node) => labelsOf(store, node),
          catalog,
          catalogDescription: store.getObjects(catalog, DCT.description, null).filter((term) => term.termType === 'Literal') as Literal[],
          outputs: linkedResources(store, catalog, DCAT.dataset),
          people: instancesOf(store, FOAF.Person),
          organisations: instancesOf(store, FOAF.Organization),
          projects: instancesOf(store, FOAF.Project),
          ontology: store.countQuads(ontology, null, null, null) > 0 ? ontology : undefined,
          oaiPmh: deps.oai === undefined ? undefined : `${iris.oai}?verb=Identify`,
          dumps: dumpLinks(deps.graph, iris),
          jsonLd: description ? await schemaOrgJsonLd(catalog, description.quads) : undefined,
          chosenLang: chosen,
          overview: siteOverview(store, catalog),
          descriptions: (node) => store.getObjects(node, DCT.description, null).filter((term) => term.termType === 'Literal') as Literal[],
          alternates: catalogAlternates(iris, catalog),
          hasHistory: (deps.history?.releases.length ?? 0) > 0,
        });
      }));
    })
    .all(methodNotAllowed());
  return router;
}

/** The catalogue's description in each RDF format: what the home page stands for, as data. */
function catalogAlternates(iris: IriScheme, catalog: string): AlternateLink[] {
  return DISTINCT_REPRESENTATIONS.filter((representation) => representation.format !== undefined).map((representation) => ({
    href: iris.documentOf(catalog, representation.extension)!,
    type: representation.mediaType,
    title: representation.label,
  }));
}

/** For harvesters and crawlers landing on `/`: the paged DCAT catalogue in each RDF format, and the VoID description. */
function discoveryLinks(iris: IriScheme): WebLink[] {
  return [
    { uri: iris.catalogPages(), rel: 'alternate', type: 'text/turtle' },
    ...RDF_FORMATS.filter((format) => format.extension !== 'ttl').map((format) => ({ uri: iris.catalogPages(format.extension), rel: 'alternate', type: format.mediaType })),
    { uri: iris.void(), rel: 'describedby', type: 'text/turtle' },
  ];
}
