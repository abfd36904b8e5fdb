import LinkHeader from 'http-link-header';
import { describe, expect, it } from 'vitest';
import { formatLink, formatLinkHeader } from '../../src/http/web-links.js';

// How one link is written (RFC 8288 §3): tokens bare, everything else a
// quoted-string taken literally (never percent-encoded), IRIs as URIs.

describe('formatLink', () => {
  it.each([
    ['a token relation, a quoted type', { uri: 'https://example.org/a', rel: 'describedby', type: 'text/turtle' }, undefined, '<https://example.org/a>; rel=describedby; type="text/turtle"'],
    [
      'an anchor and a profile as quoted-strings, not percent-encoded',
      { uri: 'https://example.org/a.ttl', rel: 'describedby', type: 'text/turtle', profile: 'http://www.w3.org/ns/dcat#' },
      'https://example.org/a?x=1',
      '<https://example.org/a.ttl>; rel=describedby; anchor="https://example.org/a?x=1"; type="text/turtle"; profile="http://www.w3.org/ns/dcat#"',
    ],
    ['a quote and a backslash escaped', { uri: 'https://example.org/a', rel: 'type', type: 'text/x-"odd"\\' }, undefined, '<https://example.org/a>; rel=type; type="text/x-\\"odd\\"\\\\"'],
    ['an IRI as a URI: non-ASCII percent-encoded as UTF-8', { uri: 'https://example.org/é/ü', rel: 'item' }, 'https://example.org/ça', '<https://example.org/%C3%A9/%C3%BC>; rel=item; anchor="https://example.org/%C3%A7a"'],
  ])('%s', (_case, link, anchor, expected) => {
    const written = formatLink(link, anchor);
    expect(written).toBe(expected);
    // An RFC 8288 parser reads every attribute back as it was meant.
    const [ref] = LinkHeader.parse(written).refs;
    expect(ref!.rel).toBe(link.rel);
    if ('profile' in link) expect(ref!.profile).toBe(link.profile);
  });

  it('a header lists each link once', () => {
    const link = { uri: 'https://example.org/a', rel: 'alternate', type: 'text/turtle' };
    expect(formatLinkHeader([link, { ...link }, { ...link, rel: 'describedby' }])).toBe('<https://example.org/a>; rel=alternate; type="text/turtle", <https://example.org/a>; rel=describedby; type="text/turtle"');
  });
});
