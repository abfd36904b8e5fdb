import type { UiText } from './ui-text.js';

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

/** A link to another representation of the page, for `<link rel="alternate">`. */
export interface AlternateLink {
  readonly href: string;
  readonly type: string;
  readonly title: string;
}

/** What a page is made of; the layout around it is the same for every page. */
export interface PageOptions {
  readonly lang: string;
  readonly text: UiText;
  readonly title: string;
  /** The public base, for the navigation links. */
  readonly baseUrl: string;
  readonly body: SafeHtml;
  readonly alternates?: readonly AlternateLink[];
  /** Embedded as schema.org JSON-LD for search engines. */
  readonly jsonLd?: unknown;
}

const STYLE = `
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; }
header, footer { border-bottom: 1px solid #ccc; padding: 0.5rem 0; }
footer { border-top: 1px solid #ccc; border-bottom: 0; margin-top: 2rem; font-size: 0.9rem; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
dl { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
dd ul { margin: 0; padding-left: 1.2rem; }
.curie, .iri { font-family: ui-monospace, monospace; font-size: 0.85em; color: #555; word-break: break-all; }
section { margin-top: 1.5rem; }
`;

/** A whole HTML page: valid, readable without scripts, with alternates and embedded JSON-LD. */
export function renderHtmlPage(options: PageOptions): string {
  const { text, baseUrl } = options;
  const page = html`<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${text.siteName}</title>
${(options.alternates ?? []).map((link) => html`<link rel="alternate" type="${link.type}" href="${link.href}" title="${link.title}">
`)}<style>${rawHtml(STYLE)}</style>
${options.jsonLd === undefined ? '' : html`<script type="application/ld+json">
${rawHtml(jsonForScript(options.jsonLd))}
</script>
`}</head>
<body>
<header>
<nav aria-label="${text.navigation}">
<ul>
<li><a href="${baseUrl}">${text.siteName}</a></li>
<li><a href="${baseUrl}id/catalog">${text.catalogue}</a></li>
<li><a href="${baseUrl}sparql">${text.sparqlEndpoint}</a></li>
<li><a href="${baseUrl}#downloads">${text.downloads}</a></li>
</ul>
</nav>
</header>
<main>
${options.body}
</main>
<footer>
<p>${text.footer}</p>
</footer>
</body>
</html>
`;
  return page.markup;
}
