import { DataFactory } from 'n3';
import type { Literal, NamedNode } from '@rdfjs/types';
import { SCHEMA } from '../graph/namespaces.js';
import type { AgentView } from '../store/agent-view.js';
import type { OutputView } from '../store/output-view.js';
import type { ProjectView } from '../store/project-view.js';
import type { HeadLink, MetaTag } from './html-page.js';
import { FALLBACK_LANGUAGE, firstInReaderLanguage, inReaderLanguage } from './reader-language.js';
import type { ResourcePage } from './resource-page.js';

// The head's metadata for the programs that read pages rather than the
// graph: Google Scholar's Highwire `citation_*` tags (outputs only, the works
// one cites), Dublin Core `DC.*` and OpenGraph `og:*`, which Zotero's
// embedded-metadata reader, link previews and extruct read. Each tag is
// written only from what the graph says: no date, publisher, PDF or DOI tag
// when the data has none.

/** The head's metadata tags and the links that declare their vocabularies. */
export interface RecordMetadata {
  readonly meta: readonly MetaTag[];
  readonly headLinks: readonly HeadLink[];
}

/** Dublin Core's two namespaces, declared as readers of `DC.*` and `DCTERMS.*` names expect (DC-HTML). */
const DUBLIN_CORE_SCHEMAS: readonly HeadLink[] = [
  { rel: 'schema.DC', href: 'http://purl.org/dc/elements/1.1/' },
  { rel: 'schema.DCTERMS', href: 'http://purl.org/dc/terms/' },
];

const DCMI_MOVING_IMAGE = 'http://purl.org/dc/dcmitype/MovingImage';
const DCMI_TYPES = 'http://purl.org/dc/dcmitype/';

/** The schema.org classes of web pages: their outputs are web sites to OpenGraph, not articles. */
const WEB_PAGE_CLASSES = new Set(['WebPage', 'FAQPage', 'AboutPage', 'ContactPage', 'QAPage', 'CollectionPage', 'ItemPage'].map((name) => `${SCHEMA.iri}${name}`));

/** The tags of an output's page: Highwire for Google Scholar, Dublin Core and OpenGraph. */
export function outputMetadata(view: OutputView, page: ResourcePage): RecordMetadata {
  const tag = metaTagMaker(page);
  const title = firstInReaderLanguage(view.titles, page.languages);
  const description = firstInReaderLanguage(view.descriptions, page.languages);
  const authors = view.authors.map((author) => nameLiteral(author.agent, page)).filter((name): name is Literal => name !== undefined);
  const publishers = view.publishers.map((publisher) => nameLiteral(publisher, page)).filter((name): name is Literal => name !== undefined);
  const isReport = view.types.some((type) => type.equals(SCHEMA.Report));
  const pdf = view.links.find((link) => link.isPdf);
  const keywords = inReaderLanguage(view.keywords, page.languages);
  // Harvesters match type names in English (Zotero reads a DC.type of "Report" as a report), so the kind is named in English.
  const kindName = view.kind ? firstInReaderLanguage(page.labels(view.kind), [FALLBACK_LANGUAGE]) : undefined;
  const doiUrl = view.doi ? `https://doi.org/${view.doi}` : undefined;
  const meta: MetaTag[] = [
    ...tag('name', 'citation_title', title),
    ...authors.flatMap((author) => tag('name', 'citation_author', author)),
    ...(view.issued ? tag('name', 'citation_publication_date', highwireDate(view.issued.value)) : []),
    ...publishers.slice(0, 1).flatMap((publisher) => tag('name', isReport ? 'citation_technical_report_institution' : 'citation_publisher', publisher)),
    ...(pdf ? tag('name', 'citation_pdf_url', pdf.url) : []),
    ...(view.doi ? tag('name', 'citation_doi', view.doi) : []),
    ...view.languageCodes.flatMap((code) => tag('name', 'citation_language', code)),
    ...(keywords.length > 0 ? tag('name', 'citation_keywords', keywords.map((keyword) => keyword.value).join('; ')) : []),
    ...tag('name', 'DC.title', title),
    ...authors.flatMap((author) => tag('name', 'DC.creator', author)),
    ...(kindName ? tag('name', 'DC.type', kindName) : []),
    ...view.dcmiTypes.filter((type) => type.value.startsWith(DCMI_TYPES)).flatMap((type) => tag('name', 'DC.type', type.value.slice(DCMI_TYPES.length))),
    ...tag('name', 'DC.identifier', view.iri.value),
    ...(doiUrl ? tag('name', 'DC.identifier', doiUrl) : []),
    ...tag('name', 'DC.description', description),
    ...(view.issued ? tag('name', 'DC.date', view.issued.value) : []),
    ...publishers.flatMap((publisher) => tag('name', 'DC.publisher', publisher)),
    ...view.languageCodes.flatMap((code) => tag('name', 'DC.language', code)),
    ...keywords.flatMap((keyword) => tag('name', 'DC.subject', keyword)),
    ...view.licences.flatMap((licence) => tag('name', 'DCTERMS.license', licence.value)),
    ...openGraph(page, outputOpenGraphType(view), title, description),
  ];
  return { meta, headLinks: DUBLIN_CORE_SCHEMAS };
}

