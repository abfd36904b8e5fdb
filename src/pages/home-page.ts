import type { Literal, NamedNode } from '@rdfjs/types';
import type { IriScheme } from '../graph/iri-scheme.js';
import type { GrantSummary, OutputGroup, ShowableImage, SiteOverview } from '../store/site-overview.js';
import type { CreditsInRole } from '../store/record-facts.js';
import { html, renderHtmlPage, siteLink, type AlternateLink, type SafeHtml } from './html-page.js';
import { inReaderLanguage } from './reader-language.js';
import { nameHtml, nameOf, termLink, type TermContext } from './resource-page.js';
import type { UiText } from './ui-text.js';

/** A download of the whole graph. */
export interface DumpLink {
  readonly href: string;
  readonly label: string;
  readonly mediaType: string;
}

/** What the home page lists. */
export interface HomePage extends TermContext {
  readonly lang: string;
  readonly text: UiText;
  readonly baseUrl: string;
  /** The site's URLs, for the links to the endpoint, the queries and the catalogue pages. */
  readonly site: IriScheme;
  readonly catalog: string;
  readonly catalogDescription: readonly Literal[];
  readonly outputs: readonly NamedNode[];
  readonly people: readonly NamedNode[];
  readonly organisations: readonly NamedNode[];
  readonly projects: readonly NamedNode[];
  /** An output's descriptions, to say in a line what it is. */
  descriptions?(node: NamedNode): Literal[];
  /** The project's ontology, when the graph has one. */
  readonly ontology?: string;
  /** The OAI-PMH repository's Identify URL, when the server has one. */
  readonly oaiPmh?: string;
  readonly dumps: readonly DumpLink[];
  readonly jsonLd?: unknown;
  /** Outputs by type, contributors by role, grants and cover images. */
  readonly overview?: SiteOverview;
  /** The catalogue's description in each RDF format, and the dumps: the page's machine-readable alternatives. */
  readonly alternates?: readonly AlternateLink[];
  /** Whether the site keeps a history of releases: then the page links "what's new" and the change stream. */
  readonly hasHistory?: boolean;
}

/** DCMI types the interface has a plural heading for; other types are headed by their label in the graph. */
const DCMI_TEXT = 'http://purl.org/dc/dcmitype/Text';
const DCMI_MOVING_IMAGE = 'http://purl.org/dc/dcmitype/MovingImage';

/** The home page: what the guide is, its outputs by kind, its people by role, its funding, and links to the catalogue, the SPARQL endpoint and the data. */
export function renderHomePage(page: HomePage): string {
  const byName = (a: NamedNode, b: NamedNode) => nameOf(a.value, page).text.localeCompare(nameOf(b.value, page).text, page.lang);
  const link = (href: string) => siteLink(href, page.baseUrl, page.chosenLang);
  const list = (title: string, id: string, nodes: readonly NamedNode[]) =>
    nodes.length === 0 ? '' : html`<section id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${title}</h2>
<ul class="cards">
${[...nodes].sort(byName).map((node) => html`<li>${termLink(node, page)}</li>
`)}</ul>
</section>
`;
  const overview = page.overview;
  const body = html`<h1 lang="en">${page.text.siteName}</h1>
<p>${page.text.homeIntro}</p>
${inReaderLanguage(page.catalogDescription, page.languages).map((literal) => html`<p>${nameHtml({ text: literal.value, lang: literal.language }, page.lang)}</p>
`)}${overview ? images(overview.images, page) : ''}${overview ? outputsByType(overview.outputsByType, page, byName) : list(page.text.outputs, 'outputs', page.outputs)}${overview ? contributors(overview.contributorsByRole, page, byName) : ''}${overview ? funding(overview.grants, page) : ''}${list(page.text.people, 'people', page.people)}${list(page.text.organisations, 'organisations', page.organisations)}${list(page.text.projects, 'projects', page.projects)}<section id="explore" aria-labelledby="explore-heading">
<h2 id="explore-heading">${page.text.explore}</h2>
<p>${page.text.exploreIntro}</p>
<ul>
<li><a href="${link(page.catalog)}">${page.text.catalog}</a>: ${nameHtml(nameOf(page.catalog, page), page.lang)}</li>
<li><a href="${link(page.site.sparql)}">${page.text.sparqlEndpoint}</a></li>
${page.oaiPmh ? html`<li><a href="${page.oaiPmh}" type="text/xml">${page.text.oaiPmh}</a></li>
` : ''}${page.site.hasOwnSparqlEndpoint ? html`<li><a href="${link(page.site.queries)}">${page.text.namedQueries}</a></li>
` : ''}${page.hasHistory ? html`<li><a href="${link(page.site.whatsNew)}">${page.text.whatsNew}</a></li>
<li><a href="${page.site.changes()}" type="application/trig">${page.text.changeStream}</a></li>
` : ''}${page.ontology ? html`<li><a href="${link(page.ontology)}">${page.text.vocabulary}</a></li>
` : ''}</ul>
</section>
<section id="downloads" aria-labelledby="downloads-heading">
<h2 id="downloads-heading">${page.text.downloads}</h2>
<p>${page.text.downloadsIntro}</p>
<ul>
${page.dumps.map((dump) => html`<li><a href="${dump.href}" type="${dump.mediaType}">${page.text.wholeGraph} (${dump.label})</a></li>
`)}</ul>
${(page.alternates ?? []).length > 0 ? html`<p>${page.text.otherFormatsIntro}</p>
<ul>
${(page.alternates ?? []).map((alternate) => html`<li><a href="${alternate.href}" type="${alternate.type}">${page.text.catalog} (${alternate.title})</a> <span class="curie">${alternate.type}</span></li>
`)}</ul>
` : ''}</section>`;
  return renderHtmlPage({
    lang: page.lang,
    text: page.text,
    title: page.text.siteName,
    site: page.site,
    body,
    jsonLd: page.jsonLd,
    // The harvestable, paged DCAT catalogue (Turtle by default), beside the catalogue resource's description.
    alternates: [...(page.alternates ?? []), { href: page.site.catalogPages(), type: 'text/turtle', title: 'DCAT catalogue' }],
    pageUrl: page.site.base,
    chosenLang: page.chosenLang,
  });
}

