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

export interface Catalog {
  readonly title: Text;
  readonly description: Text;
  readonly publisher: string;
  readonly language: readonly string[];
  readonly spatial: readonly string[];
  readonly themes: readonly string[];
  /** When any data file was last committed (from git history), if known. */
  readonly lastCommitted?: string;
}

export interface Organisation {
  readonly slug: string;
  readonly name: Text;
  readonly alternateName?: Text;
  readonly description?: Text;
  readonly kind?: string;
  readonly partOf?: string;
  readonly fundingProgram: boolean;
  readonly url?: string;
}

export interface Person {
  readonly slug: string;
  readonly name: string;
  readonly honorificPrefix?: Text;
  readonly honorificSuffix?: Text;
  readonly jobTitle?: Text;
  readonly affiliations: readonly string[];
  readonly url?: string;
}

export interface Contribution {
  readonly agent: string;
  readonly roles: readonly string[];
}

export interface Project {
  readonly slug: string;
  readonly name: Text;
  readonly description: Text;
  readonly lead?: string;
  readonly seeAlso: readonly string[];
  readonly contributions: readonly Contribution[];
}

export interface Funding {
  readonly slug: string;
  readonly funders: readonly string[];
  readonly funded: string;
  readonly year?: number;
  readonly description: Text;
}

/** A web page the data mentions; `url` stays absent when the source gives none. */
export interface WebDocument {
  readonly slug: string;
  readonly title: Text;
  readonly description?: Text;
  readonly url?: string;
  readonly publisher?: string;
}

export interface Link {
  readonly slug: string;
  readonly url: string;
  readonly platform?: string;
  readonly format?: string;
  readonly title?: Text;
}

export interface CoverImage {
  readonly file: string;
  readonly url?: string;
}

export interface Output {
  readonly slug: string;
  readonly title: Text;
  readonly description: Text;
  readonly kind: string;
  readonly living: boolean;
  readonly version?: string;
  readonly versions: readonly string[];
  readonly project?: string;
  readonly publisher?: string;
  readonly authors: readonly string[];
  readonly language: readonly string[];
  readonly subjects: readonly string[];
  readonly audiences: readonly string[];
  readonly themes: readonly string[];
  readonly spatial: readonly string[];
  readonly keywords: readonly Text[];
  readonly issued?: string;
  readonly modified?: string;
  readonly coverImage?: CoverImage;
  readonly links: readonly Link[];
  /** When this output's lines in data/ were last committed (its catalogue record's dct:modified), if known. */
  readonly lastCommitted?: string;
}

/** Everything in data/, validated and with every reference checked. */
export interface SourceData {
  readonly catalog: Catalog;
  readonly organisations: readonly Organisation[];
  readonly people: readonly Person[];
  readonly projects: readonly Project[];
  readonly funding: readonly Funding[];
  readonly documents: readonly WebDocument[];
  readonly outputs: readonly Output[];
}
