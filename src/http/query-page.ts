import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import type { IriScheme } from '../graph/iri-scheme.js';
import type { NamedQuery } from '../store/named-queries.js';
import { escapeHtml, html, rawHtml, renderHtmlPage, siteLink } from './html-page.js';
import { chosenLanguage, readerLanguages } from './reader-language.js';
import { UI_LANGUAGES, uiTextFor, type UiText } from './ui-text.js';
import { RESULT_FORMATS } from '../store/result-formats.js';

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

/**
 * Overrides of YASGUI's look: editor colours with at least 4.5:1 contrast on
 * white, and no tab bar (the page has one query at a time, and YASGUI's tab
 * list lacks the ARIA children its role requires).
 */
const YASGUI_STYLE = `
#yasgui .tabsList { display: none; }
#yasgui { max-width: 100%; }
#yasgui .yasr_results, #yasgui .dataTables_wrapper { overflow-x: auto; max-width: 100%; }
#yasgui .CodeMirror { max-width: 100%; height: auto !important; }
#yasgui .CodeMirror-scroll { max-height: none; }
#yasgui .CodeMirror-linenumber { color: #595959; }
#yasgui .CodeMirror .cm-string-2, #yasgui .CodeMirror .cm-string { color: #9a3412; }
#yasgui .CodeMirror .cm-keyword { color: #6b21a8; }
#yasgui .CodeMirror .cm-atom, #yasgui .CodeMirror .cm-variable-2 { color: #1d4ed8; }
#yasgui .CodeMirror .cm-variable-3, #yasgui .CodeMirror .cm-number { color: #166534; }
#yasgui .CodeMirror .cm-comment, #yasgui .CodeMirror .cm-meta { color: #4d5b2a; }
#yasgui .CodeMirror .cm-error { color: #b91c1c; }
`;

/** Sends the HTML query page (GET /sparql from a browser, without a query), in the reader's language. */
export function sendQueryPage(options: QueryPageOptions): (req: Request, res: Response) => void {
  const { site } = options;
  // Asset links are absolute paths, as they always were: the page works whichever host name reached it.
  const assets = new URL(site.sparqlAssets).pathname;
  const endpoint = site.sparql;
  const queries = options.queries ?? [];
  const example = exampleQuery(options.prefixes);
  // JSON inside a <script> element: "<" is escaped so the text cannot close the element.
  const configFor = (text: UiText) =>
    JSON.stringify({
      endpoint,
      query: example,
      prefixes: options.prefixes,
      queries: Object.fromEntries(queries.map((query) => [query.name, query.text])),
      labels: { editor: text.queryText, endpoint: text.sparqlEndpoint, rows: text.rowsPerPage },
    }).replace(/</g, '\\u003c');
  const resultLinks = (href: (format: string) => string, attributes: boolean) =>
    html`${RESULT_FORMATS.map((format, index) => html`${index > 0 ? ' · ' : ''}<a href="${href(format.name)}" type="${format.mediaType}"${attributes ? rawHtml(` data-result-format="${escapeHtml(format.name)}"`) : ''}>${format.label}</a>`)}`;
  const pages = new Map<string, string>();
  const render = (lang: string, text: UiText, chosen: string | undefined) => {
    // Query titles and descriptions are written in English in sparql/*.rq: marked so on other pages.
    const english = (value: string) => (lang === 'en' ? html`${value}` : html`<span lang="en">${value}</span>`);
    const endpointLink = (suffix: string) => `${endpoint}${suffix}`;
    const body = html`<h1>${text.queryPageTitle}</h1>
<p>${text.queryPageIntro}</p>
<p>${text.sparqlEndpoint}: <code>${endpoint}</code> (<a href="${endpointLink('?format=turtle')}">${text.serviceDescription}</a>, <a href="${siteLink(site.queries, site.base, chosen)}">${text.namedQueries}</a>, <a href="${site.openapi}">OpenAPI</a>)</p>
<noscript>
<p class="note">${text.noScript}</p>
<form method="get" action="${endpoint}">
<p><label for="query-text">${text.queryText}</label><br>
<textarea id="query-text" name="query" rows="12" cols="80">${example}</textarea></p>
<p><label for="result-format">${text.resultFormat}</label>
<select id="result-format" name="format">
${RESULT_FORMATS.map((format) => html`<option value="${format.name}">${format.label}</option>
`)}</select>
<button type="submit">${text.submitQuery}</button></p>
</form>
</noscript>
<section id="examples" aria-labelledby="examples-heading">
<h2 id="examples-heading">${text.exampleQueries}</h2>
<p>${text.exampleQueriesIntro}</p>
<ul class="cards">
${queries.map((query) => html`<li>
<h3 id="query-${query.name}">${english(query.title)}</h3>
<p>${english(query.description)}</p>
<p><button type="button" data-named-query="${query.name}" aria-describedby="query-${query.name}" hidden>${text.runQuery}</button></p>
<p>${text.openQuery} (<a href="${site.query(query.name)}">${query.name}</a>): ${resultLinks((format) => `${site.query(query.name)}?format=${format}`, false)}</p>
</li>
`)}</ul>
</section>
<section id="editor" aria-labelledby="editor-heading">
<h2 id="editor-heading">${text.queryEditor}</h2>
<div id="yasgui"></div>
</section>
<section id="result-downloads" aria-labelledby="result-downloads-heading">
<h2 id="result-downloads-heading">${text.downloadResults}</h2>
<p>${text.downloadResultsIntro}</p>
<p>${resultLinks((format) => `${endpoint}?query=${encodeURIComponent(example)}&format=${format}`, true)}</p>
</section>
<script type="application/json" id="query-page-config">${rawHtml(configFor(text))}</script>
<script src="${assets}/yasgui.min.js"></script>
<script src="${assets}/start.js"></script>`;
    return renderHtmlPage({
      lang,
      text,
      title: text.queryPageTitle,
      site,
      body,
      head: html`<link rel="stylesheet" href="${assets}/yasgui.min.css">
<style>${rawHtml(YASGUI_STYLE)}</style>
`,
      alternates: [{ href: `${endpoint}?format=turtle`, type: 'text/turtle', title: 'SPARQL service description (Turtle)' }],
      pageUrl: endpoint,
      chosenLang: chosen,
    });
  };
  return (req, res) => {
    const chosen = chosenLanguage(req);
    const { lang, text } = uiTextFor(readerLanguages(req, UI_LANGUAGES));
    if (!chosen) res.vary('Accept-Language');
    res.setHeader('Content-Language', lang);
    const key = `${lang}${chosen ? '-picked' : ''}`;
    if (!pages.has(key)) pages.set(key, render(lang, text, chosen));
    res.type('text/html; charset=utf-8').send(pages.get(key));
  };
}
