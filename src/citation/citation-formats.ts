import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import type { CslItem } from './citation-item.js';
import { citationLocale, citationStyle, DEFAULT_CITATION_LOCALE, DEFAULT_CITATION_STYLE } from './citation-options.js';

// Names and titles are written in UTF-8 rather than as LaTeX accents (`Jean-No{\'e}`):
// biber, Zotero, JabRef and Python's bibtexparser read UTF-8, and a title then reads
// back as it is. citation-js's configuration is one object per process; only this module sets it.
const bibtexFormat = plugins.config.get('@bibtex')?.format as { asciiOnly: boolean } | undefined;
if (!bibtexFormat) throw new Error('@citation-js/plugin-bibtex did not register its configuration');
bibtexFormat.asciiOnly = false;

/** A file format of citations, as reference managers import them and DOI content negotiation serves them. */
export interface CitationFileFormat {
  /** Its name in `?format=`. */
  readonly key: string;
  readonly mediaType: string;
  /** The extension of the URL that names it (`.bib`). */
  readonly extension: string;
  readonly label: string;
  /** The file for one item. */
  write(item: CslItem): string;
}

/** A citation formatted in a style and locale, as doi.org serves `text/x-bibliography`. */
export const FORMATTED_CITATION = { key: 'bibliography', mediaType: 'text/x-bibliography', extension: 'txt', label: 'Formatted citation' } as const;

/** The item as a BibTeX entry (`@techreport`, `@misc`…, by its CSL type), keyed by its citation key. */
export function bibtex(item: CslItem): string {
  return `${plugins.output.format('bibtex', [item]).trim()}\n`;
}

/**
 * The item as a RIS record (`TY  - RPRT`, `GEN`, `ELEC`, `MPCT`…, by its CSL
 * type). The `ID` line is left out: RIS allows it 20 characters, so
 * citation-js cuts the item's IRI there, and cut IRIs of two outputs can be
 * the same; importers do not need it.
 */
export function ris(item: CslItem): string {
  const lines = plugins.output.format('ris', [item]).split(/\r?\n/).filter((line) => !line.startsWith('ID  - '));
  return `${lines.join('\n').trim()}\n`;
}

/** The item as a CSL-JSON document: one object, as DOI content negotiation sends it. */
export function cslJson(item: CslItem): string {
  return `${JSON.stringify(item, null, 2)}\n`;
}

/**
 * The item formatted in a style and locale, by citeproc-js: plain text, or
 * HTML (one `<div class="csl-entry">`, the item's text escaped, the title in
 * `<i>` where the style italicises it). `style` is a CSL style id of
 * CITATION_STYLES, `locale` a tag of CITATION_LOCALES; either one not on
 * offer throws CitationOptionError.
 */
export function formattedCitation(item: CslItem, style: string = DEFAULT_CITATION_STYLE.id, locale: string = DEFAULT_CITATION_LOCALE.tag, format: 'text' | 'html' = 'text'): string {
  const options = { template: citationStyle(style).template, lang: citationLocale(locale).terms, format };
  if (format === 'text') return plugins.output.format('bibliography', [item], options).trim();
  const entries = plugins.output.format('bibliography', [item], { ...options, asEntryArray: true }) as unknown as [string, string][];
  return entries.map(([, entry]) => entry.trim()).join('\n');
}

/** The citation files an output offers: BibTeX, RIS and CSL-JSON. */
export const CITATION_FILE_FORMATS: readonly CitationFileFormat[] = [
  { key: 'bibtex', mediaType: 'application/x-bibtex', extension: 'bib', label: 'BibTeX', write: bibtex },
  { key: 'ris', mediaType: 'application/x-research-info-systems', extension: 'ris', label: 'RIS', write: ris },
  { key: 'csljson', mediaType: 'application/vnd.citationstyles.csl+json', extension: 'csl.json', label: 'CSL-JSON', write: cslJson },
];
