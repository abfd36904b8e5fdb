import type { IriScheme } from '../graph/iri-scheme.js';
import type { CslItem } from '../citation/citation-item.js';
import { formattedCitation } from '../citation/citation-formats.js';
import { citationDownloads } from '../citation/citation-links.js';
import { CITATION_LOCALES, CITATION_STYLES, DEFAULT_CITATION_STYLE } from '../citation/citation-options.js';
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

/** What the output's page formats its reference with, and where the page is. */
export interface CiteAsRequest {
  readonly item: CslItem;
  /** The output's IRI, for the download links. */
  readonly resource: string;
  readonly site: IriScheme;
  /** The style and locale asked for with `?style=` and `?locale=`, already checked; absent, the defaults for the page's language. */
  readonly style?: string;
  readonly locale?: string;
  /** The page's address (without query), and the language the reader picked with `?lang=`, which the pickers' links keep. */
  readonly pageUrl: string;
  readonly pageLang: string;
  readonly chosenLang?: string;
}

/** The citation locale a page in this language formats its reference in, unless the reader picks another. */
export function defaultCitationLocale(pageLang: string): string {
  return pageLang === 'fr' ? 'fr-CA' : 'en-CA';
}

/** The "Cite as" content of an output's page: the reference formatted (HTML), a picker link per style and per locale, the downloads. */
export function citeAsFor(request: CiteAsRequest): CiteAs {
  const style = request.style ?? DEFAULT_CITATION_STYLE.id;
  const locale = request.locale ?? defaultCitationLocale(request.pageLang);
  // A choice keeps the other one and the reader's language; defaults stay out of the URL.
  const href = (choice: { style: string; locale: string }) => {
    const query = new URLSearchParams();
    if (choice.style !== DEFAULT_CITATION_STYLE.id) query.set('style', choice.style);
    if (choice.locale !== defaultCitationLocale(request.pageLang)) query.set('locale', choice.locale);
    if (request.chosenLang) query.set('lang', request.chosenLang);
    const search = query.toString();
    return search ? `${request.pageUrl}?${search}` : request.pageUrl;
  };
  return {
    // Plain text, escaped by the page: citeproc's HTML passes markup in the data (`<b>`, `<i>`) through as markup.
    formatted: formattedCitation(request.item, style, locale, 'text'),
    style,
    locale,
    styles: CITATION_STYLES.map((option) => ({ key: option.id, label: option.label, href: href({ style: option.id, locale }) })),
    locales: CITATION_LOCALES.map((option) => ({ key: option.tag, label: option.label, href: href({ style, locale: option.tag }) })),
    downloads: citationDownloads(request.site, request.resource).map((link) => ({ label: link.label, href: link.href, mediaType: link.type })),
  };
}