/** The tags of a person's or an organisation's page: Dublin Core and OpenGraph (a profile for a person). */
export function agentMetadata(view: AgentView, page: ResourcePage): RecordMetadata {
  const tag = metaTagMaker(page);
  const name = firstInReaderLanguage(view.names, page.languages);
  const description = firstInReaderLanguage(view.descriptions, page.languages);
  return {
    meta: [
      ...tag('name', 'DC.title', name),
      ...tag('name', 'DC.identifier', view.iri.value),
      ...tag('name', 'DC.description', description),
      ...openGraph(page, view.page === 'person' ? 'profile' : 'website', name, description),
    ],
    headLinks: DUBLIN_CORE_SCHEMAS,
  };
}

/** The tags of a project's page: Dublin Core and OpenGraph. */
export function projectMetadata(view: ProjectView, page: ResourcePage): RecordMetadata {
  const tag = metaTagMaker(page);
  const name = firstInReaderLanguage(view.names, page.languages);
  const description = firstInReaderLanguage(view.descriptions, page.languages);
  return {
    meta: [
      ...tag('name', 'DC.title', name),
      ...tag('name', 'DC.identifier', view.iri.value),
      ...tag('name', 'DC.description', description),
      ...openGraph(page, 'website', name, description),
    ],
    headLinks: DUBLIN_CORE_SCHEMAS,
  };
}

/**
 * Google Scholar's date form: `2018/05/21`, `2018/05` or `2018`, from the
 * graph's `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`.
 */
export function highwireDate(value: string): string {
  return value.replace(/^(\d{4})-(\d{2})(?:-(\d{2}))?.*$/, (_match, year: string, month: string, day?: string) => [year, month, day].filter(Boolean).join('/'));
}

/**
 * OpenGraph's type: a video for moving images (Zotero reads a video
 * recording), a web site for web pages (a FAQ), else an article: never
 * "website" for a report, which Zotero would take for a web page over its
 * Highwire tags.
 */
function outputOpenGraphType(view: OutputView): string {
  if (view.dcmiTypes.some((type) => type.value === DCMI_MOVING_IMAGE)) return 'video.other';
  if (view.types.some((type) => WEB_PAGE_CLASSES.has(type.value))) return 'website';
  return 'article';
}

function openGraph(page: ResourcePage, type: string, title: Literal | undefined, description: Literal | undefined): MetaTag[] {
  const tag = metaTagMaker(page);
  return [
    ...tag('property', 'og:title', title),
    ...tag('property', 'og:type', type),
    ...(page.pageUrl ? tag('property', 'og:url', page.pageUrl) : []),
    ...tag('property', 'og:description', description),
    ...tag('property', 'og:site_name', page.text.siteName),
  ];
}

/** Makes tags of a text or a literal, marked with the literal's language when it is not the page's; nothing for no value. */
function metaTagMaker(page: ResourcePage) {
  return (attribute: 'name' | 'property', key: string, value: Literal | string | undefined): MetaTag[] => {
    if (value === undefined) return [];
    const content = typeof value === 'string' ? value : value.value;
    const lang = typeof value === 'string' || !value.language || value.language.toLowerCase() === page.lang ? undefined : value.language;
    return [{ [attribute]: key, content, ...(lang ? { lang } : {}) }];
  };
}

function nameLiteral(agent: NamedNode, page: ResourcePage): Literal | undefined {
  return firstInReaderLanguage(page.labels(DataFactory.namedNode(agent.value)), page.languages);
}
