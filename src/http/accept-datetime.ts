import type { Request } from 'express';
import { DateTime } from 'luxon';
import { BadRequestError } from './http-errors.js';

/** The one date format of Accept-Datetime and Memento-Datetime: RFC 1123 (IMF-fixdate), always GMT, as RFC 7089 §2.1.1 requires. */
const RFC_1123 = "EEE, dd LLL yyyy HH:mm:ss 'GMT'";

/**
 * The instant a TimeGate request asks for: its `Accept-Datetime` header, read
 * strictly as an RFC 1123 date (`Thu, 31 May 2007 20:35:00 GMT`; luxon checks
 * the calendar and the weekday), or undefined when the header is absent. A
 * malformed value is a 400 saying what the header must look like (RFC 7089
 * §4.5.3), never a guess at what the client meant.
 */
export function acceptDatetime(req: Request): Date | undefined {
  const raw = req.get('Accept-Datetime');
  if (raw === undefined) return undefined;
  const parsed = DateTime.fromFormat(raw.trim(), RFC_1123, { zone: 'utc', locale: 'en-US' });
  if (!parsed.isValid) {
    throw new BadRequestError(`Accept-Datetime must be an RFC 1123 date in GMT such as "Thu, 31 May 2007 20:35:00 GMT" (RFC 7089, section 2.1.1), not ${JSON.stringify(raw)}.`);
  }
  return parsed.toJSDate();
}

/** An instant as an RFC 1123 date, for Memento-Datetime and the `datetime` of memento links. */
export function httpDate(instant: Date): string {
  return instant.toUTCString();
}
