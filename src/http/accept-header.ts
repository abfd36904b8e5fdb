import type { RequestHandler } from 'express';

/** A weight as RFC 9110 §12.4.2 writes it: 0 to 1, with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** A media range as negotiator reads it (`type/subtype`, then parameters); it skips anything else. */
const MEDIA_RANGE = /^[^\s/;]+\/[^;\s]+\s*(?:;.*)?$/s;

/** The elements of the list: a quoted string is kept whole (an unterminated one runs to the end), so a comma inside it separates nothing. */
const ELEMENT = /(?:"(?:[^"\\]|\\.)*"?|[^,"])+/g;

/** A quoted string (left as it is), or a `q` parameter with its value in group 1. */
const WEIGHT = /"(?:[^"\\]|\\.)*"?|;[ \t]*q[ \t]*=([^;]*)/gi;

/**
 * The Accept header with every malformed weight dropped, so its range counts
 * as q=1, and every element that is no media range dropped; the header as it
 * was when nothing is dropped, undefined when no range is left. Hand-written
 * because negotiator, which every route and the error handler negotiate with,
 * reads `q=foo` as NaN and then rules the range out, turning `*\/*;q=foo` into
 * a 406, and has no option to do otherwise.
 */
export function withoutMalformedWeights(accept: string): string | undefined {
  let dropped = false;
  const ranges: string[] = [];
  for (const element of accept.match(ELEMENT) ?? []) {
    const trimmed = element.trim();
    if (!MEDIA_RANGE.test(trimmed)) {
      dropped ||= trimmed !== '';
      continue;
    }
    ranges.push(
      trimmed.replace(WEIGHT, (match, value: string | undefined) => {
        if (value === undefined || QVALUE.test(unquote(value.trim()))) return match;
        dropped = true;
        return '';
      }),
    );
  }
  if (ranges.length === 0) return undefined;
  return dropped ? ranges.join(', ') : accept;
}

/** The elements of an Accept header, trimmed, split at the commas outside quoted strings. */
export function acceptElements(accept: string): string[] {
  return (accept.match(ELEMENT) ?? []).map((element) => element.trim()).filter((element) => element !== '');
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * Cleans the Accept header once, before any route reads it, so documents,
 * SPARQL results and errors all negotiate from the same list. An Accept with
 * no media range left is removed: RFC 9110 §12.5.1 lets a server disregard the
 * header rather than answer 406, which is kinder to a client that garbled it.
 */
export const ignoreMalformedWeights: RequestHandler = (req, _res, next) => {
  const accept = req.headers.accept;
  if (accept !== undefined) {
    const cleaned = withoutMalformedWeights(accept);
    if (cleaned === undefined) delete req.headers.accept;
    else req.headers.accept = cleaned;
  }
  next();
};
