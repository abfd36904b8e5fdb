import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import type { IriScheme } from '../graph/iri-scheme.js';
import { renderQueryPage } from '../pages/query-page.js';
import type { NamedQuery } from '../store/named-queries.js';
import { UI_LANGUAGES, uiTextFor } from '../pages/ui-text.js';
import { chosenLanguage, readerLanguages, readerVariant } from './reader-language.js';

/** The folder of @zazuko/yasgui's built files in node_modules: served by this server, never from a CDN. */
function yasguiBuildDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui/build/yasgui.min.js'));
}

/** What the page is pre-filled with. */
export interface QueryPageOptions {
  /** The site's URLs: the endpoint, its assets and the pages the query page links to. */
  readonly site: IriScheme;
  /** The prefixes the graph uses (the manifest's), written as PREFIX lines above the example. */
  readonly prefixes: Readonly<Record<string, string>>;
  /** The named queries (sparql/*.rq), offered as one-click examples. */
  readonly queries?: readonly NamedQuery[];
}

/** The script that starts YASGUI; a file rather than inline so a strict Content-Security-Policy still allows it. */
const START_SCRIPT = `(() => {
  const config = JSON.parse(document.getElementById('query-page-config').textContent);
  const yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: { endpoint: config.endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    // Autocompletion of classes and properties asks a remote service (LOV); this page calls nothing but its server.
    // Wrapped lines and the editor as tall as the query: it never has a scrolling region of its own, which a keyboard could not scroll.
    yasqe: { value: config.query, autocompleters: ['prefixes', 'variables'], lineWrapping: true, editorHeight: 'auto', viewportMargin: Infinity, resizeable: false },
    yasr: { defaultPlugin: 'table', prefixes: config.prefixes },
  });
  const tab = () => yasgui.getTab();
  if (tab() && tab().getQuery() !== config.query) tab().setQuery(config.query);
  // The download links follow whatever query is in the editor.
  const downloads = document.querySelectorAll('a[data-result-format]');
  const updateDownloads = () => {
    const query = tab() ? tab().getQuery() : config.query;
    for (const link of downloads) {
      link.href = config.endpoint + '?query=' + encodeURIComponent(query) + '&format=' + link.dataset.resultFormat;
    }
  };
  yasgui.on('query', updateDownloads);
  yasgui.on('tabChange', updateDownloads);
  updateDownloads();
  // YASGUI leaves some controls without a name; they get one (in the page's language) whenever YASGUI draws them.
  const root = document.getElementById('yasgui');
  const name = (selector, label) => {
    for (const element of root.querySelectorAll(selector)) {
      if (!element.getAttribute('aria-label') && !(element.labels && element.labels.length)) element.setAttribute('aria-label', label);
    }
  };
  const nameControls = () => {
    name('.CodeMirror textarea', config.labels.editor);
    name('input.autocomplete', config.labels.endpoint);
    name('select', config.labels.rows);
  };
  new MutationObserver(nameControls).observe(root, { childList: true, subtree: true });
  nameControls();
  for (const button of document.querySelectorAll('button[data-named-query]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const text = config.queries[button.dataset.namedQuery];
      const current = tab();
      if (!current || text === undefined) return;
      current.setQuery(text);
      updateDownloads();
      current.query();
      document.getElementById('yasgui').scrollIntoView({ block: 'start' });
    });
  }
})();
`;

/** The static YASGUI files and the start script. */
export function createQueryPageAssets(iris: IriScheme): Router {
  const assets = iris.path(iris.sparqlAssets);
  const router = Router();
  router.get(`${assets}/start.js`, (_req, res) => {
    res.type('text/javascript; charset=utf-8').send(START_SCRIPT);
  });
  router.use(assets, express.static(yasguiBuildDir(), { index: false, fallthrough: true }));
  return router;
}

/** Sends the HTML query page (GET /sparql from a browser, without a query), in the reader's language. */
export function sendQueryPage(options: QueryPageOptions): (req: Request, res: Response) => void {
  const pages = new Map<string, string>();
  return (req, res) => {
    const chosen = chosenLanguage(req);
    const { lang, text } = uiTextFor(readerLanguages(req, UI_LANGUAGES));
    if (!chosen) res.vary('Accept-Language');
    res.setHeader('Content-Language', lang);
    const key = readerVariant([lang], chosen !== undefined);
    if (!pages.has(key)) pages.set(key, renderQueryPage({ lang, text, chosenLang: chosen, site: options.site, prefixes: options.prefixes, queries: options.queries }));
    res.type('text/html; charset=utf-8').send(pages.get(key));
  };
}
