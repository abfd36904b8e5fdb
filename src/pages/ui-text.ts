/** The words of the pages' interface (not of the data), in one language. */
export interface UiText {
  readonly siteName: string;
  readonly navigation: string;
  readonly catalog: string;
  readonly sparqlEndpoint: string;
  readonly oaiPmh: string;
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
  readonly skipToContent: string;
  readonly languageSwitch: string;
  readonly machineReadable: string;
  readonly namedQueries: string;
  readonly documents: string;
  readonly recordings: string;
  readonly otherOutputs: string;
  readonly contributorsByRole: string;
  readonly affiliation: string;
  readonly funding: string;
  readonly funders: string;
  readonly funded: string;
  readonly date: string;
  readonly coverImage: string;
  readonly whatsNew: string;
  readonly whatsNewIntro: string;
  readonly noReleases: string;
  readonly added: string;
  readonly changed: string;
  readonly removed: string;
  readonly before: string;
  readonly after: string;
  readonly statements: string;
  readonly recordHistory: string;
  readonly historyOf: string;
  readonly historyIntro: string;
  readonly asPublishedThen: string;
  readonly inThisRelease: string;
  readonly changeStream: string;
  readonly changeStreamIntro: string;
  readonly changeStreamDescription: string;
  readonly part: string;
  readonly recordAdded: string;
  readonly recordChanged: string;
  readonly recordRemoved: string;
  readonly newerReleases: string;
  readonly olderReleases: string;
  readonly queryPageTitle: string;
  readonly queryPageIntro: string;
  readonly serviceDescription: string;
  readonly noScript: string;
  /** The query page of a site without a SPARQL endpoint (a static copy exported without one). */
  readonly noSparqlEndpoint: string;
  readonly exampleQueries: string;
  readonly exampleQueriesIntro: string;
  readonly runQuery: string;
  readonly openQuery: string;
  readonly queryText: string;
  readonly downloadResults: string;
  readonly downloadResultsIntro: string;
  readonly resultFormat: string;
  readonly submitQuery: string;
  readonly queryEditor: string;
  readonly namedQueriesIntro: string;
  readonly parameters: string;
  readonly results: string;
  readonly errorPageIntro: string;
  readonly required: string;
  readonly rowsPerPage: string;
  readonly pages: string;
  readonly firstPage: string;
  readonly nextPage: string;
  readonly lastPage: string;
  readonly readOn: string;
  readonly watchOn: string;
  readonly listenOn: string;
  readonly openOn: string;
  readonly alsoAvailable: string;
  readonly livingDocument: string;
  readonly authors: string;
  readonly description: string;
  readonly about: string;
  readonly kind: string;
  readonly published: string;
  readonly publisher: string;
  readonly version: string;
  readonly inLanguage: string;
  readonly audience: string;
  readonly licence: string;
  readonly versions: string;
  readonly itsVersions: string;
  readonly versionOf: string;
  readonly projectAndFunding: string;
  readonly project: string;
  readonly contributors: string;
  readonly keywords: string;
  readonly citeAs: string;
  readonly citationStyle: string;
  readonly citationLanguage: string;
  readonly downloadCitation: string;
  readonly getTheData: string;
  readonly getTheDataIntro: string;
  readonly everyStatement: string;
  readonly everyStatementSummary: string;
  readonly person: string;
  readonly organisation: string;
  readonly affiliations: string;
  readonly honorific: string;
  readonly jobTitle: string;
  readonly website: string;
  readonly worksByRole: string;
  readonly alsoKnownAs: string;
  readonly organisationType: string;
  readonly partOf: string;
  readonly includes: string;
  readonly publications: string;
  readonly fundingGiven: string;
  readonly ledBy: string;
  readonly seeAlso: string;
}

