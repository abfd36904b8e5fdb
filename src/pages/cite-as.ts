import { html, type SafeHtml } from './html-page.js';
import type { UiText } from './ui-text.js';

/** One choice a reader can make with a plain link (a citation style, a language): no script needed. */
export interface CitationChoice {
  /** What identifies it (`apa`, `fr`). */
  readonly key: string;
  readonly label: string;
  /** This page with that choice made. */
  readonly href: string;
}

/** A download of the reference in a citation format (BibTeX, RIS, CSL-JSON). */
export interface CitationDownload {
  readonly label: string;
  readonly href: string;
  readonly mediaType: string;
}

/**
 * What the "Cite as" section of an output's page shows, made by the citation
 * formatter: the reference in one style and language, the other styles and
 * languages to pick from, and the reference's downloads.
 */
export interface CiteAs {
  /** The formatted reference: markup the formatter vouches for, or plain text (escaped here). */
  readonly formatted: SafeHtml | string;
  /** The key of the style it is formatted in (one of `styles`). */
  readonly style: string;
  /** The language it is formatted in (BCP 47), which may differ from the page's. */
  readonly locale: string;
  /** The styles to pick from; the current one is marked. */
  readonly styles: readonly CitationChoice[];
  /** The languages to pick from (by `key`, a BCP 47 tag); none shown when absent. */
  readonly locales?: readonly CitationChoice[];
  readonly downloads: readonly CitationDownload[];
}

/** The "Cite as" section: the formatted reference, style and language pickers as links, and the downloads. */
export function citeAsSection(citeAs: CiteAs, text: UiText, pageLang: string): SafeHtml {
  const picker = (id: string, label: string, choices: readonly CitationChoice[], current: string) =>
    choices.length === 0 ? '' : html`<div role="group" aria-labelledby="${id}">
<p id="${id}">${label}</p>
<ul class="choices">
${choices.map((choice) => html`<li><a href="${choice.href}"${choice.key === current ? html` aria-current="true"` : ''}>${choice.label}</a></li>
`)}</ul>
</div>
`;
  const lang = citeAs.locale.toLowerCase() === pageLang ? '' : html` lang="${citeAs.locale}"`;
  return html`<section id="cite" aria-labelledby="cite-heading">
<h2 id="cite-heading">${text.citeAs}</h2>
<div class="citation"${lang}>${citeAs.formatted}</div>
${picker('cite-styles', text.citationStyle, citeAs.styles, citeAs.style)}${picker('cite-locales', text.citationLanguage, citeAs.locales ?? [], citeAs.locale)}${citeAs.downloads.length > 0 ? html`<p>${text.downloadCitation}</p>
<ul class="choices">
${citeAs.downloads.map((download) => html`<li><a href="${download.href}" type="${download.mediaType}">${download.label}</a></li>
`)}</ul>
` : ''}</section>
`;
}
