import Negotiator from 'negotiator';
import type { Request } from 'express';
import type { Literal } from '@rdfjs/types';

/** The language every page falls back to. */
export const FALLBACK_LANGUAGE = 'en';

/**
 * The languages on offer that the reader accepts, best first (Accept-Language
 * quality values honoured by negotiator), always ending with the fallback.
 */
export function readerLanguages(req: Request, available: readonly string[]): string[] {
  const accepted = new Negotiator(req).languages([...available]).map((language) => language.toLowerCase());
  return [...new Set([...accepted, FALLBACK_LANGUAGE])];
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
