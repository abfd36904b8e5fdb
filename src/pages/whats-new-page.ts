import { DataFactory } from 'n3';
import type { Literal, Quad, Term } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import type { ChangeKind } from '../history/release-changes.js';
import { html, renderHtmlPage, siteLink, type SafeHtml } from './html-page.js';
import { nameHtml, nameOf, prefixedName, readableName, termLink, type TermContext } from './resource-page.js';
import type { UiText } from './ui-text.js';

/** One resource's change in one release, as a page shows it. */
export interface ChangeView {
  readonly resource: string;
  readonly kind: ChangeKind;
  /** The resource's history page, where this change has a section of its own. */
  readonly historyUrl: string;
  /** The change's section on that page (also the IRI of the change-stream activity). */
  readonly changeUrl: string;
  /** The resource's document as this release published it (a memento); none for a removal. */
  readonly mementoUrl?: string;
  /** The statements the change took away. */
  readonly before: readonly Quad[];
  /** The statements the change put in. */
  readonly after: readonly Quad[];
}

/** A release and its changes, with the names its graph (and the one before, for what it removed) gives terms. */
export interface ReleaseView {
  readonly id: string;
  readonly datetime: Date;
  readonly changes: readonly ChangeView[];
  labels(node: Term): Literal[];
}

/** What both pages need besides their content. */
interface ChangePageBase {
  readonly lang: string;
  readonly text: UiText;
  readonly site: IriScheme;
  /** The reader's languages, best first. */
  readonly languages: readonly string[];
  readonly prefixes: Readonly<Record<string, string>>;
  readonly chosenLang?: string;
}

/** The "what's new" page: releases newest first, in pages. */
export interface WhatsNewPage extends ChangePageBase {
  /** The releases on this page, newest first. */
  readonly releases: readonly ReleaseView[];
  readonly page: number;
  readonly lastPage: number;
  pageUrl(page: number): string;
}

/** The page of one resource's changes. */
export interface ResourceHistoryPage extends ChangePageBase {
  readonly resource: string;
  /** Every change of the resource, newest first, each with its release. */
  readonly changes: readonly { readonly release: ReleaseView; readonly change: ChangeView }[];
  /** The resource's document now, when it is still published. */
  readonly documentUrl?: string;
  readonly pageUrl: string;
}

/** Releases newest first; for each, the records added and removed by name, and for each changed one its statements before and after. */
export function renderWhatsNewPage(page: WhatsNewPage): string {
  const link = (href: string) => siteLink(href, page.site.base, page.chosenLang);
  const body = html`<h1>${page.text.whatsNew}</h1>
<p>${page.text.whatsNewIntro}</p>
<p>${page.text.changeStreamIntro} <a href="${page.site.changes()}">${page.text.changeStream}</a></p>
${page.releases.length === 0 ? html`<p>${page.text.noReleases}</p>` : ''}${page.releases.map((release) => releaseSection(release, page))}${page.lastPage > 1 ? html`<nav aria-label="${page.text.pages}">
<ul>
${page.page > 1 ? html`<li><a href="${link(page.pageUrl(page.page - 1))}" rel="prev">${page.text.newerReleases}</a></li>
` : ''}${page.page < page.lastPage ? html`<li><a href="${link(page.pageUrl(page.page + 1))}" rel="next">${page.text.olderReleases}</a></li>
` : ''}</ul>
</nav>` : ''}`;
  return renderHtmlPage({
    lang: page.lang,
    text: page.text,
    title: page.text.whatsNew,
    site: page.site,
    body,
    alternates: [{ href: page.site.changes(), type: 'application/trig', title: page.text.changeStream }],
    pageUrl: page.pageUrl(page.page),
    chosenLang: page.chosenLang,
  });
}

/** One resource's changes, newest first, each in the section the change stream's activity names. */
export function renderResourceHistoryPage(page: ResourceHistoryPage): string {
  const newest = page.changes[0]?.release;
  const context = (release: ReleaseView | undefined) => termContext(page, release);
  const name = nameOf(page.resource, context(newest));
  const link = (href: string) => siteLink(href, page.site.base, page.chosenLang);
  const kindName = { created: page.text.recordAdded, updated: page.text.recordChanged, removed: page.text.recordRemoved } as const;
  const body = html`<h1>${page.text.historyOf}: ${nameHtml(name, page.lang)}</h1>
<p>${page.text.identifier}: ${page.documentUrl ? html`<a class="iri" href="${link(page.documentUrl)}">${page.resource}</a>` : html`<span class="iri">${page.resource}</span>`}</p>
<p>${page.text.historyIntro}</p>
${page.changes.map(({ release, change }) => html`<section id="${fragmentOf(change.changeUrl)}" aria-labelledby="${fragmentOf(change.changeUrl)}-heading">
<h2 id="${fragmentOf(change.changeUrl)}-heading">${kindName[change.kind]}: ${releaseTime(release, page.lang)}</h2>
<p>${change.mementoUrl ? html`<a href="${change.mementoUrl}">${page.text.asPublishedThen}</a> · ` : ''}<a href="${link(`${page.site.whatsNew}#release-${release.id}`)}">${page.text.whatsNew}: ${page.text.inThisRelease}</a></p>
${statementChange(change, release, page, true)}
</section>
`)}`;
  return renderHtmlPage({
    lang: page.lang,
    text: page.text,
    title: `${page.text.historyOf}: ${name.text}`,
    site: page.site,
    body,
    pageUrl: page.pageUrl,
    chosenLang: page.chosenLang,
  });
}

