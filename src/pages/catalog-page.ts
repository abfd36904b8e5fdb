import type { Literal } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import { html, renderHtmlPage, siteLink, type AlternateLink } from './html-page.js';
import type { UiText } from './ui-text.js';

/** One dataset listed on a catalogue page. */
export interface CatalogEntry {
  /** Where its description is read (its document under the base, else the IRI itself). */
  readonly href: string;
  readonly name: string;
}

/** What one HTML page of the paged catalogue shows. */
export interface CatalogPageView {
  readonly lang: string;
  readonly text: UiText;
  readonly site: IriScheme;
  /** The language the reader picked with `?lang=`, if any. */
  readonly chosenLang?: string;
  readonly title: string;
  readonly description?: Literal;
  readonly totalItems: number;
  readonly page: number;
  readonly lastPage: number;
  readonly datasets: readonly CatalogEntry[];
  /** The address of page `n`, in the format of `extension` or negotiated. */
  pageUrl(n: number, extension?: string): string;
  /** This page in each RDF format, for links and `<link rel="alternate">`. */
  readonly formats: readonly { readonly extension: string; readonly mediaType: string; readonly label: string }[];
  readonly jsonLd?: unknown;
}

/** A page of the catalogue for people: its datasets, a pager (first, next, last) and the same page as data. */
export function renderCatalogPage(page: CatalogPageView): string {
  const { text, site } = page;
  const link = (href: string) => siteLink(href, site.base, page.chosenLang);
  const pager = [
    { rel: 'first', n: 1, label: text.firstPage },
    ...(page.page < page.lastPage ? [{ rel: 'next', n: page.page + 1, label: text.nextPage }] : []),
    { rel: 'last', n: page.lastPage, label: text.lastPage },
  ];
  const body = html`<h1>${page.title}</h1>
${page.description ? html`<p>${page.description.value}</p>
` : ''}<p>${page.totalItems} · ${page.page}/${page.lastPage}</p>
<ul>
${page.datasets.map((dataset) => html`<li><a href="${link(dataset.href)}">${dataset.name}</a></li>
`)}</ul>
<nav aria-label="${text.pages}">
<ul>
${pager.map((entry) => html`<li><a rel="${entry.rel}" href="${link(page.pageUrl(entry.n))}">${entry.label} (${entry.n})</a></li>
`)}</ul>
</nav>
<p>${page.formats.map((format, index) => html`${index > 0 ? ' · ' : ''}<a href="${page.pageUrl(page.page, format.extension)}" type="${format.mediaType}">${format.label}</a>`)}</p>`;
  const alternates: AlternateLink[] = page.formats.map((format) => ({ href: page.pageUrl(page.page, format.extension), type: format.mediaType, title: format.label }));
  return renderHtmlPage({
    lang: page.lang,
    text,
    title: page.title,
    site,
    body,
    pageUrl: page.pageUrl(page.page),
    chosenLang: page.chosenLang,
    alternates,
    jsonLd: page.jsonLd,
  });
}
