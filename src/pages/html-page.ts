import type { IriScheme } from '../graph/iri-scheme.js';
import { LANGUAGE_PARAMETER } from './reader-language.js';
import { LANGUAGE_NAMES, UI_LANGUAGES, type UiText } from './ui-text.js';

/** Markup that is already escaped; only `html` and `rawHtml` make one. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What may be interpolated into `html`: text is escaped, SafeHtml is kept, lists are joined, nothing-values vanish. */
export type HtmlValue = SafeHtml | string | number | undefined | null | false | readonly HtmlValue[];

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A template tag that escapes every interpolated value, so no page can forget to. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0]!;
  values.forEach((value, index) => {
    markup += renderValue(value) + strings[index + 1]!;
  });
  return new SafeHtml(markup);
}

/** Marks markup produced elsewhere as safe; the caller vouches for it. */
export function rawHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function renderValue(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  return escapeHtml(String(value));
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&`
 * become JSON escapes, so no value can close the element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The favicon's media type; image/x-icon is the name every browser knows. */
export const FAVICON_TYPE = 'image/x-icon';

/** A link to another representation of the page, for `<link rel="alternate">`. */
export interface AlternateLink {
  readonly href: string;
  readonly type: string;
  readonly title: string;
}

/** A `<meta>` element of the head: `name` (Highwire `citation_*`, Dublin Core `DC.*`) or `property` (OpenGraph `og:*`). */
export interface MetaTag {
  readonly name?: string;
  readonly property?: string;
  readonly content: string;
  /** The language of `content`, when it differs from the page's. */
  readonly lang?: string;
}

/** A `<link>` element of the head other than the alternates: `rel="schema.DC"`, `rel="canonical"`… */
export interface HeadLink {
  readonly rel: string;
  readonly href: string;
}

/** What a page is made of; the layout around it is the same for every page. */
export interface PageOptions {
  readonly lang: string;
  readonly text: UiText;
  readonly title: string;
  /** The site's URLs, for the navigation links. */
  readonly site: IriScheme;
  readonly body: SafeHtml;
  readonly alternates?: readonly AlternateLink[];
  /** Embedded as schema.org JSON-LD for search engines. */
  readonly jsonLd?: unknown;
  /** This page's address without `?lang=`, so the language switch keeps the reader on it; the home page when absent. */
  readonly pageUrl?: string;
  /** The language the reader picked with `?lang=`, carried on links to the site's own pages so it sticks while they browse. */
  readonly chosenLang?: string;
  /** Metadata for the programs that read pages (Google Scholar, Zotero, link previews), in the head. */
  readonly meta?: readonly MetaTag[];
  /** Links of the head beside the alternates (the Dublin Core schema links, the canonical address). */
  readonly headLinks?: readonly HeadLink[];
  /** Extra elements for `<head>` (a page's own stylesheet). */
  readonly head?: SafeHtml;
  /** The page of this record's changes, linked at the end of the page, when the site keeps a history. */
  readonly history?: string;
}

/** `href` with `?lang=` set to `lang` (replacing any), keeping its other parameters and fragment. */
export function withLanguage(href: string, lang: string): string {
  const hashAt = href.indexOf('#');
  const fragment = hashAt === -1 ? '' : href.slice(hashAt);
  const beforeHash = hashAt === -1 ? href : href.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : beforeHash.slice(queryAt + 1));
  params.set(LANGUAGE_PARAMETER, lang);
  return `${path}?${params.toString()}${fragment}`;
}

/** A link to one of the site's own pages keeps the language the reader picked; other links are left alone. */
export function siteLink(href: string, baseUrl: string, chosenLang: string | undefined): string {
  return chosenLang && href.startsWith(baseUrl) ? withLanguage(href, chosenLang) : href;
}

// System fonts only and no external file: the pages work offline and behind strict policies.
// Colours keep at least 4.5:1 contrast on their backgrounds (WCAG AA for body text).
const STYLE = `
:root { color-scheme: light; --fg: #1b1b1b; --muted: #4d4d4d; --link: #0a4f96; --line: #c8ced6; --band: #eef2f7; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.5; margin: 0; color: var(--fg); background: #fff; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip-link { position: absolute; left: -100vw; top: 0.5rem; background: #fff; padding: 0.5rem 1rem; z-index: 100; }
.skip-link:focus { left: 0.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.site-header, .site-footer { background: var(--band); }
.site-header { border-bottom: 1px solid var(--line); }
.site-footer { border-top: 1px solid var(--line); margin-top: 3rem; font-size: 0.95rem; }
.bar { max-width: 64rem; margin: 0 auto; padding: 0.75rem 1rem; display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; }
.site-name { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
nav a { display: inline-block; padding: 0.2rem 0; }
.language-switch [aria-current] { font-weight: 700; }
main { display: block; max-width: 64rem; margin: 0 auto; padding: 0.5rem 1rem 1rem; }
h1 { font-size: clamp(1.5rem, 2.5vw + 1rem, 2.2rem); line-height: 1.2; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; }
dl { display: grid; grid-template-columns: minmax(9rem, 15rem) minmax(0, 1fr); gap: 0.35rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
dd ul { margin: 0; padding-left: 1.2rem; }
.curie, .iri { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.85em; color: var(--muted); overflow-wrap: anywhere; }
.note { color: var(--muted); }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.75rem; }
.cards > li { border: 1px solid var(--line); border-radius: 0.4rem; padding: 0.6rem 0.8rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; }
table { border-collapse: collapse; }
pre { overflow-x: auto; background: var(--band); padding: 0.5rem; }
button { font: inherit; padding: 0.3rem 0.9rem; border: 1px solid var(--link); border-radius: 0.3rem; background: var(--link); color: #fff; cursor: pointer; }
textarea, select { font: inherit; max-width: 100%; }
/* Record pages: what a thing is, then the one thing to do with it, then the rest. */
.eyebrow { margin: 1.25rem 0 0; color: var(--muted); font-weight: 600; }
.eyebrow + h1 { margin-top: 0.25rem; }
.byline { list-style: none; padding: 0; margin: 0.5rem 0 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; font-size: 1.05rem; }
.affiliation { color: var(--muted); }
.actions { margin: 1.25rem 0; }
.primary-action { display: inline-block; padding: 0.6rem 1.2rem; border-radius: 0.3rem; background: var(--link); color: #fff; font-weight: 600; text-decoration: none; }
.primary-action:hover { text-decoration: underline; }
.keywords, .choices { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 0.75rem; }
.keywords li { border: 1px solid var(--line); border-radius: 1rem; padding: 0.1rem 0.75rem; }
.choices [aria-current] { font-weight: 700; }
.citation { border-left: 4px solid var(--link); background: var(--band); padding: 0.6rem 1rem; overflow-wrap: anywhere; }
details > summary { cursor: pointer; font-weight: 600; padding: 0.3rem 0; }
@media (max-width: 40rem) {
  dl { grid-template-columns: minmax(0, 1fr); }
  dd { margin-bottom: 0.5rem; }
  .bar { padding: 0.5rem 1rem; }
}
`;

/** A whole HTML page: valid, readable without scripts, with alternates and embedded JSON-LD. */
export function renderHtmlPage(options: PageOptions): string {
  const { text, site, chosenLang } = options;
  const baseUrl = site.base;
  const link = (href: string) => siteLink(href, baseUrl, chosenLang);
  const pageUrl = options.pageUrl ?? baseUrl;
  const languages = UI_LANGUAGES.map((language) =>
    language === options.lang
      ? html`<li><a href="${withLanguage(pageUrl, language)}" hreflang="${language}" lang="${language}" aria-current="true">${LANGUAGE_NAMES[language]}</a></li>
`
      : html`<li><a href="${withLanguage(pageUrl, language)}" hreflang="${language}" lang="${language}">${LANGUAGE_NAMES[language]}</a></li>
`,
  );
  const page = html`<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${text.siteName}</title>
<link rel="icon" href="${site.favicon}" type="${FAVICON_TYPE}" sizes="32x32">
${(options.alternates ?? []).map((alternate) => html`<link rel="alternate" type="${alternate.type}" href="${alternate.href}" title="${alternate.title}">
`)}${UI_LANGUAGES.filter((language) => language !== options.lang).map((language) => html`<link rel="alternate" hreflang="${language}" href="${withLanguage(pageUrl, language)}">
`)}${(options.headLinks ?? []).map((link) => html`<link rel="${link.rel}" href="${link.href}">
`)}${(options.meta ?? []).map((tag) => html`<meta ${tag.property === undefined ? html`name="${tag.name ?? ''}"` : html`property="${tag.property}"`} content="${tag.content}"${tag.lang ? html` lang="${tag.lang}"` : ''}>
`)}<style>${rawHtml(STYLE)}</style>
${options.head ?? ''}${options.jsonLd === undefined ? '' : html`<script type="application/ld+json">
${rawHtml(jsonForScript(options.jsonLd))}
</script>
`}</head>
<body>
<a class="skip-link" href="#content">${text.skipToContent}</a>
<header class="site-header">
<div class="bar">
<a class="site-name" href="${link(baseUrl)}" lang="en">${text.siteName}</a>
<nav aria-label="${text.navigation}">
<ul>
<li><a href="${link(site.catalog.value)}">${text.catalog}</a></li>
<li><a href="${link(site.sparql)}">${text.sparqlEndpoint}</a></li>
${site.hasOwnSparqlEndpoint ? html`<li><a href="${link(site.queries)}">${text.namedQueries}</a></li>
` : ''}<li><a href="${link(baseUrl)}#downloads">${text.downloads}</a></li>
</ul>
</nav>
<nav class="language-switch" aria-label="${text.languageSwitch}">
<ul>
${languages}</ul>
</nav>
</div>
</header>
<main id="content">
${options.body}
${options.history ? html`<p class="record-history"><a href="${link(options.history)}">${text.recordHistory}</a></p>
` : ''}</main>
<footer class="site-footer">
<div class="bar">
<p>${text.footer}</p>
</div>
</footer>
</body>
</html>
`;
  return page.markup;
}
