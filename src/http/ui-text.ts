/** The words of the pages' interface (not of the data), in one language. */
export interface UiText {
  readonly siteName: string;
  readonly navigation: string;
  readonly catalogue: string;
  readonly sparqlEndpoint: string;
  readonly downloads: string;
  readonly footer: string;
  readonly identifier: string;
  readonly types: string;
  readonly properties: string;
  readonly parts: string;
  readonly referencedBy: string;
  readonly otherFormats: string;
  readonly otherFormatsIntro: string;
  readonly homeIntro: string;
  readonly outputs: string;
  readonly people: string;
  readonly organisations: string;
  readonly projects: string;
  readonly vocabulary: string;
  readonly explore: string;
  readonly exploreIntro: string;
  readonly downloadsIntro: string;
  readonly wholeGraph: string;
  readonly backHome: string;
}

const ENGLISH: UiText = {
  siteName: 'Open Smart Cities Guide',
  navigation: 'Site',
  catalogue: 'Catalogue',
  sparqlEndpoint: 'SPARQL endpoint',
  downloads: 'Downloads',
  footer: 'Linked open data about the Open Smart Cities Guide and its outputs. Every page is also available as RDF.',
  identifier: 'Identifier',
  types: 'Types',
  properties: 'Properties',
  parts: 'Parts',
  referencedBy: 'Referenced by',
  otherFormats: 'Other formats',
  otherFormatsIntro: 'This description as data:',
  homeIntro: 'This site publishes the Open Smart Cities Guide, the project that wrote it and its other outputs as linked open data. Every resource has an IRI that answers in HTML for people and in RDF for programs.',
  outputs: 'Outputs',
  people: 'People',
  organisations: 'Organisations',
  projects: 'Projects',
  vocabulary: 'Publishing vocabulary',
  explore: 'Query and reuse',
  exploreIntro: 'Ask your own questions in SPARQL, or download the whole graph.',
  downloadsIntro: 'The whole graph in one file:',
  wholeGraph: 'Whole graph',
  backHome: 'Home',
};

const FRENCH: UiText = {
  siteName: 'Guide des villes intelligentes ouvertes',
  navigation: 'Site',
  catalogue: 'Catalogue',
  sparqlEndpoint: 'Point d’accès SPARQL',
  downloads: 'Téléchargements',
  footer: 'Données ouvertes liées sur le Guide des villes intelligentes ouvertes et ses productions. Chaque page existe aussi en RDF.',
  identifier: 'Identifiant',
  types: 'Types',
  properties: 'Propriétés',
  parts: 'Parties',
  referencedBy: 'Cité par',
  otherFormats: 'Autres formats',
  otherFormatsIntro: 'Cette description sous forme de données :',
  homeIntro: 'Ce site publie le Guide des villes intelligentes ouvertes, le projet qui l’a rédigé et ses autres productions sous forme de données ouvertes liées. Chaque ressource a un IRI qui répond en HTML aux personnes et en RDF aux programmes.',
  outputs: 'Productions',
  people: 'Personnes',
  organisations: 'Organisations',
  projects: 'Projets',
  vocabulary: 'Vocabulaire de publication',
  explore: 'Interroger et réutiliser',
  exploreIntro: 'Posez vos propres questions en SPARQL, ou téléchargez tout le graphe.',
  downloadsIntro: 'Tout le graphe en un fichier :',
  wholeGraph: 'Tout le graphe',
  backHome: 'Accueil',
};

/** The languages the interface is written in; the first is the fallback. */
export const UI_LANGUAGES = ['en', 'fr'] as const;

const TEXTS: Readonly<Record<(typeof UI_LANGUAGES)[number], UiText>> = { en: ENGLISH, fr: FRENCH };

/** The interface language to use for a reader's languages (best first), and its words. */
export function uiTextFor(readerLanguages: readonly string[]): { readonly lang: string; readonly text: UiText } {
  const lang = readerLanguages.find((language): language is (typeof UI_LANGUAGES)[number] => (UI_LANGUAGES as readonly string[]).includes(language)) ?? UI_LANGUAGES[0];
  return { lang, text: TEXTS[lang] };
}
