/** A citation style on offer: the CSL style id a client names, and the name citation-js knows its style file by. */
export interface CitationStyle {
  /** The id of the style in the CSL styles repository, which `style=` takes (as doi.org's content negotiation does). */
  readonly id: string;
  readonly label: string;
  /** The style file's name in @citation-js/plugin-csl, which ships it. */
  readonly template: string;
  /** Other names a client may use for it, such as the style's former CSL id. */
  readonly aliases: readonly string[];
}

/** A locale on offer: the tag a client names, and the CSL locale file whose terms and date forms it is written with. */
export interface CitationLocale {
  /** The BCP 47 tag `locale=` takes. */
  readonly tag: string;
  /** The name of the locale in its own language, for a picker. */
  readonly label: string;
  /** The CSL locale file used; @citation-js/plugin-csl ships en-US and fr-FR, and CSL publishes no en-CA file. */
  readonly terms: string;
}

/**
 * The styles on offer: those @citation-js/plugin-csl ships, so no style file
 * is copied into this project. The first is the default.
 */
export const CITATION_STYLES: readonly CitationStyle[] = [
  { id: 'apa', label: 'APA (7th edition)', template: 'apa', aliases: [] },
  { id: 'harvard-cite-them-right', label: 'Harvard (Cite Them Right, 12th edition)', template: 'harvard1', aliases: ['harvard1'] },
  { id: 'vancouver', label: 'Vancouver (NLM, Citing Medicine)', template: 'vancouver', aliases: [] },
];

/**
 * The locales on offer, the language's main one first. The Canadian ones are
 * written with the terms of the same language's file that citation-js ships:
 * CSL has no en-CA, and the copies of CSL's fr-CA on npm date from 2012 and
 * lack most of the terms current styles use.
 */
export const CITATION_LOCALES: readonly CitationLocale[] = [
  { tag: 'en-US', label: 'English (United States)', terms: 'en-US' },
  { tag: 'en-CA', label: 'English (Canada)', terms: 'en-US' },
  { tag: 'fr-FR', label: 'français (France)', terms: 'fr-FR' },
  { tag: 'fr-CA', label: 'français (Canada)', terms: 'fr-FR' },
];

/** The style of a citation when none is asked for. */
export const DEFAULT_CITATION_STYLE: CitationStyle = CITATION_STYLES[0]!;

/** The locale of a citation when none is asked for. */
export const DEFAULT_CITATION_LOCALE: CitationLocale = CITATION_LOCALES[0]!;

/** A style or locale that is not on offer; names what is. */
export class CitationOptionError extends Error {
  override readonly name = 'CitationOptionError';

  constructor(
    readonly option: 'style' | 'locale',
    readonly value: string,
    readonly offered: readonly string[],
  ) {
    super(`Unknown citation ${option} "${value}". Use one of: ${offered.join(', ')}.`);
  }
}

/** The style a client names by its CSL id (or an alias), in any case; throws CitationOptionError for any other name. */
export function citationStyle(name: string): CitationStyle {
  const wanted = name.trim().toLowerCase();
  const style = CITATION_STYLES.find((candidate) => candidate.id === wanted || candidate.aliases.includes(wanted));
  if (!style) throw new CitationOptionError('style', name, CITATION_STYLES.map((candidate) => candidate.id));
  return style;
}

/**
 * The locale a client names by a BCP 47 tag, in any case (`fr-ca`); a bare
 * language (`fr`) gets its main locale. Throws CitationOptionError for a tag
 * that is malformed or not on offer.
 */
export function citationLocale(tag: string): CitationLocale {
  const offered = CITATION_LOCALES.map((candidate) => candidate.tag);
  let canonical: string | undefined;
  try {
    // The platform's own BCP 47 parser: it canonicalises case and rejects what is not a tag.
    canonical = Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    canonical = undefined;
  }
  const locale = canonical === undefined
    ? undefined
    : CITATION_LOCALES.find((candidate) => candidate.tag === canonical) ?? CITATION_LOCALES.find((candidate) => candidate.tag.split('-')[0] === canonical);
  if (!locale) throw new CitationOptionError('locale', tag, offered);
  return locale;
}
