import type { Literal } from '@rdfjs/types';
import type { Store } from 'n3';
import { literalLanguages } from '../store/describe-resource.js';
import { UI_LANGUAGES } from './ui-text.js';

/** The language every page falls back to. */
export const FALLBACK_LANGUAGE = 'en';

/** The query parameter with which a reader picks the interface language, overriding Accept-Language. */
export const LANGUAGE_PARAMETER = 'lang';

/**
 * The language a `?lang=` value picks, if the interface is written in it; a
 * repeated (not a string) or unknown value counts as no choice.
 */
export function pickedLanguage(value: unknown, offered: readonly string[] = UI_LANGUAGES): string | undefined {
  if (typeof value !== 'string') return undefined;
  const language = value.toLowerCase();
  return offered.includes(language) ? language : undefined;
}

/** The languages pages can be read in: the interface's and every language tag of the graph's literals. */
export function offeredLanguages(store: Store): string[] {
  return [...new Set<string>([...UI_LANGUAGES, ...literalLanguages(store)])];
}

/**
 * The literals to show a reader: those in their best language that has any,
 * else all tagged ones (no language matched); untagged literals always.
 */
export function inReaderLanguage(literals: readonly Literal[], languages: readonly string[]): Literal[] {
  const untagged = literals.filter((literal) => !literal.language);
  const tagged = literals.filter((literal) => literal.language);
  for (const language of languages) {
    const matching = tagged.filter((literal) => matchesLanguage(literal.language, language));
    if (matching.length > 0) return [...untagged, ...matching];
  }
  return [...untagged, ...tagged];
}

/** The one text to show for several alternatives (a label), or undefined when there is none. */
export function firstInReaderLanguage(literals: readonly Literal[], languages: readonly string[]): Literal | undefined {
  const tagged = literals.filter((literal) => literal.language);
  for (const language of languages) {
    const match = tagged.find((literal) => matchesLanguage(literal.language, language));
    if (match) return match;
  }
  return literals.find((literal) => !literal.language) ?? literals[0];
}

function matchesLanguage(tag: string, language: string): boolean {
  const lower = tag.toLowerCase();
  return lower === language || lower.startsWith(`${language}-`);
}