const ENGLISH: UiText = {
  siteName: 'Open Smart Cities Guide',
  navigation: 'Site',
  catalog: 'Catalogue',
  sparqlEndpoint: 'SPARQL endpoint',
  oaiPmh: 'OAI-PMH repository, for research aggregators',
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
  skipToContent: 'Skip to content',
  languageSwitch: 'Language',
  machineReadable: 'Machine-readable',
  namedQueries: 'Named queries',
  documents: 'Documents',
  recordings: 'Video recordings',
  otherOutputs: 'Other outputs',
  contributorsByRole: 'People and organisations, by role',
  affiliation: 'affiliation',
  funding: 'Funding',
  funders: 'Funders',
  funded: 'Funded',
  date: 'Date',
  coverImage: 'Cover image',
  whatsNew: 'What’s new',
  whatsNewIntro: 'Every release of the data, newest first, and what changed in it: the records added, changed and removed, and for a changed record its statements before and after.',
  noReleases: 'No release of the data has been published yet.',
  added: 'Added',
  changed: 'Changed',
  removed: 'Removed',
  before: 'Before',
  after: 'After',
  statements: 'Statements',
  recordHistory: 'History of this record',
  historyOf: 'History',
  historyIntro: 'Each release in which this record was added, changed or removed, newest first.',
  asPublishedThen: 'as published then',
  inThisRelease: 'this release',
  changeStream: 'Change stream (LDES)',
  changeStreamIntro: 'The same changes for harvesters, as a Linked Data Event Stream:',
  changeStreamDescription: 'Every change to the records of this site, release by release: an Activity Streams Create, Update or Remove per record, with the record’s description after the change in the named graph of the activity (DCAT-AP Feeds).',
  part: 'Part',
  recordAdded: 'Added',
  recordChanged: 'Changed',
  recordRemoved: 'Removed',
  newerReleases: 'Newer releases',
  olderReleases: 'Older releases',
  queryPageTitle: 'SPARQL query',
  queryPageIntro: 'Ask the graph your own questions in SPARQL 1.1, or start from an example below.',
  serviceDescription: 'service description',
  noSparqlEndpoint: 'This copy of the site has no SPARQL endpoint: it is a static export, which answers reads only. The whole graph can be downloaded and queried with any SPARQL store.',
  noScript: 'The query editor needs JavaScript. Without it, run the example queries from the links below, or type a query in the form and choose a result format.',
  exampleQueries: 'Example queries',
  exampleQueriesIntro: 'One click loads a query into the editor and runs it; its results can also be downloaded directly.',
  runQuery: 'Run',
  openQuery: 'Results',
  queryText: 'SPARQL query',
  downloadResults: 'Download the results',
  downloadResultsIntro: 'The results of the query in the editor, in each format:',
  resultFormat: 'Result format',
  submitQuery: 'Run the query',
  queryEditor: 'Query editor',
  namedQueriesIntro: 'Ready-made SPARQL queries over the graph. Each is also an API: its results are negotiated like those of the SPARQL endpoint.',
  parameters: 'Parameters',
  results: 'Results',
  errorPageIntro: 'You can go back to the home page or browse the catalogue.',
  required: 'required',
  rowsPerPage: 'Rows per page',
  pages: 'Pages',
  firstPage: 'First page',
  nextPage: 'Next page',
  lastPage: 'Last page',
  readOn: 'Read on {platform}',
  watchOn: 'Watch on {platform}',
  listenOn: 'Listen on {platform}',
  openOn: 'Open on {platform}',
  alsoAvailable: 'Also available:',
  livingDocument: 'Living document',
  authors: 'Authors',
  description: 'Description',
  about: 'About',
  kind: 'Kind',
  published: 'Published',
  publisher: 'Publisher',
  version: 'Version',
  inLanguage: 'Language',
  audience: 'Audience',
  licence: 'Licence',
  versions: 'Versions',
  itsVersions: 'Its versions:',
  versionOf: 'A version of:',
  projectAndFunding: 'Project and funding',
  project: 'Project',
  contributors: 'Contributors',
  keywords: 'Keywords',
  citeAs: 'Cite as',
  citationStyle: 'Citation style',
  citationLanguage: 'Language of the citation',
  downloadCitation: 'Download the reference:',
  getTheData: 'Get the data',
  getTheDataIntro: 'This record as linked data, in each format:',
  everyStatement: 'Every statement',
  everyStatementSummary: 'Show every statement about this resource, for linked-data readers',
  person: 'Person',
  organisation: 'Organisation',
  affiliations: 'Affiliations',
  honorific: 'Title',
  jobTitle: 'Position',
  website: 'Website',
  worksByRole: 'Works, by role',
  alsoKnownAs: 'Also known as',
  organisationType: 'Type',
  partOf: 'Part of',
  includes: 'Includes',
  publications: 'Publications',
  fundingGiven: 'Funding given',
  ledBy: 'Led by',
  seeAlso: 'See also',
};

