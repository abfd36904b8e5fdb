import Negotiator from 'negotiator';
import type { Request } from 'express';
import { FALLBACK_LANGUAGE, LANGUAGE_PARAMETER, pickedLanguage } from '../pages/reader-language.js';
import { UI_LANGUAGES } from '../pages/ui-text.js';

/**
 * The language the reader picked with `?lang=` (the visible language switch),
 * if the interface is written in it; a repeated or unknown value counts as no choice.
 */
export function chosenLanguage(req: Request, offered: readonly string[] = UI_LANGUAGES): string | undefined {
  return pickedLanguage(req.query[LANGUAGE_PARAMETER], offered);
}

/**
 * The languages on offer that the reader accepts, best first (Accept-Language
 * quality values honoured by negotiator), always ending with the fallback.
 * A language picked with `?lang=` comes first and Accept-Language is then
 * ignored, so such a page does not vary on that header.
 */
export function readerLanguages(req: Request, available: readonly string[]): string[] {
  const chosen = chosenLanguage(req);
  if (chosen) return [...new Set([chosen, FALLBACK_LANGUAGE])];
  const accepted = new Negotiator(req).languages([...available]).map((language) => language.toLowerCase());
  return [...new Set([...accepted, FALLBACK_LANGUAGE])];
}

/** The part of a page's variant its reader gives: their languages, and whether `?lang=` picked the first (the page's links then carry it). */
export function readerVariant(languages: readonly string[], picked: boolean): string {
  return `${languages.join('.')}${picked ? '-picked' : ''}`;
}
