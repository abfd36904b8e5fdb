import type { IriScheme } from '../graph/iri-scheme.js';
import type { NamedQuery } from '../store/named-queries.js';
import { RESULT_FORMATS } from '../store/result-formats.js';
import { escapeHtml, html, rawHtml, renderHtmlPage, siteLink } from './html-page.js';
import type { UiText } from './ui-text.js';

/** What the SPARQL query page is pre-filled with, in one reader language. */
export interface QueryPage {
  readonly lang: string;
  readonly text: UiText;
  /** The language the reader picked with `?lang=`, if any. */
  readonly chosenLang?: string;
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

/** The HTML query page: the endpoint's address, a form that works without scripts, the named queries as examples, and YASGUI; a note instead when the site has no endpoint. */
export function renderQueryPage(page: QueryPage): string {
  const { site, lang, text } = page;
  const chosen = page.chosenLang;
  // Asset links are absolute paths, as they always were: the page works whichever host name reached it.
  const assets = new URL(site.sparqlAssets).pathname;
  const endpoint = site.sparqlEndpoint;
  if (endpoint === undefined) {
    const body = html`<h1>${text.queryPageTitle}</h1>
<p>${text.noSparqlEndpoint}</p>
<p><a href="${siteLink(site.base, site.base, chosen)}#downloads">${text.downloads}</a></p>`;
    return renderHtmlPage({ lang, text, title: text.queryPageTitle, site, body, pageUrl: site.sparql, chosenLang: chosen });
  }
  // The named queries (and their OpenAPI description) are answered by this site's own endpoint only.
  const own = site.hasOwnSparqlEndpoint;
  const queries = own ? (page.queries ?? []) : [];
  const example = exampleQuery(page.prefixes);
  // JSON inside a <script> element: "<" is escaped so the text cannot close the element.
  const configFor = (text: UiText) =>
    JSON.stringify({
      endpoint,
      query: example,
      prefixes: page.prefixes,
      queries: Object.fromEntries(queries.map((query) => [query.name, query.text])),
      labels: { editor: text.queryText, endpoint: text.sparqlEndpoint, rows: text.rowsPerPage },
    }).replace(/</g, '\\u003c');
  const resultLinks = (href: (format: string) => string, attributes: boolean) =>
    html`${RESULT_FORMATS.map((format, index) => html`${index > 0 ? ' · ' : ''}<a href="${href(format.name)}" type="${format.mediaType}"${attributes ? rawHtml(` data-result-format="${escapeHtml(format.name)}"`) : ''}>${format.label}</a>`)}`;
  // Query titles and descriptions are written in English in sparql/*.rq: marked so on other pages.
  const english = (value: string) => (lang === 'en' ? html`${value}` : html`<span lang="en">${value}</span>`);
  const endpointLink = (suffix: string) => `${endpoint}${suffix}`;
  const ownLinks = own ? html`, <a href="${siteLink(site.queries, site.base, chosen)}">${text.namedQueries}</a>, <a href="${site.openapi}">OpenAPI</a>` : '';
  const body = html`<h1>${text.queryPageTitle}</h1>
<p>${text.queryPageIntro}</p>
<p>${text.sparqlEndpoint}: <code>${endpoint}</code> (<a href="${endpointLink('?format=turtle')}">${text.serviceDescription}</a>${ownLinks})</p>
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
${queries.length > 0 ? html`<section id="examples" aria-labelledby="examples-heading">
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
` : ''}<section id="editor" aria-labelledby="editor-heading">
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
    pageUrl: site.sparql,
    chosenLang: chosen,
  });
}
