import type { Store } from 'n3';
import type { IriScheme } from '../graph/iri-scheme.js';
import { citationItem } from '../citation/citation-item.js';
import { recordPageOf, type Kind } from '../kinds/kind.js';
import { citeAsFor } from '../pages/cite-as.js';
import type { AlternateLink } from '../pages/html-page.js';
import { renderRecordPage } from '../pages/record-page.js';
import { renderResourcePage, type ResourcePage } from '../pages/resource-page.js';
import { schemaOrgJsonLd } from '../pages/schema-org-json-ld.js';
import type { UiText } from '../pages/ui-text.js';
import { labelsOf, resourcesLinkingTo, type ResourceDescription } from '../store/describe-resource.js';
import { recordView } from '../store/record-view.js';

// One page for a resource's document, whichever graph it is read from: the
// current one (resource-routes.ts) or a past release's (history-routes.ts),
// so a memento's page is the page the document had.

/** What a document's HTML page is made from, besides the graph and the resource's description. */
export interface DocumentPageInput {
  readonly store: Store;
  readonly iris: IriScheme;
  readonly kinds: readonly Kind<unknown>[];
  readonly description: ResourceDescription;
  readonly prefixes: Readonly<Record<string, string>>;
  /** The reader's languages, best first, and the one the page is in. */
  readonly languages: readonly string[];
  readonly lang: string;
  readonly text: UiText;
  readonly alternates: readonly AlternateLink[];
  readonly dataFormats: readonly AlternateLink[];
  /** The page's own address, and the language the reader picked with `?lang=`. */
  readonly pageUrl: string;
  readonly chosenLang?: string;
  /** The page of the record's changes, when the site keeps a history. */
  readonly history?: string;
  /** The citation style and locale asked for with `?style=` and `?locale=`, checked. */
  readonly citation?: { readonly style?: string; readonly locale?: string };
}

/** Which record page the resource gets (its kind's), if any: the route needs it before rendering, to read `?style=`. */
export function recordPageFor(kinds: readonly Kind<unknown>[], iris: IriScheme, resource: string): ReturnType<typeof recordPageOf> {
  return recordPageOf(kinds, iris.segmentOf(resource));
}

/** The HTML page of a resource's document: its kind's record page (an output's with Cite as), else the page of its statements. */
export async function renderDocumentPage(input: DocumentPageInput): Promise<string> {
  const { store, iris, description } = input;
  const resource = description.iri;
  const content: ResourcePage = {
    iri: resource,
    own: description.own,
    referencedBy: resourcesLinkingTo(store, resource),
    labels: (node) => labelsOf(store, node),
    languages: input.languages,
    prefixes: input.prefixes,
    lang: input.lang,
    text: input.text,
    baseUrl: iris.base,
    site: iris,
    alternates: input.alternates,
    dataFormats: input.dataFormats,
    jsonLd: await schemaOrgJsonLd(resource, description.quads),
    pageUrl: input.pageUrl,
    chosenLang: input.chosenLang,
    history: input.history,
  };
  const recordPage = recordPageFor(input.kinds, iris, resource);
  if (!recordPage) return renderResourcePage(content);
  const item = recordPage === 'output' ? citationItem(store, resource, iris) : undefined;
  const citeAs = item && citeAsFor({ item, resource, site: iris, ...input.citation, pageUrl: input.pageUrl, pageLang: input.lang, chosenLang: input.chosenLang });
  return renderRecordPage(content, recordView(recordPage, store, iris, resource), { citeAs });
}

/**
 * The name of one variant of a document, for caches and ETags: its
 * representation; for a page, the reader's part (`readerVariant`); then the
 * citation options that select its bytes (a page's `?style=`/`?locale=`, or a
 * citation format's).
 */
export function documentVariant(key: string, reader: string | undefined, options: readonly (string | undefined)[]): string {
  const optionKey = options.join('-');
  const base = reader === undefined ? key : `${key}-${reader}`;
  return optionKey ? `${base}-${optionKey}` : base;
}
