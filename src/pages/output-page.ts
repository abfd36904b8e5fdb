import type { OutputLink, OutputView } from '../store/output-view.js';
import { citeAsSection, type CiteAs } from './cite-as.js';
import { html, type SafeHtml } from './html-page.js';
import { inReaderLanguage } from './reader-language.js';
import { outputMetadata } from './record-meta.js';
import { agentHtml, creditsList, dataSection, factList, linkList, literalHtml, paragraphs, renderRecord, section, statementsSection } from './record-sections.js';
import { nameHtml, nameOf, termLink, type ResourcePage } from './resource-page.js';
import { fillIn, type UiText } from './ui-text.js';

/** Everything an output's record page shows. */
export interface OutputPage extends ResourcePage {
  readonly view: OutputView;
  /** The "Cite as" section's content, from the citation formatter; no section without it. */
  readonly citeAs?: CiteAs;
}

const DCMI_TYPES = 'http://purl.org/dc/dcmitype/';

/**
 * An output's page, for the people the guide is written for: what it is and
 * who wrote it, one link to read or watch it, what it is about, its versions,
 * project, funders and contributors, how to cite it and get its data, and,
 * collapsed at the end, every statement the graph makes about it.
 */
export function renderOutputPage(page: OutputPage): string {
  const { view, text } = page;
  const title = nameOf(view.iri.value, page);
  const [primary, ...others] = view.links;
  const kind = view.kind ? nameHtml(nameOf(view.kind.value, page), page.lang) : undefined;
  const eyebrow = [kind, view.living ? html`${text.livingDocument}` : undefined].filter((part): part is SafeHtml => part !== undefined);
  const body = html`${eyebrow.length > 0 ? html`<p class="eyebrow">${eyebrow.map((part, index) => html`${index > 0 ? ' · ' : ''}${part}`)}</p>
` : ''}<h1>${literalHtml(view.titles, page) ?? nameHtml(title, page.lang)}</h1>
${view.authors.length > 0 ? html`<h2 class="visually-hidden">${text.authors}</h2>
<ol class="byline">
${view.authors.map((author) => html`<li>${agentHtml(author, page)}</li>
`)}</ol>
` : ''}${primary ? html`<p class="actions"><a class="primary-action" href="${primary.url}">${actionLabel(primary, view, text)}</a></p>
` : ''}${others.length > 0 ? html`<p>${text.alsoAvailable} ${others.map((link, index) => html`${index > 0 ? ', ' : ''}<a href="${link.url}">${actionLabel(link, view, text)}</a>`)}</p>
` : ''}${section('about', text.description, html`${paragraphs(view.descriptions, page)}${facts(page)}`)}${section('versions', text.versions, versions(page))}${section('project', text.projectAndFunding, projectAndFunding(page))}${section('contributors', text.contributors, view.contributors.length > 0 && creditsList(view.contributors, page))}${section('keywords', text.keywords, keywords(page))}${page.citeAs ? citeAsSection(page.citeAs, text, page.lang) : ''}${dataSection(page)}${statementsSection(page)}`;
  const metadata = outputMetadata(view, page);
  return renderRecord(page, { title: title.text, body, meta: metadata.meta, headLinks: metadata.headLinks });
}

/**
 * "Read on Google Docs", "Watch on Vimeo": the verb from the output's DCMI
 * type, the place from the link's platform, else the link's host.
 */
function actionLabel(link: OutputLink, view: OutputView, text: UiText): string {
  const types = view.dcmiTypes.map((type) => type.value.slice(DCMI_TYPES.length));
  const template = types.includes('MovingImage') ? text.watchOn : types.includes('Sound') ? text.listenOn : types.includes('Text') ? text.readOn : text.openOn;
  return fillIn(template, { platform: link.platform ?? new URL(link.url).host });
}

/** The short facts, each only when the graph gives it: kind, date, publisher, version, language, audience, DOI, licence. */
function facts(page: OutputPage): SafeHtml | '' {
  const { view, text } = page;
  return factList([
    [text.kind, view.kind && termLink(view.kind, page)],
    [text.published, view.issued && html`${view.issued.value}`],
    [text.publisher, view.publishers.length > 0 && linkList(view.publishers, page)],
    [text.version, view.version && html`${view.version.value}`],
    [text.inLanguage, view.languages.length > 0 && linkList(view.languages, page)],
    [text.audience, view.audiences.length > 0 && linkList(view.audiences, page)],
    ['DOI', view.doi && html`<a href="https://doi.org/${view.doi}">${view.doi}</a>`],
    [text.licence, view.licences.length > 0 && linkList(view.licences, page)],
  ]);
}

/** Its versions (the living guide's v1.0), and what it is a version of (from v1.0 back to the living guide). */
function versions(page: OutputPage): SafeHtml | undefined {
  const { view, text } = page;
  if (view.versions.length === 0 && view.versionOf.length === 0) return undefined;
  return html`${view.versionOf.length > 0 ? html`<p>${text.versionOf} ${linkList(view.versionOf, page)}</p>
` : ''}${view.versions.length > 0 ? html`<p>${text.itsVersions}</p>
<ul>
${view.versions.map((version) => html`<li>${termLink(version.output, page)}${version.version ? html` <span class="note">(${text.version.toLowerCase()} ${version.version.value})</span>` : ''}</li>
`)}</ul>
` : ''}`;
}

function projectAndFunding(page: OutputPage): SafeHtml | undefined {
  const { view, text } = page;
  if (view.projects.length === 0 && view.funders.length === 0) return undefined;
  return html`<dl>
${view.projects.length > 0 ? html`<dt>${text.project}</dt>
<dd>${linkList(view.projects, page)}</dd>
` : ''}${view.funders.length > 0 ? html`<dt>${text.funders}</dt>
<dd>${linkList(view.funders, page)}</dd>
` : ''}</dl>`;
}

function keywords(page: OutputPage): SafeHtml | undefined {
  const shown = inReaderLanguage(page.view.keywords, page.languages);
  if (shown.length === 0) return undefined;
  return html`<ul class="keywords">
${shown.map((keyword) => html`<li>${nameHtml(keyword.language ? { text: keyword.value, lang: keyword.language } : { text: keyword.value }, page.lang)}</li>
`)}</ul>`;
}
