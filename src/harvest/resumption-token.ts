import { createHash } from 'node:crypto';

/** The list verbs a resumption token continues. */
export type ListVerb = 'ListSets' | 'ListIdentifiers' | 'ListRecords';

/**
 * Everything needed to continue an incomplete list, carried by the token
 * itself so it survives a restart: the request that began the list, where the
 * next page starts, and a fingerprint of the whole list as it was then.
 */
export interface ListState {
  readonly verb: ListVerb;
  readonly metadataPrefix?: string;
  /** `from` and `until` as the harvester sent them (their granularity matters). */
  readonly from?: string;
  readonly until?: string;
  readonly set?: string;
  /** The position of the next page's first item in the complete list. */
  readonly cursor: number;
  /** fingerprintOf the complete list when the token was issued. */
  readonly fingerprint: string;
}

const VERSION = 1;

/** The token's text: URL-safe, opaque to harvesters, and readable back by `decodeToken` in any process serving the same list. */
export function encodeToken(state: ListState): string {
  const fields = [VERSION, state.verb, state.metadataPrefix ?? '', state.from ?? '', state.until ?? '', state.set ?? '', state.cursor, state.fingerprint];
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

/** The state a token carries, or undefined when the text is not a token this repository issued (any version, shape or value off). */
export function decodeToken(token: string): ListState | undefined {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(token)) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 8) return undefined;
  const [version, verb, metadataPrefix, from, until, set, cursor, fingerprint] = fields as unknown[];
  const strings = [metadataPrefix, from, until, set, fingerprint];
  if (version !== VERSION || (verb !== 'ListSets' && verb !== 'ListIdentifiers' && verb !== 'ListRecords')) return undefined;
  if (!strings.every((value) => typeof value === 'string') || !Number.isSafeInteger(cursor) || (cursor as number) < 1) return undefined;
  const optional = (value: unknown) => (value === '' ? undefined : (value as string));
  return {
    verb,
    metadataPrefix: optional(metadataPrefix),
    from: optional(from),
    until: optional(until),
    set: optional(set),
    cursor: cursor as number,
    fingerprint: fingerprint as string,
  };
}

/**
 * A short fingerprint of a complete list (each item's identifier and
 * datestamp, in order): a rebuild that adds, removes or re-dates an item of
 * the list changes it, so the token of the old list is refused rather than
 * continued at an offset that now points elsewhere.
 */
export function fingerprintOf(items: readonly string[]): string {
  const hash = createHash('sha256');
  for (const item of items) hash.update(`${item}\n`);
  return hash.digest('base64url').slice(0, 22);
}
