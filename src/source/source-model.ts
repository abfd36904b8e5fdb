/** Human-readable text by BCP 47 language tag, e.g. `{ en: 'Guide', fr: 'Guide' }`. */
export type Text = Readonly<Record<string, string>>;

/** The language of a text written as a plain string in data/. */
export const DEFAULT_LANGUAGE = 'en';

/** The fields of data/ whose values are keys of a controlled vocabulary in vocab/. */
export type VocabularyField =
  | 'role'
  | 'output-kind'
  | 'language'
  | 'spatial'
  | 'theme'
  | 'format'
  | 'subject'
  | 'audience'
  | 'organisation-kind';

/** Answers which vocabulary keys exist; the graph stage provides it from vocab/. */
export interface VocabularyKeys {
  has(field: VocabularyField, key: string): boolean;
}