const FRENCH: UiText = {
  // The guide's name stays in English: the seed gives no French title, and none is invented.
  siteName: 'Open Smart Cities Guide',
  navigation: 'Site',
  catalog: 'Catalogue',
  sparqlEndpoint: 'Point d’accès SPARQL',
  oaiPmh: 'Entrepôt OAI-PMH, pour les agrégateurs de la recherche',
  downloads: 'Téléchargements',
  footer: 'Données ouvertes liées sur l’Open Smart Cities Guide et ses productions. Chaque page existe aussi en RDF.',
  identifier: 'Identifiant',
  types: 'Types',
  properties: 'Propriétés',
  parts: 'Parties',
  referencedBy: 'Cité par',
  otherFormats: 'Autres formats',
  otherFormatsIntro: 'Cette description sous forme de données :',
  homeIntro: 'Ce site publie l’Open Smart Cities Guide, le projet qui l’a rédigé et ses autres productions sous forme de données ouvertes liées. Chaque ressource a un IRI qui répond en HTML aux personnes et en RDF aux programmes.',
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
  skipToContent: 'Aller au contenu',
  languageSwitch: 'Langue',
  machineReadable: 'Pour les machines',
  namedQueries: 'Requêtes nommées',
  documents: 'Documents',
  recordings: 'Enregistrements vidéo',
  otherOutputs: 'Autres productions',
  contributorsByRole: 'Personnes et organisations, par rôle',
  affiliation: 'affiliation',
  funding: 'Financement',
  funders: 'Bailleurs de fonds',
  funded: 'Financé',
  date: 'Date',
  coverImage: 'Image de couverture',
  whatsNew: 'Quoi de neuf',
  whatsNewIntro: 'Chaque version publiée des données, de la plus récente à la plus ancienne, et ce qui y a changé : les fiches ajoutées, modifiées et retirées, et pour une fiche modifiée ses énoncés avant et après.',
  noReleases: 'Aucune version des données n’a encore été publiée.',
  added: 'Ajoutées',
  changed: 'Modifiées',
  removed: 'Retirées',
  before: 'Avant',
  after: 'Après',
  statements: 'Énoncés',
  recordHistory: 'Historique de cette fiche',
  historyOf: 'Historique',
  historyIntro: 'Chaque version publiée où cette fiche a été ajoutée, modifiée ou retirée, de la plus récente à la plus ancienne.',
  asPublishedThen: 'telle que publiée alors',
  inThisRelease: 'cette version',
  changeStream: 'Flux des changements (LDES)',
  changeStreamIntro: 'Les mêmes changements pour les moissonneurs, en flux d’événements de données liées (LDES) :',
  changeStreamDescription: 'Chaque changement des fiches de ce site, version par version : une activité Activity Streams Create, Update ou Remove par fiche, avec la description de la fiche après le changement dans le graphe nommé de l’activité (DCAT-AP Feeds).',
  part: 'Partie',
  recordAdded: 'Ajoutée',
  recordChanged: 'Modifiée',
  recordRemoved: 'Retirée',
  newerReleases: 'Versions plus récentes',
  olderReleases: 'Versions plus anciennes',
  queryPageTitle: 'Requête SPARQL',
  queryPageIntro: 'Posez vos propres questions au graphe en SPARQL 1.1, ou partez d’un exemple ci-dessous.',
  serviceDescription: 'description du service',
  noSparqlEndpoint: 'Cette copie du site n’a pas de point d’accès SPARQL : c’est un export statique, qui ne répond qu’aux lectures. Le graphe entier peut être téléchargé et interrogé avec n’importe quel entrepôt SPARQL.',
  noScript: 'L’éditeur de requêtes a besoin de JavaScript. Sans lui, lancez les exemples de requêtes par les liens ci-dessous, ou saisissez une requête dans le formulaire et choisissez un format de résultats.',
  exampleQueries: 'Exemples de requêtes',
  exampleQueriesIntro: 'Un clic charge une requête dans l’éditeur et l’exécute ; ses résultats peuvent aussi être téléchargés directement.',
  runQuery: 'Exécuter',
  openQuery: 'Résultats',
  queryText: 'Requête SPARQL',
  downloadResults: 'Télécharger les résultats',
  downloadResultsIntro: 'Les résultats de la requête de l’éditeur, dans chaque format :',
  resultFormat: 'Format des résultats',
  submitQuery: 'Lancer la requête',
  queryEditor: 'Éditeur de requêtes',
  namedQueriesIntro: 'Des requêtes SPARQL toutes prêtes sur le graphe. Chacune est aussi une API : ses résultats se négocient comme ceux du point d’accès SPARQL.',
  parameters: 'Paramètres',
  results: 'Résultats',
  errorPageIntro: 'Vous pouvez revenir à l’accueil ou parcourir le catalogue.',
  required: 'obligatoire',
  rowsPerPage: 'Lignes par page',
  pages: 'Pages',
  firstPage: 'Première page',
  nextPage: 'Page suivante',
  lastPage: 'Dernière page',
  readOn: 'Lire sur {platform}',
  watchOn: 'Regarder sur {platform}',
  listenOn: 'Écouter sur {platform}',
  openOn: 'Ouvrir sur {platform}',
  alsoAvailable: 'Aussi disponible :',
  livingDocument: 'Document évolutif',
  authors: 'Auteurs',
  description: 'Description',
  about: 'À propos',
  kind: 'Genre',
  published: 'Publication',
  publisher: 'Éditeur',
  version: 'Version',
  inLanguage: 'Langue',
  audience: 'Public',
  licence: 'Licence',
  versions: 'Versions',
  itsVersions: 'Ses versions :',
  versionOf: 'Une version de :',
  projectAndFunding: 'Projet et financement',
  project: 'Projet',
  contributors: 'Contributions',
  keywords: 'Mots-clés',
  citeAs: 'Citer comme',
  citationStyle: 'Style de citation',
  citationLanguage: 'Langue de la citation',
  downloadCitation: 'Télécharger la référence :',
  getTheData: 'Obtenir les données',
  getTheDataIntro: 'Cette fiche en données liées, dans chaque format :',
  everyStatement: 'Tous les énoncés',
  everyStatementSummary: 'Afficher tous les énoncés sur cette ressource, pour les lecteurs de données liées',
  person: 'Personne',
  organisation: 'Organisation',
  affiliations: 'Affiliations',
  honorific: 'Titre',
  jobTitle: 'Poste',
  website: 'Site web',
  worksByRole: 'Travaux, par rôle',
  alsoKnownAs: 'Aussi appelé',
  organisationType: 'Type',
  partOf: 'Fait partie de',
  includes: 'Comprend',
  publications: 'Publications',
  fundingGiven: 'Financements accordés',
  ledBy: 'Dirigé par',
  seeAlso: 'Voir aussi',
};

/** The languages the interface is written in; the first is the fallback. */
export const UI_LANGUAGES = ['en', 'fr'] as const;

const TEXTS: Readonly<Record<(typeof UI_LANGUAGES)[number], UiText>> = { en: ENGLISH, fr: FRENCH };

/** The interface language to use for a reader's languages (best first), and its words. */
export function uiTextFor(readerLanguages: readonly string[]): { readonly lang: string; readonly text: UiText } {
  const lang = readerLanguages.find((language): language is (typeof UI_LANGUAGES)[number] => (UI_LANGUAGES as readonly string[]).includes(language)) ?? UI_LANGUAGES[0];
  return { lang, text: TEXTS[lang] };
}

/** Each interface language's name in that language, for the language switch. */
export const LANGUAGE_NAMES: Readonly<Record<(typeof UI_LANGUAGES)[number], string>> = { en: 'English', fr: 'Français' };

/** An interface text with its `{name}` placeholders filled in (the values are escaped where the text is used). */
export function fillIn(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z]+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
