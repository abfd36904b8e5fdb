import type { Literal, NamedNode } from '@rdfjs/types';
import type { AgentWithAffiliations, CreditsInRole, WorkReference, WorksInRole } from '../store/record-facts.js';
import type { GrantSummary } from '../store/site-overview.js';
import { html, renderHtmlPage, siteLink, type HeadLink, type MetaTag, type SafeHtml } from './html-page.js';
import { firstInReaderLanguage, inReaderLanguage } from './reader-language.js';
import { nameHtml, nameOf, statementsHtml, termLink, type ResourcePage } from './resource-page.js';

// The parts every record page (output, person, organisation, project) is
// made of: names and lists of linked things in the reader's language, credits
// and works by role, grants, "Get the data" and the collapsed statements.

/** The one text of several alternatives (a title) to show the reader, marked with its language when it differs from the page's. */
export function literalHtml(literals: readonly Literal[], page: ResourcePage): SafeHtml | undefined {
  const chosen = firstInReaderLanguage(literals, page.languages);
  return chosen ? nameHtml(chosen.language ? { text: chosen.value, lang: chosen.language } : { text: chosen.value }, page.lang) : undefined;
}

/** Every text in the reader's language (descriptions: one paragraph each). */
export function paragraphs(literals: readonly Literal[], page: ResourcePage): SafeHtml {
  return html`${inReaderLanguage(literals, page.languages).map((literal) => html`<p>${nameHtml(literal.language ? { text: literal.value, lang: literal.language } : { text: literal.value }, page.lang)}</p>
`)}`;
}

/** Every text in the reader's language, separated by commas. */
export function textList(literals: readonly Literal[], page: ResourcePage): SafeHtml {
  return html`${inReaderLanguage(literals, page.languages).map((literal, index) => html`${index > 0 ? ', ' : ''}${nameHtml(literal.language ? { text: literal.value, lang: literal.language } : { text: literal.value }, page.lang)}`)}`;
}

/** A definition list of the facts that have a value; nothing when none has. */
export function factList(rows: readonly (readonly [string, SafeHtml | '' | undefined | false])[]): SafeHtml | '' {
  const shown = rows.filter((row): row is readonly [string, SafeHtml] => Boolean(row[1]));
  if (shown.length === 0) return '';
  return html`<dl>
${shown.map(([term, value]) => html`<dt>${term}</dt>
<dd>${value}</dd>
`)}</dl>`;
}

/** The things in the order of their names as the reader sees them. */
export function byName<T>(items: readonly T[], page: ResourcePage, node: (item: T) => NamedNode): T[] {
  const name = (item: T) => nameOf(node(item).value, page).text;
  return [...items].sort((a, b) => name(a).localeCompare(name(b), page.lang) || node(a).value.localeCompare(node(b).value));
}

/** Links to the things, by name, separated by commas. */
export function linkList(nodes: readonly NamedNode[], page: ResourcePage): SafeHtml {
  return html`${byName(nodes, page, (node) => node).map((node, index) => html`${index > 0 ? ', ' : ''}${termLink(node, page)}`)}`;
}

/** A bulleted list of links to the things, by name. */
export function linkItems(nodes: readonly NamedNode[], page: ResourcePage): SafeHtml {
  return html`<ul>
${byName(nodes, page, (node) => node).map((node) => html`<li>${termLink(node, page)}</li>
`)}</ul>`;
}

/** An agent's link, followed by its affiliations' links in brackets. */
export function agentHtml(credited: AgentWithAffiliations, page: ResourcePage): SafeHtml {
  return html`${termLink(credited.agent, page)}${credited.affiliations.length > 0 ? html` <span class="affiliation">(${linkList(credited.affiliations, page)})</span>` : ''}`;
}

/** A definition list of roles and the agents credited in each; roles in the order of their names. */
export function creditsList(groups: readonly CreditsInRole[], page: ResourcePage): SafeHtml {
  return html`<dl>
${byName(groups, page, (group) => group.role).map((group) => html`<dt>${nameHtml(nameOf(group.role.value, page), page.lang)}</dt>
<dd>${byName(group.agents, page, (agent) => agent.agent).map((agent, index) => html`${index > 0 ? ', ' : ''}${agentHtml(agent, page)}`)}</dd>
`)}</dl>`;
}

