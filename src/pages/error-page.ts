import type { IriScheme } from '../graph/iri-scheme.js';
import { html, renderHtmlPage, siteLink } from './html-page.js';
import type { UiText } from './ui-text.js';

/** What an error page says: the problem (RFC 9457 fields) in the reader's interface language. */
export interface ErrorPage {
  readonly lang: string;
  readonly text: UiText;
  readonly site: IriScheme;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** Shown for server-side errors, so the reader can quote it. */
  readonly requestId?: string;
  /** The failed address without `?lang=`, for the language switch; the home page when absent. */
  readonly pageUrl?: string;
  /** The language the reader picked with `?lang=`, if any. */
  readonly chosenLang?: string;
}

/** The HTML body of an error response: status, title and detail (written in English, marked so), and the way back. */
export function renderErrorPage(page: ErrorPage): string {
  const { lang, text, site, chosenLang: chosen } = page;
  const english = (markup: string) => (lang === 'en' ? html`${markup}` : html`<span lang="en">${markup}</span>`);
  const body = html`<h1>${page.status} ${english(page.title)}</h1>
<p>${english(page.detail)}</p>
${page.requestId !== undefined ? html`<p>${english('Request id:')} <code>${page.requestId}</code></p>
` : ''}<p>${text.errorPageIntro}</p>
<ul>
<li><a href="${siteLink(site.base, site.base, chosen)}">${text.backHome}</a></li>
<li><a href="${siteLink(site.catalog.value, site.base, chosen)}">${text.catalog}</a></li>
</ul>`;
  return renderHtmlPage({ lang, text, title: `${page.status} ${page.title}`, site, body, pageUrl: page.pageUrl, chosenLang: chosen });
}