function releaseSection(release: ReleaseView, page: WhatsNewPage): SafeHtml {
  const context = { ...termContext(page, release), lang: page.lang };
  const link = (href: string) => siteLink(href, page.site.base, page.chosenLang);
  const historyLink = (change: ChangeView) => html`<a href="${link(change.changeUrl)}" class="note">${page.text.historyOf}</a>`;
  const group = (kind: ChangeKind, title: string, content: (changes: readonly ChangeView[]) => SafeHtml) => {
    const changes = release.changes.filter((change) => change.kind === kind);
    return changes.length === 0 ? '' : html`<h3>${title} (${changes.length})</h3>
${content(changes)}
`;
  };
  const added = (changes: readonly ChangeView[]) => html`<ul>
${changes.map((change) => html`<li>${termLink(DataFactory.namedNode(change.resource), context)} · ${historyLink(change)}</li>
`)}</ul>`;
  // Not named sections: the same record can change in several releases of a page, and landmarks need unique names.
  const changed = (changes: readonly ChangeView[]) => html`${changes.map((change) => html`<section>
<h4>${termLink(DataFactory.namedNode(change.resource), context)} · ${historyLink(change)}</h4>
${statementChange(change, release, page, false)}
</section>
`)}`;
  // A removed record has no document any more: it is named, and its history linked.
  const removed = (changes: readonly ChangeView[]) => html`<ul>
${changes.map((change) => html`<li>${nameHtml(nameOf(change.resource, context), page.lang)} · ${historyLink(change)}</li>
`)}</ul>`;
  return html`<section id="release-${release.id}" aria-labelledby="release-${release.id}-heading">
<h2 id="release-${release.id}-heading">${releaseTime(release, page.lang)}</h2>
${group('created', page.text.added, added)}${group('updated', page.text.changed, changed)}${group('removed', page.text.removed, removed)}</section>
`;
}

/**
 * The statements a change took away and put in. On "what's new" only an
 * update shows them (an addition or removal is the whole record); a history
 * page shows them for every change.
 */
function statementChange(change: ChangeView, release: ReleaseView, page: ChangePageBase, always: boolean): SafeHtml | '' {
  const context = { ...termContext(page, release), lang: page.lang };
  const list = (quads: readonly Quad[]) =>
    quads.length === 0 ? html`—` : html`<ul>
${inReadingOrder(quads, change.resource).map((statement) => html`<li>${statementHtml(statement, change.resource, context, page)}</li>
`)}</ul>`;
  if (change.kind === 'updated') {
    return html`<dl>
<dt>${page.text.before}</dt>
<dd>${list(change.before)}</dd>
<dt>${page.text.after}</dt>
<dd>${list(change.after)}</dd>
</dl>`;
  }
  if (!always) return '';
  return html`<details>
<summary>${page.text.statements}</summary>
${list(change.kind === 'removed' ? change.before : change.after)}
</details>`;
}

/**
 * A statement in words: what it is about when that is not the record itself
 * (a part, `#distribution-x`, named by its label or fragment; the record's
 * catalogue record), the property's name and prefixed name, the value.
 */
function statementHtml(statement: Quad, resource: string, context: TermContext & { readonly lang: string }, page: ChangePageBase): SafeHtml {
  const about = statement.subject;
  const isPart = about.value.startsWith(`${resource}#`);
  const aboutName = context.labels(about).length > 0 || !isPart ? nameHtml(nameOf(about.value, context), page.lang) : html`${about.value.slice(resource.length)}`;
  const subject = about.value === resource ? '' : html`<span class="note">${isPart ? html`${page.text.part}: ` : ''}${aboutName}</span> `;
  const predicate = statement.predicate.value;
  const value = statement.object.termType === 'Literal'
    ? nameHtml(statement.object.language ? { text: statement.object.value, lang: statement.object.language } : { text: statement.object.value }, page.lang)
    : termLink(statement.object, context);
  return html`${subject}${readableName(predicate)} <span class="curie">${prefixedName(predicate, page.prefixes) ?? predicate}</span>: ${value}`;
}

/** The record's own statements first, then its parts', then those of other subjects (its catalogue record); by property name within each. */
function inReadingOrder(quads: readonly Quad[], resource: string): Quad[] {
  const rank = (quad: Quad) => (quad.subject.value === resource ? 0 : quad.subject.value.startsWith(`${resource}#`) ? 1 : 2);
  return [...quads].sort(
    (a, b) => rank(a) - rank(b) || compare(a.subject.value, b.subject.value) || compare(readableName(a.predicate.value), readableName(b.predicate.value)) || compare(a.object.value, b.object.value),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function termContext(page: ChangePageBase, release: ReleaseView | undefined): TermContext {
  return { languages: page.languages, prefixes: page.prefixes, labels: (node) => release?.labels(node) ?? [], baseUrl: page.site.base, chosenLang: page.chosenLang };
}

/** When a release was published, in the reader's language, in UTC (the time git recorded). */
function releaseTime(release: ReleaseView, lang: string): SafeHtml {
  const shown = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(release.datetime);
  return html`<time datetime="${release.datetime.toISOString()}">${shown} UTC</time>`;
}

function fragmentOf(url: string): string {
  return url.slice(url.indexOf('#') + 1);
}