/** A work's link, followed by its kind's name (or "Project"). */
function workHtml(reference: WorkReference, page: ResourcePage): SafeHtml {
  const kind = reference.kind ? nameHtml(nameOf(reference.kind.value, page), page.lang) : reference.project ? html`${page.text.project}` : undefined;
  return html`${termLink(reference.work, page)}${kind ? html` <span class="note">(${kind})</span>` : ''}`;
}

/** A list of works, by name. */
export function workList(works: readonly WorkReference[], page: ResourcePage): SafeHtml {
  return html`<ul>
${byName(works, page, (work) => work.work).map((work) => html`<li>${workHtml(work, page)}</li>
`)}</ul>`;
}

/** The works an agent is credited on, one third-level heading per role (ids from `idPrefix`), roles in the order of their names. */
export function worksByRoleHtml(groups: readonly WorksInRole[], page: ResourcePage, idPrefix: string): SafeHtml {
  return html`${byName(groups, page, (group) => group.role).map((group, index) => html`<section aria-labelledby="${idPrefix}-${index}">
<h3 id="${idPrefix}-${index}">${nameHtml(nameOf(group.role.value, page), page.lang)}</h3>
${workList(group.works, page)}
</section>
`)}`;
}

/** Each grant: its description, funders, what it funded and when, and its IRI. */
export function grantsHtml(grants: readonly GrantSummary[], page: ResourcePage): SafeHtml {
  return html`${grants.map((grant) => html`${paragraphs(grant.descriptions, page)}<dl>
${grant.funders.length > 0 ? html`<dt>${page.text.funders}</dt>
<dd>${linkList(grant.funders, page)}</dd>
` : ''}${grant.funded.length > 0 ? html`<dt>${page.text.funded}</dt>
<dd>${linkList(grant.funded, page)}</dd>
` : ''}${grant.dates.length > 0 ? html`<dt>${page.text.date}</dt>
<dd>${grant.dates.map((date) => date.value).join(', ')}</dd>
` : ''}</dl>
<p class="iri"><a href="${siteLink(grant.grant.value, page.baseUrl, page.chosenLang)}">${grant.grant.value}</a></p>
`)}`;
}

/** A section with a heading and an id, left out when it has nothing to show. */
export function section(id: string, heading: string, content: SafeHtml | '' | undefined | false): SafeHtml | '' {
  if (!content || content.markup.trim() === '') return '';
  return html`<section id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${heading}</h2>
${content}
</section>
`;
}

/** "Get the data": the resource's IRI and its description in each RDF format. */
export function dataSection(page: ResourcePage): SafeHtml {
  const formats = page.dataFormats ?? page.alternates;
  return html`<section id="data" aria-labelledby="data-heading">
<h2 id="data-heading">${page.text.getTheData}</h2>
<p>${page.text.identifier}: <a class="iri" href="${siteLink(page.iri, page.baseUrl, page.chosenLang)}">${page.iri}</a></p>
<p>${page.text.getTheDataIntro}</p>
<ul class="choices">
${formats.map((link) => html`<li><a href="${link.href}" type="${link.type}">${link.title}</a></li>
`)}</ul>
</section>
`;
}

/** Every statement of the description, collapsed: for linked-data readers, out of everyone else's way. */
export function statementsSection(page: ResourcePage): SafeHtml {
  return html`<section id="statements" aria-labelledby="statements-heading">
<h2 id="statements-heading">${page.text.everyStatement}</h2>
<details>
<summary>${page.text.everyStatementSummary}</summary>
${statementsHtml(page, 3)}
</details>
</section>
`;
}

/** What a record page puts around its body: its title, the layout, the head's metadata. */
export interface RecordPageParts {
  readonly title: string;
  readonly body: SafeHtml;
  readonly meta: readonly MetaTag[];
  readonly headLinks?: readonly HeadLink[];
}

/** A record page in the site's layout, with the document's alternates and JSON-LD. */
export function renderRecord(page: ResourcePage, parts: RecordPageParts): string {
  return renderHtmlPage({
    lang: page.lang,
    text: page.text,
    title: parts.title,
    site: page.site,
    body: parts.body,
    alternates: page.alternates,
    jsonLd: page.jsonLd,
    pageUrl: page.pageUrl,
    chosenLang: page.chosenLang,
    meta: parts.meta,
    headLinks: parts.headLinks,
    history: page.history,
  });
}
