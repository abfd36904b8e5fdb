import type { IriScheme } from '../graph/iri-scheme.js';
import type { NamedQuery } from '../store/named-queries.js';
import { RESULT_FORMATS } from '../store/result-formats.js';
import { html, renderHtmlPage, siteLink } from './html-page.js';
import type { UiText } from './ui-text.js';

/** What the named-queries page shows. */
export interface QueriesPage {
  readonly lang: string;
  readonly text: UiText;
  /** The site's URLs. */
  readonly site: IriScheme;
  readonly queries: readonly NamedQuery[];
  readonly chosenLang?: string;
}

/** The named queries for people: what each asks, its parameters, its query text and links to its results in each format. */
export function renderQueriesPage(page: QueriesPage): string {
  const { text, site } = page;
  // The queries' own words (sparql/*.rq headers) are English; marked so on a page in another language.
  const english = (value: string) => (page.lang === 'en' ? html`${value}` : html`<span lang="en">${value}</span>`);
  const body = html`<h1>${text.namedQueries}</h1>
<p>${text.namedQueriesIntro}</p>
<p><a href="${siteLink(site.sparql, site.base, page.chosenLang)}">${text.queryPageTitle}</a> · <a href="${site.openapi}" type="application/json">OpenAPI</a> · <a href="${site.queries}?format=json" type="application/json">JSON</a></p>
${page.queries.map((query) => html`<section id="${query.name}" aria-labelledby="${query.name}-heading">
<h2 id="${query.name}-heading">${english(query.title)}</h2>
<p>${english(query.description)}</p>
${query.parameters.length > 0 ? html`<h3>${text.parameters}</h3>
<ul>
${query.parameters.map((parameter) => html`<li><code>${parameter.name}</code> (${parameter.type}${parameter.required ? html`, ${text.required}` : ''}): ${english(parameter.description)}</li>
`)}</ul>
` : ''}<h3>${text.results}</h3>
<ul>
${RESULT_FORMATS.map(({ name, label, mediaType }) => html`<li><a href="${site.query(query.name)}?format=${name}" type="${mediaType}">${label}</a></li>
`)}</ul>
<details>
<summary>${text.queryText}</summary>
<pre><code>${query.text}</code></pre>
</details>
</section>
`)}`;
  return renderHtmlPage({
    lang: page.lang,
    text,
    title: text.namedQueries,
    site,
    body,
    alternates: [
      { href: `${site.queries}?format=json`, type: 'application/json', title: 'Named queries (JSON)' },
      { href: site.openapi, type: 'application/vnd.oai.openapi+json', title: 'OpenAPI 3.1' },
    ],
    pageUrl: site.queries,
    chosenLang: page.chosenLang,
  });
}
