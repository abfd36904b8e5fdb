import type { AgentView } from '../store/agent-view.js';
import { html, type SafeHtml } from './html-page.js';
import { agentMetadata } from './record-meta.js';
import { dataSection, factList, linkList, literalHtml, paragraphs, renderRecord, section, statementsSection, textList, worksByRoleHtml } from './record-sections.js';
import { nameHtml, nameOf, type ResourcePage } from './resource-page.js';

/** Everything a person's record page shows. */
export interface PersonPage extends ResourcePage {
  readonly view: AgentView;
}

/** A person's page: their name, title and affiliations, and their works grouped by the role they had. */
export function renderPersonPage(page: PersonPage): string {
  const { view, text } = page;
  const title = nameOf(view.iri.value, page);
  const body = html`<p class="eyebrow">${text.person}</p>
<h1>${literalHtml(view.names, page) ?? nameHtml(title, page.lang)}</h1>
${section('about', text.about, aboutPerson(page))}${section('works', text.worksByRole, view.works.length > 0 && worksByRoleHtml(view.works, page, 'role'))}${dataSection(page)}${statementsSection(page)}`;
  const metadata = agentMetadata(view, page);
  return renderRecord(page, { title: title.text, body, meta: metadata.meta, headLinks: metadata.headLinks });
}

function aboutPerson(page: PersonPage): SafeHtml | undefined {
  const { view, text } = page;
  const facts = factList([
    [text.honorific, (view.honorificPrefixes.length > 0 || view.honorificSuffixes.length > 0) && textList([...view.honorificPrefixes, ...view.honorificSuffixes], page)],
    [text.jobTitle, view.jobTitles.length > 0 && textList(view.jobTitles, page)],
    [text.affiliations, view.affiliations.length > 0 && linkList(view.affiliations, page)],
    [text.website, view.homepages.length > 0 && linkList(view.homepages, page)],
  ]);
  if (!facts && view.descriptions.length === 0) return undefined;
  return html`${paragraphs(view.descriptions, page)}${facts}`;
}