type HomeContext = HomePage;

/** Only images with an address are shown: the data may name a file it does not serve, and a broken image helps no one. */
function images(shown: readonly ShowableImage[], page: HomeContext): SafeHtml | '' {
  if (shown.length === 0) return '';
  return html`${shown.map((image) => {
    const title = nameOf(image.output.value, page);
    return html`<figure>
<img src="${image.url}" alt="${page.text.coverImage}: ${title.text}">
<figcaption>${termLink(image.output, page)}</figcaption>
</figure>
`;
  })}`;
}

function outputsByType(groups: readonly OutputGroup[], page: HomeContext, byName: (a: NamedNode, b: NamedNode) => number): SafeHtml | '' {
  if (groups.length === 0) return '';
  const heading = (group: OutputGroup) => {
    if (!group.type) return html`${page.text.otherOutputs}`;
    if (group.type.value === DCMI_TEXT) return html`${page.text.documents}`;
    if (group.type.value === DCMI_MOVING_IMAGE) return html`${page.text.recordings}`;
    return nameHtml(nameOf(group.type.value, page), page.lang);
  };
  return html`<section id="outputs" aria-labelledby="outputs-heading">
<h2 id="outputs-heading">${page.text.outputs}</h2>
${groups.map((group, index) => html`<section aria-labelledby="outputs-${index}">
<h3 id="outputs-${index}">${heading(group)}</h3>
<ul class="cards">
${[...group.outputs].sort(byName).map((output) => html`<li>${termLink(output, page)}${description(output, page)}</li>
`)}</ul>
</section>
`)}</section>
`;
}

/** The output's description, when the page was given its labels: shown under the link so the list says what each output is. */
function description(output: NamedNode, page: HomeContext): SafeHtml | '' {
  const descriptions = page.descriptions?.(output) ?? [];
  const shown = inReaderLanguage(descriptions, page.languages)[0];
  return shown ? html`<br><span class="note">${nameHtml({ text: shown.value, lang: shown.language || undefined }, page.lang)}</span>` : '';
}

function contributors(groups: readonly CreditsInRole[], page: HomeContext, byName: (a: NamedNode, b: NamedNode) => number): SafeHtml | '' {
  if (groups.length === 0) return '';
  const sorted = [...groups].sort((a, b) => byName(a.role, b.role));
  return html`<section id="contributors" aria-labelledby="contributors-heading">
<h2 id="contributors-heading">${page.text.contributorsByRole}</h2>
${sorted.map((group, index) => html`<section aria-labelledby="role-${index}">
<h3 id="role-${index}">${nameHtml(nameOf(group.role.value, page), page.lang)}</h3>
<ul>
${[...group.agents].sort((a, b) => byName(a.agent, b.agent)).map((contributor) => html`<li>${termLink(contributor.agent, page)}${contributor.affiliations.length > 0 ? html` (${page.text.affiliation}: ${[...contributor.affiliations].sort(byName).map((affiliation, at) => html`${at > 0 ? ', ' : ''}${termLink(affiliation, page)}`)})` : ''}</li>
`)}</ul>
</section>
`)}</section>
`;
}

function funding(grants: readonly GrantSummary[], page: HomeContext): SafeHtml | '' {
  if (grants.length === 0) return '';
  const links = (nodes: readonly NamedNode[]) => html`${nodes.map((node, index) => html`${index > 0 ? ', ' : ''}${termLink(node, page)}`)}`;
  return html`<section id="funding" aria-labelledby="funding-heading">
<h2 id="funding-heading">${page.text.funding}</h2>
${grants.map((grant) => html`${inReaderLanguage(grant.descriptions, page.languages).map((text) => html`<p>${nameHtml({ text: text.value, lang: text.language || undefined }, page.lang)}</p>
`)}<dl>
${grant.funders.length > 0 ? html`<dt>${page.text.funders}</dt>
<dd>${links(grant.funders)}</dd>
` : ''}${grant.funded.length > 0 ? html`<dt>${page.text.funded}</dt>
<dd>${links(grant.funded)}</dd>
` : ''}${grant.dates.length > 0 ? html`<dt>${page.text.date}</dt>
<dd>${grant.dates.map((date) => date.value).join(', ')}</dd>
` : ''}</dl>
<p class="iri"><a href="${siteLink(grant.grant.value, page.baseUrl, page.chosenLang)}">${grant.grant.value}</a></p>
`)}</section>
`;
}
