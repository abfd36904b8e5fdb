import type { Literal, NamedNode } from '@rdfjs/types';
import { html, renderHtmlPage } from './html-page.js';
import { inReaderLanguage } from './reader-language.js';
import { nameHtml, nameOf, termLink, type TermContext } from './resource-page.js';
import type { UiText } from './ui-text.js';

/** A download of the whole graph. */
export interface DumpLink {
  readonly href: string;
  readonly label: string;
  readonly mediaType: string;
}

/** What the home page lists. */
export interface HomePage extends TermContext {
  readonly lang: string;
  readonly text: UiText;
  readonly baseUrl: string;
  readonly catalog: string;
  readonly catalogDescription: readonly Literal[];
  readonly outputs: readonly NamedNode[];
  readonly people: readonly NamedNode[];
  readonly organisations: readonly NamedNode[];
  readonly projects: readonly NamedNode[];
  /** The project's ontology, when the graph has one. */
  readonly ontology?: string;
  readonly dumps: readonly DumpLink[];
  readonly jsonLd?: unknown;
}

/** The home page: what the guide is, and links to its outputs, people, catalogue, SPARQL endpoint and dumps. */
export function renderHomePage(page: HomePage): string {
  const list = (title: string, id: string, nodes: readonly NamedNode[]) =>
    nodes.length === 0 ? '' : html`<section id="${id}">
<h2>${title}</h2>
<ul>
${[...nodes]
  .sort((a, b) => nameOf(a.value, page).text.localeCompare(nameOf(b.value, page).text, page.lang))
  .map((node) => html`<li>${termLink(node, page)}</li>
`)}</ul>
</section>
`;
  const body = html`<h1>${page.text.siteName}</h1>
<p>${page.text.homeIntro}</p>
${inReaderLanguage(page.catalogDescription, page.languages).map((literal) => html`<p>${nameHtml({ text: literal.value, lang: literal.language }, page.lang)}</p>
`)}${list(page.text.outputs, 'outputs', page.outputs)}${list(page.text.people, 'people', page.people)}${list(page.text.organisations, 'organisations', page.organisations)}${list(page.text.projects, 'projects', page.projects)}<section id="explore">
<h2>${page.text.explore}</h2>
<p>${page.text.exploreIntro}</p>
<ul>
<li><a href="${page.catalog}">${page.text.catalogue}</a>: ${nameHtml(nameOf(page.catalog, page), page.lang)}</li>
<li><a href="${page.baseUrl}sparql">${page.text.sparqlEndpoint}</a></li>
${page.ontology ? html`<li><a href="${page.ontology}">${page.text.vocabulary}</a></li>
` : ''}</ul>
</section>
<section id="downloads">
<h2>${page.text.downloads}</h2>
<p>${page.text.downloadsIntro}</p>
<ul>
${page.dumps.map((dump) => html`<li><a href="${dump.href}" type="${dump.mediaType}">${page.text.wholeGraph} (${dump.label})</a></li>
`)}</ul>
</section>`;
  return renderHtmlPage({ lang: page.lang, text: page.text, title: page.text.siteName, baseUrl: page.baseUrl, body, jsonLd: page.jsonLd });
}
