import type { ProjectView } from '../store/project-view.js';
import { html } from './html-page.js';
import { projectMetadata } from './record-meta.js';
import { creditsList, dataSection, factList, grantsHtml, linkItems, linkList, literalHtml, paragraphs, renderRecord, section, statementsSection, workList } from './record-sections.js';
import { nameHtml, nameOf, type ResourcePage } from './resource-page.js';

/** Everything a project's record page shows. */
export interface ProjectPage extends ResourcePage {
  readonly view: ProjectView;
}

/** A project's page: what it is and who led it, its outputs, its contributors by role, and its funding. */
export function renderProjectPage(page: ProjectPage): string {
  const { view, text } = page;
  const title = nameOf(view.iri.value, page);
  const body = html`<p class="eyebrow">${text.project}</p>
<h1>${literalHtml(view.names, page) ?? nameHtml(title, page.lang)}</h1>
${section('about', text.about, html`${paragraphs(view.descriptions, page)}${factList([[text.ledBy, view.leads.length > 0 && linkList(view.leads, page)]])}`)}${section('outputs', text.outputs, view.outputs.length > 0 && workList(view.outputs, page))}${section('contributors', text.contributors, view.contributors.length > 0 && creditsList(view.contributors, page))}${section('funding', text.funding, (view.grants.length > 0 || view.funders.length > 0) && (view.grants.length > 0 ? grantsHtml(view.grants, page) : factList([[text.funders, linkList(view.funders, page)]])))}${section('see-also', text.seeAlso, view.seeAlso.length > 0 && linkItems(view.seeAlso, page))}${dataSection(page)}${statementsSection(page)}`;
  const metadata = projectMetadata(view, page);
  return renderRecord(page, { title: title.text, body, meta: metadata.meta, headLinks: metadata.headLinks });
}
