import type { IriScheme } from '../graph/iri-scheme.js';
import type { Release } from '../history/release-history.js';
import { httpDate } from './accept-datetime.js';
import type { WebLink } from './web-links.js';

/** A link of a Memento `Link` header or TimeMap (RFC 7089 §2.2), with its datetime attributes. */
export interface TimedLink {
  readonly uri: string;
  /** One or more relation types, space-separated (`first memento`). */
  readonly rel: string;
  readonly type?: string;
  /** When the memento's state was published. */
  readonly datetime?: Date;
  /** The first and last datetime of the mementos a TimeMap lists. */
  readonly from?: Date;
  readonly until?: Date;
}

/** The TimeMap's media type (RFC 6690), which RFC 7089 §5 requires. */
export const LINK_FORMAT = 'application/link-format';

/**
 * Link values (RFC 8288 §3) joined by `separator`: `, ` for a header, `,\n`
 * for a TimeMap body. Written here rather than by http-link-header, which
 * percent-encodes any attribute value that is not a token, so a datetime
 * would read `10%3A00%3A00 GMT` where RFC 7089 wants a quoted RFC 1123 date.
 * Every value here is quoted; quotes and backslashes in one are escaped.
 */
export function formatTimedLinks(links: readonly TimedLink[], separator = ', '): string {
  return links
    .map((link) => {
      const params: [string, string][] = [['rel', link.rel]];
      if (link.type) params.push(['type', link.type]);
      if (link.datetime) params.push(['datetime', httpDate(link.datetime)]);
      if (link.from) params.push(['from', httpDate(link.from)]);
      if (link.until) params.push(['until', httpDate(link.until)]);
      return `<${link.uri}>${params.map(([name, value]) => `; ${name}="${value.replace(/["\\]/g, '\\$&')}"`).join('')}`;
    })
    .join(separator);
}

/** What an original resource (a resource IRI or a document) adds to its `Link` header: its TimeGate and TimeMap (RFC 7089 §4.1). */
export function originalLinks(iris: IriScheme, original: string): WebLink[] {
  return [
    { uri: iris.timegate(original), rel: 'timegate' },
    { uri: iris.timemap(original, 'link'), rel: 'timemap', type: LINK_FORMAT },
  ];
}

/** The original resource, its TimeGate and its TimeMaps: what every Memento response links to. */
export function timeLinks(iris: IriScheme, original: string): TimedLink[] {
  return [
    { uri: original, rel: 'original' },
    { uri: iris.timegate(original), rel: 'timegate' },
    { uri: iris.timemap(original, 'link'), rel: 'timemap', type: LINK_FORMAT },
    { uri: iris.timemap(original, 'json'), rel: 'timemap', type: 'application/json' },
  ];
}

/**
 * Links to the mementos around `at` among `versions` (oldest first): the
 * first, last, previous and next, each `memento` link carrying its datetime;
 * one memento that is several of these gets one link with all its relations
 * (`first prev memento`). Without `at`, only the first and last.
 */
export function neighbourLinks(iris: IriScheme, original: string, versions: readonly Release[], at?: Release): TimedLink[] {
  if (versions.length === 0) return [];
  const index = at ? versions.indexOf(at) : -1;
  const named: [string, Release | undefined][] = [
    ['first', versions[0]],
    ['prev', index > 0 ? versions[index - 1] : undefined],
    ['next', index >= 0 && index < versions.length - 1 ? versions[index + 1] : undefined],
    ['last', versions.at(-1)],
  ];
  const relations = new Map<Release, string[]>();
  for (const [relation, release] of named) if (release) relations.set(release, [...(relations.get(release) ?? []), relation]);
  return [...relations].map(([release, names]) => ({ uri: iris.memento(release.id, original), rel: `${names.join(' ')} memento`, datetime: release.datetime }));
}
