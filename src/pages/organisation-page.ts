import type { AgentView } from '../store/agent-view.js';
import { html, type SafeHtml } from './html-page.js';
import { agentMetadata } from './record-meta.js';
import { dataSection, factList, grantsHtml, linkItems, linkList, literalHtml, paragraphs, renderRecord, section, statementsSection, textList, workList, worksByRoleHtml } from './record-sections.js';
import { nameHtml, nameOf, type ResourcePage } from './resource-page.js';

/** Everything an organisation's record page shows. */
export interface OrganisationPage extends ResourcePage {
  readonly view: AgentView;
}

/** An organisation's page: what it is, its people, its works by role, what it published, and the funding it gave. */
export function renderOrganisationPage(page: OrganisationPage): string {
  const { view, text } = page;
  const title = nameOf(view.iri.value, page);
  const body = html`<p class="eyebrow">${text.organisation}</p>
<h1>${literalHtml(view.names, page) ?? nameHtml(title, page.lang)}</h1>
${section('about', text.about, aboutOrganisation(page))}${section('people', text.people, view.members.length > 0 && linkItems(view.members, page))}${section('works', text.worksByRole, view.works.length > 0 && worksByRoleHtml(view.works, page, 'role'))}${section('publications', text.publications, view.published.length > 0 && workList(view.published, page))}${section('funding-given', text.fundingGiven, view.grantsGiven.length > 0 && grantsHtml(view.grantsGiven, page))}${dataSection(page)}${statementsSection(page)}`;
  const metadata = agentMetadata(view, page);
  return renderRecord(page, { title: title.text, body, meta: metadata.meta, headLinks: metadata.headLinks });
}

function aboutOrganisation(page: OrganisationPage): SafeHtml | undefined {
  const { view, text } = page;
  const facts = factList([
    [text.alsoKnownAs, view.alternateNames.length > 0 && textList(view.alternateNames, page)],
    [text.organisationType, view.organisationTypes.length > 0 && linkList(view.organisationTypes, page)],
    [text.partOf, view.parentOrganisations.length > 0 && linkList(view.parentOrganisations, page)],
    [text.includes, view.subOrganisations.length > 0 && linkList(view.subOrganisations, page)],
    [text.website, view.homepages.length > 0 && linkList(view.homepages, page)],
  ]);
  if (!facts && view.descriptions.length === 0) return undefined;
  return html`${paragraphs(view.descriptions, page)}${facts}`;
}
