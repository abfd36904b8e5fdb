// Types of nginx/oscg-site.js, the njs module that answers a static export inside nginx; the
// exporter and the tests run the same file in Node.

/** One representation an entry offers, as the export's table writes it (short names keep site.json small). */
export interface SiteOffer {
  /** key (`?format=` name, variant key) */
  readonly k: string;
  /** media type offered in negotiation */
  readonly m: string;
  /** extension of the URL naming it directly */
  readonly x?: string;
  /** offered under an old media type only to clients asking for it */
  readonly l?: boolean;
  /** a page for readers: varies on their languages */
  readonly r?: boolean;
  /** a JSON-LD profile variant */
  readonly p?: boolean;
  /** the RDF format's name (`turtle`) */
  readonly n?: string;
  /** the names of its options (a citation's `style`, `locale`) */
  readonly o?: readonly string[];
  /** its media type parsed once, by the exporter, for negotiation: type, subtype (lower case), parameters by `$` name */
  readonly t?: string;
  readonly s?: string;
  readonly v?: Readonly<Record<string, string>>;
}

/** How the njs module reads one representation's options: their names, defaults, and every spelling of each value (lower case) with the value it names. */
export interface SiteOptions {
  readonly names: readonly string[];
  readonly defaults: Readonly<Record<string, string>>;
  /** By option name, spelling (`$` + lower case) → value. */
  readonly spellings: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A response the exporter recorded from the Express app. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text, for short answers (a 303, an error template). */
  readonly body?: string;
  /** The body's file under files/, for a 200. */
  readonly file?: string;
  /** The index of its Content-Type in `types`. */
  readonly type?: number;
  /** The content codings precompressed beside the file. */
  readonly codings?: readonly string[];
  /** A strong ETag's parts (a memento's, a closed page's): the module hashes them with the request's, as the server does. */
  readonly e?: readonly string[];
}

/** An error or redirect recorded with a sentinel, and where the request's own values go. */
export interface ResponseTemplate {
  /** `problem`: negotiated among the problem types and languages; `plain`: one response. */
  readonly kind: 'problem' | 'plain';
  /** What replaces what in a problem's detail, or in a plain body and headers. */
  readonly subs: readonly { readonly find: string; readonly value: string }[];
  /** Raised after a page for readers was chosen: its Vary names Accept-Language unless `?lang=` picked the language. */
  readonly readers?: boolean;
  /** By problem key (`application/problem+json`, `text/html|fr!`…), or `''` for a plain template. */
  readonly responses: Readonly<Record<string, RecordedResponse>>;
}

/** What a kind of URL changes in a recorded answer: headers dropped and Vary tokens removed. */
export interface HeaderPatch {
  readonly remove?: readonly string[];
  readonly vary?: readonly string[];
  /** Its Memento links name the URL asked for (rewriteOriginal). */
  readonly original?: boolean;
}

/** How one family of routes is answered. */
export interface SiteFamily {
  /** `redirect`/`exact`: entry by path; `document`: an extension may follow; `dotted`: `path.ext`; `static`: one fixed answer. */
  readonly kind: 'redirect' | 'exact' | 'document' | 'dotted' | 'static' | 'timegate' | 'timemap' | 'memento';
  readonly languages?: 'site' | 'ui';
  readonly names?: 'representation' | 'sparql';
  readonly paged?: boolean;
  readonly post?: boolean;
  readonly queries?: boolean;
  readonly templates: Readonly<Record<string, string>>;
  readonly forms: Readonly<Record<string, HeaderPatch>>;
  /** What a 304 leaves out of the 200's headers. */
  readonly notModified?: HeaderPatch;
  /** `?page=` picks one of an entry's recorded pages (`page=N` forms; TimeMaps, "what's new"). */
  readonly pages?: boolean;
  /** How its strong ETags are made from a recorded answer's `e`: with the original's URL and `?format=`, with `?format=`, or alone; then Accept-Encoding. */
  readonly etag?: 'url-format' | 'format' | 'plain';
  /** A prefix route whose tail names a resource (`history/x` → `id/x`), for its errors. */
  readonly resourceTail?: boolean;
}

/** The releases, for Memento: the TimeGate chooses among them, mementos are found by them. */
export interface SiteHistory {
  /** Oldest first: id (`YYYYMMDDhhmmss`), time in milliseconds, and as an HTTP date. */
  readonly releases: readonly { readonly id: string; readonly t: number; readonly d: string }[];
  /** By the original's resource (`id/x`, `vocab/ontology`, `dump`): for each release, the index of the release whose version was in force then, or -1. */
  readonly originals: Readonly<Record<string, readonly number[]>>;
  /** The extensions the dump's mementos have. */
  readonly dumpExtensions: readonly string[];
}

/** One path of the site and its recorded answers, by form (`''`, or the catalogue's `ext=…&format=…&page=…`) and variant key. */
export interface SiteEntry {
  /** Index of its offers in `offerSets`; absent for a fixed answer. */
  readonly o?: number;
  readonly f: Readonly<Record<string, Readonly<Record<string, RecordedResponse>>>>;
  /** A paged entry's first-page URL per form prefix, for the page-out-of-range error. */
  readonly firsts?: Readonly<Record<string, string>>;
  /** For a page that takes a representation's options (`?style=`, `?locale=` on an output's page): that representation's key. */
  readonly po?: string;
  /** The representations it could have but does not, with the reason its errors give. */
  readonly r?: readonly (SiteOffer & { readonly reason: string })[];
  /** How many pages it has, when more than one (`?page=`). */
  readonly pg?: number;
  /** The languages its pages are offered in, when not the site's (a memento of a release with others). */
  readonly ls?: readonly string[];
}

