import type { IriScheme } from '../graph/iri-scheme.js';
import { CITATION_FILE_FORMATS, FORMATTED_CITATION } from './citation-formats.js';
import { citationLocale, citationStyle, DEFAULT_CITATION_LOCALE, DEFAULT_CITATION_STYLE } from './citation-options.js';

/** A link to one of an output's citations, for a page. */
export interface CitationLink {
  readonly href: string;
  /** The media type the link serves. */
  readonly type: string;
  readonly label: string;
}

/** Links to an output's citation files (BibTeX, RIS, CSL-JSON), for a page's downloads. */
export function citationDownloads(site: IriScheme, resource: string): CitationLink[] {
  return CITATION_FILE_FORMATS.map((format) => ({ href: site.documentOf(resource, format.extension)!, type: format.mediaType, label: format.label }));
}

/**
 * The URL of an output's citation formatted in a style and locale, as plain
 * text (`{base}doc/output/x.txt?style=apa&locale=fr-CA`); the defaults are
 * left out of the URL. Throws CitationOptionError for a style or locale not on offer.
 */
export function formattedCitationUrl(site: IriScheme, resource: string, style: string = DEFAULT_CITATION_STYLE.id, locale: string = DEFAULT_CITATION_LOCALE.tag): string {
  const styleId = citationStyle(style).id;
  const tag = citationLocale(locale).tag;
  const parameters = { ...(styleId === DEFAULT_CITATION_STYLE.id ? {} : { style: styleId }), ...(tag === DEFAULT_CITATION_LOCALE.tag ? {} : { locale: tag }) };
  return site.documentOf(resource, FORMATTED_CITATION.extension, parameters)!;
}
