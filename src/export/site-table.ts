import type { Representation } from '../http/representations.js';
import type { AppResponse } from './app-recorder.js';
import njsSite, { type HeaderPatch, type RecordedResponse, type SiteOffer, type SiteOptions, type SiteTable } from '../../nginx/oscg-site.js';

export type { HeaderPatch, RecordedResponse, SiteEntry, SiteFamily, SiteOffer, SiteOptions, SiteRoute, SiteTable, ResponseTemplate } from '../../nginx/oscg-site.js';

/** What marks, in a recorded template, where a value of the request goes. */
export const SENTINEL = 'zzoscgzz';

/** Headers of a recorded response that belong to the connection or to one request, never to the table. */
const NOT_RECORDED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'x-request-id']);

/** The names the njs module reads by their exact spelling. */
const SPELLING: Readonly<Record<string, string>> = { vary: 'Vary', etag: 'ETag', 'last-modified': 'Last-Modified', 'content-type': 'Content-Type', location: 'Location', 'content-location': 'Content-Location' };

/** A header name spelt once for the whole table: the njs module's spelling, else the first the app used. */
export class HeaderSpelling {
  private readonly names = new Map<string, string>(Object.entries(SPELLING));

  /** The table's spelling of `name`. */
  of(name: string): string {
    const lower = name.toLowerCase();
    const known = this.names.get(lower);
    if (known) return known;
    this.names.set(lower, name);
    return name;
  }
}

/** The headers of a response as the table keeps them: by one spelling, without those of the connection. */
export function recordedHeaders(response: AppResponse, spelling: HeaderSpelling): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (NOT_RECORDED.has(name.toLowerCase())) continue;
    const spelt = spelling.of(name);
    headers[spelt] = headers[spelt] === undefined ? value : `${headers[spelt]}, ${value}`;
  }
  return headers;
}

/** A representation as the table offers it: the fields negotiation reads, in short names. */
export function siteOffer(representation: Representation): SiteOffer {
  // Parsed here once, by the njs module's own parser, rather than on every request inside nginx.
  const parsed = njsSite.parsedMediaType(representation.mediaType);
  return {
    k: representation.key,
    m: representation.mediaType,
    x: representation.extension,
    ...(representation.legacy ? { l: true } : {}),
    ...(representation.forReaders ? { r: true } : {}),
    ...(representation.jsonLdProfile !== undefined ? { p: true } : {}),
    ...(representation.format ? { n: representation.format.name } : {}),
    ...(representation.options ? { o: representation.options.names } : {}),
    ...(parsed ? { t: parsed.t, s: parsed.s, ...(Object.keys(parsed.v).length > 0 ? { v: parsed.v } : {}) } : {}),
  };
}

/**
 * How the njs module reads a representation's options: their defaults, and
 * each spelling `offered` lists (in lower case) with the value the
 * representation's own `resolve` makes of it.
 */
export function siteOptions(representation: Representation): SiteOptions {
  const options = representation.options!;
  if (!options.offered) throw new Error(`the options of ${representation.key} do not say which values they offer, so the export cannot record their variants`);
  const defaults = options.resolve({});
  const spellings: Record<string, Record<string, string>> = {};
  for (const name of options.names) {
    spellings[name] = {};
    for (const spelling of options.offered[name] ?? []) spellings[name][`$${spelling.trim().toLowerCase()}`] = options.resolve({ [name]: spelling })[name]!;
  }
  return { names: options.names, defaults, spellings };
}

/** Every combination of an offer's option values, in the order of its names. */
export function optionCombinations(options: SiteOptions): string[][] {
  let combinations: string[][] = [[]];
  for (const name of options.names) {
    const values = [...new Set(Object.values(options.spellings[name] ?? {}))];
    combinations = combinations.flatMap((combination) => values.map((value) => [...combination, value]));
  }
  return combinations;
}

/** The `?format=` names that choose among `offers`, lower case, as representations.ts reads them. */
export function formatNames(offers: readonly SiteOffer[]): string[] {
  const names = new Set<string>();
  for (const offer of offers) {
    names.add(offer.k);
    if (!offer.p) {
      if (offer.x) names.add(offer.x);
      if (offer.n) names.add(offer.n);
    } else if (offer.k.startsWith('jsonld-')) names.add(offer.k.slice('jsonld-'.length));
  }
  return [...names];
}

/**
 * The headers every recorded answer has, with the same value (CORS): kept once
 * in the table's `common`, and taken out of each answer.
 */
export function commonHeaders(responses: readonly RecordedResponse[]): Record<string, string> {
  if (responses.length === 0) return {};
  const common: Record<string, string> = { ...responses[0]!.headers };
  for (const response of responses) {
    for (const name of Object.keys(common)) {
      if (response.headers[name] !== common[name]) delete common[name];
    }
  }
  delete common['Content-Type'];
  return common;
}

/** `headers` without the common ones. */
export function withoutCommon(headers: Readonly<Record<string, string>>, common: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => common[name] !== value));
}

/**
 * What a URL form changes in the answer of the negotiated URL, as a patch the
 * njs module applies: headers dropped, Vary tokens removed. Anything else that
 * differs (another value, another status or body) is a difference the table
 * cannot carry, and the export stops rather than serve it wrong.
 */
export function headerPatch(
  negotiated: { status: number; headers: Record<string, string>; body: Buffer },
  form: { status: number; headers: Record<string, string>; body: Buffer },
  what: string,
  sameAnswer = true,
  urls?: { base: string; from: string; to: string },
): HeaderPatch {
  if (sameAnswer && (negotiated.status !== form.status || !negotiated.body.equals(form.body))) throw new Error(`${what} answers with another status or body than the negotiated URL; the export cannot carry that.`);
  const remove: string[] = [];
  let vary: string[] = [];
  let original = false;
  for (const [name, value] of Object.entries(negotiated.headers)) {
    const other = form.headers[name];
    if (other === undefined) remove.push(name);
    else if (name === 'Link' && other !== value && urls && njsSite.rewriteOriginal(value, urls.base, urls.from, urls.to) === other) original = true;
    else if (name === 'Vary' && other !== value) {
      const tokens = value.split(', ');
      const kept = other.split(', ');
      vary = tokens.filter((token) => !kept.includes(token));
      if (tokens.filter((token) => kept.includes(token)).join(', ') !== other) throw new Error(`${what} varies on ${other}, not on a part of ${value}; the export cannot carry that.`);
    } else if (other !== value) throw new Error(`${what} sends ${name}: ${other} where the negotiated URL sends ${value}; the export cannot carry that.`);
  }
  for (const name of Object.keys(form.headers)) {
    if (negotiated.headers[name] === undefined) throw new Error(`${what} sends ${name}, which the negotiated URL does not; the export cannot carry that.`);
  }
  return { ...(remove.length > 0 ? { remove } : {}), ...(vary.length > 0 ? { vary } : {}), ...(original ? { original } : {}) };
}

/** Serialises the table; keys keep the order they were added in, which the exporter makes deterministic. */
export function serialiseSiteTable(table: SiteTable): string {
  return `${JSON.stringify(table)}\n`;
}