/** A route of the site, in the order the Express app tries them. */
export interface SiteRoute {
  readonly match: 'exact' | 'prefix' | 'dotted';
  readonly path: string;
  readonly family: string;
}

/** The export's table, site.json, preloaded into nginx as `oscgSite`. */
export interface SiteTable {
  readonly base: string;
  readonly basePath: string;
  readonly languages: readonly string[];
  readonly uiLanguages: readonly string[];
  readonly fallbackLanguage: string;
  readonly languageParameter: string;
  readonly extensions: readonly string[];
  readonly problemTypes: readonly string[];
  readonly offerSets: readonly (readonly SiteOffer[])[];
  /** The options of the representations that have some, by representation key. */
  readonly options: Readonly<Record<string, SiteOptions>>;
  readonly common: Readonly<Record<string, string>>;
  readonly preflight: Readonly<Record<'plain' | 'reflecting', RecordedResponse>>;
  readonly encodings: { readonly supported: readonly string[]; readonly preferred: readonly string[]; readonly suffixes: Readonly<Record<string, string>> };
  readonly types: readonly string[];
  readonly headerNames: readonly string[];
  readonly internalPrefix: string;
  readonly routes: readonly SiteRoute[];
  readonly families: Readonly<Record<string, SiteFamily>>;
  readonly entries: Readonly<Record<string, SiteEntry>>;
  readonly templates: Readonly<Record<string, ResponseTemplate>>;
  /** The releases, when the export holds the history. */
  readonly history?: SiteHistory;
}

/** A request as `respond` takes it. */
export interface RawRequest {
  readonly method: string;
  /** The request target as sent: path and query, percent-encoded. */
  readonly target: string;
  /** Header values by lower-case name, repeated ones joined with ", ". */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly requestId: string;
}

/** What `respond` answers: a body, or a recorded file nginx sends. */
export interface SiteResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly file?: string;
  readonly type?: number;
}

/** A request as the module reads it. */
export interface ReadRequest {
  readonly method: string;
  readonly target: string;
  readonly path: string;
  readonly search: string;
  readonly query: Record<string, string | string[]>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly accept: string | undefined;
  readonly requestId: string;
}

declare function parseList(header: string): { value: string; params: Record<string, string> }[];
declare function preferredMediaTypes(accept: string | undefined, provided: readonly string[]): string[];
declare function preferredLanguages(acceptLanguage: string | undefined, provided: readonly string[]): string[];
declare function preferredEncodings(acceptEncoding: string | undefined, provided: readonly string[], preferred: readonly string[]): string[];
declare function cleanAccept(accept: string): string | undefined;
declare function parseQuery(search: string): Record<string, string | string[]>;
declare function readRequest(raw: RawRequest): ReadRequest;
declare function readerLanguages(site: Pick<SiteTable, 'fallbackLanguage' | 'languageParameter' | 'uiLanguages'>, request: ReadRequest, available: readonly string[]): string[];
declare function readerKey(site: Pick<SiteTable, 'fallbackLanguage' | 'languageParameter' | 'uiLanguages'>, request: ReadRequest, available: readonly string[]): string;
declare function chooseRepresentation(
  request: ReadRequest,
  extension: string | undefined,
  offers: readonly SiteOffer[],
  names: 'representation' | 'sparql' | undefined,
): { offer: SiteOffer; variesOnAccept: boolean; form: string; acceptOptions?: Readonly<Record<string, string>>; error?: undefined } | { error: string; offer?: undefined };
declare function isFresh(headers: Readonly<Record<string, string | undefined>>, etag: string | undefined, lastModified: string | undefined): boolean;
declare function respond(site: SiteTable, raw: RawRequest): SiteResponse;
declare function optionsOf(site: Pick<SiteTable, 'options'>, request: ReadRequest, offer: SiteOffer, acceptOptions: Readonly<Record<string, string>>): { values: string[]; given: string[]; error?: undefined } | { error: string; asked: string };
declare function parsedMediaType(mediaType: string): { t: string; s: string; v: Record<string, string> } | null;
declare function pageOptionsKey(site: Pick<SiteTable, 'options'>, request: ReadRequest, optionsKey: string): { key: string; error?: undefined } | { error: string; asked: string; key?: undefined };
declare function rewriteOriginal(link: string, base: string, from: string, to: string): string;
declare function acceptDatetime(text: string): number | undefined;
declare function strongEtag(parts: readonly string[], mode: 'url-format' | 'format' | 'plain', originalUrl: string, request: ReadRequest): string;
declare function problemKey(site: Pick<SiteTable, 'problemTypes' | 'fallbackLanguage' | 'languageParameter' | 'uiLanguages'>, request: ReadRequest): string;

/** The module's functions; njs modules export a default object only. */
declare const site: {
  answer(r: unknown): void;
  answerUncompressed(r: unknown): void;
  parseList: typeof parseList;
  preferredMediaTypes: typeof preferredMediaTypes;
  parsedMediaType: typeof parsedMediaType;
  preferredLanguages: typeof preferredLanguages;
  preferredEncodings: typeof preferredEncodings;
  cleanAccept: typeof cleanAccept;
  parseQuery: typeof parseQuery;
  readRequest: typeof readRequest;
  readerLanguages: typeof readerLanguages;
  readerKey: typeof readerKey;
  chooseRepresentation: typeof chooseRepresentation;
  isFresh: typeof isFresh;
  problemKey: typeof problemKey;
  optionsOf: typeof optionsOf;
  pageOptionsKey: typeof pageOptionsKey;
  respond: typeof respond;
  acceptDatetime: typeof acceptDatetime;
  strongEtag: typeof strongEtag;
  rewriteOriginal: typeof rewriteOriginal;
};
export default site;
