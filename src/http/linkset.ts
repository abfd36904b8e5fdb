import type { ResourceDescription } from '../store/describe-resource.js';
import type { Representation } from './representations.js';
import { asUri, formatLink, type LinkContext, type WebLink } from './web-links.js';

/** The media type of a linkset in the `Link` header's own syntax (RFC 9264 §4.1). */
export const LINKSET = 'application/linkset';

/** The media type of a linkset in JSON (RFC 9264 §4.2). */
export const LINKSET_JSON = 'application/linkset+json';

/**
 * The linkset in `application/linkset`: every link with its `anchor`, one link
 * a line (RFC 9264 §4.1 allows newlines where the header allows spaces).
 */
export function formatLinkset(contexts: readonly LinkContext[]): string {
  const lines = contexts.flatMap((context) => context.links.map((link) => formatLink(link, context.anchor)));
  return `${[...new Set(lines)].join(',\n')}\n`;
}

/** A link context object of RFC 9264 §4.2.2: the anchor, then one member per relation type. */
type LinkContextObject = { anchor: string } & Record<string, string | LinkTargetObject[]>;

/** A link target object (RFC 9264 §4.2.3); `profile` is an extension target attribute, so an array (§4.2.4.3). */
interface LinkTargetObject {
  href: string;
  type?: string;
  profile?: string[];
}

/** The linkset in `application/linkset+json`: one link context object per anchor, targets grouped by relation type. */
export function linksetJson(contexts: readonly LinkContext[]): { linkset: LinkContextObject[] } {
  const byAnchor = new Map<string, LinkContextObject>();
  for (const context of contexts) {
    const anchor = asUri(context.anchor);
    const object = byAnchor.get(anchor) ?? { anchor };
    byAnchor.set(anchor, object);
    for (const link of context.links) {
      const targets = (object[link.rel] ??= []) as LinkTargetObject[];
      const target = targetObject(link);
      if (!targets.some((known) => JSON.stringify(known) === JSON.stringify(target))) targets.push(target);
    }
  }
  return { linkset: [...byAnchor.values()] };
}

function targetObject(link: WebLink): LinkTargetObject {
  return { href: asUri(link.uri), ...(link.type ? { type: link.type } : {}), ...(link.profile ? { profile: [link.profile] } : {}) };
}

/**
 * The two formats of a resource's linkset, negotiated like a document's
 * representations (JSON first, for clients stating no preference; `?format=json`
 * or `?format=linkset`). No URL carries an extension for them: the two `Link`
 * header links to a linkset name one URL with the type to ask for, as RFC 9264
 * §7.3 does. `contextsOf` computes the links from the resource's description.
 */
export function linksetRepresentations(contextsOf: (description: ResourceDescription) => LinkContext[]): Representation[] {
  const representation = (key: string, mediaType: string, label: string, write: (contexts: LinkContext[]) => string): Representation => ({
    key,
    mediaType,
    contentType: `${mediaType}; charset=utf-8`,
    extension: key,
    label,
    produce: async ({ description }) => write(contextsOf(description)),
  });
  return [
    representation('json', LINKSET_JSON, 'Linkset (JSON)', (contexts) => `${JSON.stringify(linksetJson(contexts), null, 2)}\n`),
    representation('linkset', LINKSET, 'Linkset', formatLinkset),
  ];
}
