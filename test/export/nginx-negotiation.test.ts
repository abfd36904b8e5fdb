import Negotiator from 'negotiator';
import { describe, expect, it } from 'vitest';
import { JSON_LD_PROFILES } from '../../src/graph/rdf-formats.js';
import { withoutMalformedWeights } from '../../src/http/accept-header.js';
import { REPRESENTATIONS } from '../../src/http/representations.js';
import njsSite from '../../nginx/oscg-site.js';
import { ACCEPT_HEADERS_OF_CLIENTS, NEGOTIATION_CASES, NOT_ACCEPTABLE, PROFILE_CASES, MALFORMED_ACCEPT_HEADERS } from '../support/negotiation-tables.js';

const { cleanAccept, isFresh, parseQuery, preferredEncodings, preferredLanguages, preferredMediaTypes } = njsSite;

// The njs module that answers a static export inside nginx negotiates with code of its own (no npm
// package runs in njs). Property: for every header of the negotiation tables, and for thousands of
// generated ones, it chooses what negotiator (and the server's Accept clean-up) choose.

const OFFERS = REPRESENTATIONS.entries.map((entry) => entry.mediaType);
const LANGUAGES = ['en', 'fr', 'fr-ca', 'de'];
const ENCODINGS = ['br', 'gzip', 'deflate', 'identity'];

/** What the Express server does with an Accept header: clean it, then ask negotiator. */
function negotiatorMediaTypes(accept: string | undefined, offers: readonly string[]): string[] {
  const cleaned = accept === undefined ? undefined : withoutMalformedWeights(accept);
  return new Negotiator({ headers: cleaned === undefined ? {} : { accept: cleaned } }).mediaTypes([...offers]);
}

function njsMediaTypes(accept: string | undefined, offers: readonly string[]): string[] {
  const cleaned = accept === undefined ? undefined : cleanAccept(accept);
  return preferredMediaTypes(cleaned, offers);
}

/** A seeded generator, so a failure names a header that can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T,>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const RANGES = ['text/turtle', 'text/html', 'application/ld+json', 'application/*', 'text/*', '*/*', 'application/n-triples', 'application/rdf+xml', 'text/plain', 'image/png', 'TEXT/HTML', 'application/trig', 'application/n-quads', 'application/xhtml+xml', 'garbage', ''];
const PARAMETERS = ['', ';q=0.5', ';q=0', ';q=1', ';q=0.001', ';q=0.9', ';q=foo', ';q=', ';q=1.5', ';level=1', ` ;profile="${JSON_LD_PROFILES.expanded}"`, `;profile="${JSON_LD_PROFILES.flattened} ${JSON_LD_PROFILES.compacted}"`, ';profile=*', ';charset=utf-8;q=0.7', '; q = 0.3', ';Q=0.2', ';x="a,b";q=0.4', ';x="unterminated'];

function generatedAccept(next: () => number): string {
  const count = 1 + Math.floor(next() * 5);
  return Array.from({ length: count }, () => `${pick(next, RANGES)}${pick(next, PARAMETERS)}`).join(pick(next, [', ', ',', ' , ']));
}

function generatedList(next: () => number, values: readonly string[]): string {
  const count = Math.floor(next() * 4);
  return Array.from({ length: count }, () => `${pick(next, values)}${pick(next, ['', ';q=0.5', ';q=0', ';q=1', ';q=0.8', ';q=x'])}`).join(', ');
}

describe('the njs negotiation chooses as negotiator does', () => {
  const tableHeaders = [...NEGOTIATION_CASES.map(([accept]) => accept), ...NOT_ACCEPTABLE, ...PROFILE_CASES.map(([accept]) => accept), ...MALFORMED_ACCEPT_HEADERS, ...ACCEPT_HEADERS_OF_CLIENTS];

  it.each(tableHeaders.map((accept) => [accept]))('Accept: %s', (accept) => {
    expect(njsMediaTypes(accept, OFFERS)).toEqual(negotiatorMediaTypes(accept, OFFERS));
  });

  it('on 5 000 generated Accept headers, the whole ranking', () => {
    const next = random(17);
    for (let run = 0; run < 5000; run += 1) {
      const accept = generatedAccept(next);
      expect(njsMediaTypes(accept, OFFERS), accept).toEqual(negotiatorMediaTypes(accept, OFFERS));
    }
  });

  it('the Accept clean-up is the server’s on every generated header', () => {
    const next = random(23);
    for (let run = 0; run < 5000; run += 1) {
      const accept = generatedAccept(next);
      expect(cleanAccept(accept), accept).toBe(withoutMalformedWeights(accept));
    }
  });

  it('on 3 000 generated Accept-Language headers', () => {
    const next = random(5);
    for (let run = 0; run < 3000; run += 1) {
      const header = run % 50 === 0 ? undefined : generatedList(next, ['en', 'fr', 'FR-ca', 'fr-FR', 'de', '*', 'en-GB', 'es', '']);
      expect(preferredLanguages(header, LANGUAGES), String(header)).toEqual(new Negotiator({ headers: header === undefined ? {} : { 'accept-language': header } }).languages([...LANGUAGES]));
    }
  });

  it('on 3 000 generated Accept-Encoding headers, with compression’s preference for brotli', () => {
    const next = random(9);
    for (let run = 0; run < 3000; run += 1) {
      const header = generatedList(next, ['gzip', 'br', 'deflate', 'identity', '*', 'zstd', 'GZIP']);
      // negotiator 1.1 takes the preferred codings (as compression passes them); its types predate that.
      const encodings = new Negotiator({ headers: { 'accept-encoding': header } }).encodings as (available: string[], options: { preferred: string[] }) => string[];
      const expected = encodings.call(new Negotiator({ headers: { 'accept-encoding': header } }), [...ENCODINGS], { preferred: ['br', 'gzip'] });
      expect(preferredEncodings(header, ENCODINGS, ['br', 'gzip']), header).toEqual(expected);
    }
  });
});

describe('the njs reading of requests', () => {
  it.each([
    ['format=ttl', { $format: 'ttl' }],
    ['format=ttl&format=nt', { $format: ['ttl', 'nt'] }],
    ['lang=fr&x', { $lang: 'fr', $x: '' }],
    ['a+b=c%20d&e=%zz', { '$a b': 'c d', $e: '%zz' }],
    ['', {}],
  ])('query %s is read as qs reads it', (search, expected) => {
    expect(parseQuery(search)).toEqual(expected);
  });

  const etag = 'W/"abc-ttl"';
  const lastModified = 'Fri, 27 Nov 2026 10:00:00 GMT';
  it.each([
    [{}, false],
    [{ 'if-none-match': etag }, true],
    [{ 'if-none-match': '"abc-ttl"' }, true],
    [{ 'if-none-match': 'W/"x", W/"abc-ttl"' }, true],
    [{ 'if-none-match': '*' }, true],
    [{ 'if-none-match': 'W/"other"', 'if-modified-since': lastModified }, false],
    [{ 'if-modified-since': lastModified }, true],
    [{ 'if-modified-since': 'Fri, 27 Nov 2026 09:59:59 GMT' }, false],
    [{ 'if-none-match': etag, 'cache-control': 'no-cache' }, false],
  ])('freshness of %j', (headers, fresh) => {
    expect(isFresh(headers, etag, lastModified)).toBe(fresh);
  });
});
