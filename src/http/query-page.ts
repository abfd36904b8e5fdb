import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { escapeHtml } from './error-handler.js';

/** Where the YASGUI build files are served, under the base. */
export const YASGUI_PATH = '/sparql-ui';

/** The folder of @zazuko/yasgui's built files in node_modules: served by this server, never from a CDN. */
function yasguiBuildDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui/build/yasgui.min.js'));
}

/** What the page is pre-filled with. */
export interface QueryPageOptions {
  readonly endpointIri: string;
  /** The prefixes the graph uses (the manifest's), written as PREFIX lines above the example. */
  readonly prefixes: Readonly<Record<string, string>>;
  /** The base path the app is mounted at, for asset links. */
  readonly basePath: string;
}

const EXAMPLE = `SELECT ?output ?title WHERE {
  ?output a dcat:Dataset ;
          dct:title ?title .
}
ORDER BY ?title
LIMIT 50`;

/** The example query the page opens with: every prefix of the graph, then a query over its outputs. */
export function exampleQuery(prefixes: Readonly<Record<string, string>>): string {
  const lines = Object.entries(prefixes).map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`);
  return `${lines.join('\n')}\n\n${EXAMPLE}\n`;
}

/** The script that starts YASGUI; a file rather than inline so a strict Content-Security-Policy still allows it. */
const START_SCRIPT = `(() => {
  const config = JSON.parse(document.getElementById('query-page-config').textContent);
  const yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: { endpoint: config.endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    yasqe: { value: config.query },
  });
  const tab = yasgui.getTab();
  if (tab && tab.getQuery() !== config.query) tab.setQuery(config.query);
})();
`;

/** The static YASGUI files and the start script. */
export function createQueryPageAssets(): Router {
  const router = Router();
  router.get(`${YASGUI_PATH}/start.js`, (_req, res) => {
    res.type('text/javascript; charset=utf-8').send(START_SCRIPT);
  });
  router.use(YASGUI_PATH, express.static(yasguiBuildDir(), { index: false, fallthrough: true }));
  return router;
}

/** Sends the HTML query page (GET /sparql from a browser, without a query). */
export function sendQueryPage(options: QueryPageOptions): (req: Request, res: Response) => void {
  const assets = `${options.basePath.replace(/\/$/, '')}${YASGUI_PATH}`;
  // JSON inside a <script> element: "<" is escaped so the text cannot close the element.
  const config = JSON.stringify({ endpoint: options.endpointIri, query: exampleQuery(options.prefixes) }).replace(/</g, '\\u003c');
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL query – Open Smart Cities Guide</title>
<link rel="stylesheet" href="${escapeHtml(assets)}/yasgui.min.css">
</head>
<body>
<main>
<h1>SPARQL query</h1>
<p>Endpoint: <code>${escapeHtml(options.endpointIri)}</code> (SPARQL 1.1 protocol; <a href="${escapeHtml(options.endpointIri)}?format=turtle">service description</a>, <a href="${escapeHtml(options.basePath)}queries">named queries</a>, <a href="${escapeHtml(options.basePath)}openapi.json">OpenAPI</a>).</p>
<div id="yasgui"></div>
<script type="application/json" id="query-page-config">${config}</script>
<script src="${escapeHtml(assets)}/yasgui.min.js"></script>
<script src="${escapeHtml(assets)}/start.js"></script>
</main>
</body>
</html>
`;
  return (_req, res) => {
    res.type('text/html; charset=utf-8').send(page);
  };
}
