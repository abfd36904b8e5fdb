import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveGraphOnLoopback, type LoopbackGraphServer } from '../support/loopback-graph-server.js';

// FAIR Signposting level 2 as a client no one here wrote follows it: Python
// requests (Debian's python3-requests, in /usr/bin/python3) fetches a landing
// page over real HTTP, reads its Link header with requests' own RFC 8288
// parser (requests.utils.parse_header_links), follows each rel="linkset" link
// asking for the type the link names, and reads the linkset: the JSON one with
// Python's json, the application/linkset one with the same header parser once
// its newlines are turned into spaces, as RFC 9264 §4.1 says a client that
// makes a Link field value of it must do.

const run = promisify(execFile);
const DEBIAN_PYTHON = '/usr/bin/python3';
const FOLLOW_SIGNPOSTS = `
import json, sys, requests
from requests.utils import parse_header_links

page = requests.get(sys.argv[1], headers={"Accept": "text/html"}, allow_redirects=True)
page.raise_for_status()
header = parse_header_links(page.headers["Link"])
result = {"page": page.url, "header": header, "linksets": []}
for link in header:
    if link.get("rel") != "linkset":
        continue
    answer = requests.get(link["url"], headers={"Accept": link["type"]})
    answer.raise_for_status()
    media_type = answer.headers["Content-Type"].split(";")[0]
    if media_type == "application/linkset+json":
        links = []
        for context in answer.json()["linkset"]:
            for rel, targets in context.items():
                if rel == "anchor":
                    continue
                for target in targets:
                    links.append({"anchor": context["anchor"], "rel": rel, "url": target["href"], "type": target.get("type"), "profile": " ".join(target.get("profile", [])) or None})
    else:
        links = [{"anchor": l.get("anchor"), "rel": l.get("rel"), "url": l["url"], "type": l.get("type"), "profile": l.get("profile")}
                 for l in parse_header_links(answer.text.replace("\\n", " "))]
    result["linksets"].append({"asked": link["type"], "got": media_type, "links": links})
print(json.dumps(result))
`;

interface Link {
  anchor: string | null;
  rel: string;
  url: string;
  type: string | null;
  profile: string | null;
}

interface Followed {
  page: string;
  header: { url: string; rel: string; type?: string; profile?: string }[];
  linksets: { asked: string; got: string; links: Link[] }[];
}

let served: LoopbackGraphServer;
beforeAll(async () => {
  served = await serveGraphOnLoopback();
}, 120_000);
afterAll(() => served.close());

const follow = async (path: string) => JSON.parse((await run(DEBIAN_PYTHON, ['-c', FOLLOW_SIGNPOSTS, `${served.base}${path}`], { maxBuffer: 16 << 20 })).stdout) as Followed;
const key = (link: Link) => JSON.stringify([link.anchor, link.rel, link.url, link.type, link.profile]);

describe('Python requests follows FAIR Signposting to the linkset', () => {
  it.each(['id/output/test-report', 'id/output/test-guide', 'id/person/bob', 'id/catalog', 'vocab/ontology'])(
    '%s: both linksets found from the landing page, each in the type asked for, holding the same links',
    async (path) => {
      const followed = await follow(path);
      const landing = `${served.base}${path.replace(/^(id|vocab)\//, (_match, first: string) => (first === 'id' ? 'doc/' : 'doc/vocab/'))}.html`;
      expect(followed.page).toBe(landing);
      expect(followed.linksets.map(({ asked, got }) => [asked, got])).toEqual([
        ['application/linkset', 'application/linkset'],
        ['application/linkset+json', 'application/linkset+json'],
      ]);
      const [text, json] = followed.linksets.map((linkset) => linkset.links.map(key).sort());
      expect(text).toEqual(json);
      // The linkset's landing-page links are the page's own Link header's (its context is the page).
      const fromHeader = followed.header
        .filter((link) => link.rel !== 'alternate' && link.rel !== 'linkset')
        .map((link) => key({ anchor: landing, rel: link.rel, url: link.url, type: link.type ?? null, profile: link.profile ?? null }))
        .sort();
      expect(fromHeader.length).toBeGreaterThan(6);
      expect(followed.linksets[1]!.links.filter((link) => link.anchor === landing).map(key).sort()).toEqual(fromHeader);
      const cite = followed.linksets[1]!.links.filter((link) => link.rel === 'cite-as');
      expect(cite.map((link) => [link.anchor, link.url])).toEqual([[landing, `${served.base}${path}`]]);
    },
  );

  it('an output’s linkset: describedby with type and profile, each description describing the page back, items with their collection', async () => {
    const followed = await follow('id/output/test-report');
    const landing = `${served.base}doc/output/test-report.html`;
    const links = followed.linksets[1]!.links;
    const describedBy = links.filter((link) => link.anchor === landing && link.rel === 'describedby');
    expect(describedBy.map((link) => link.type).sort()).toEqual(['application/ld+json', 'application/n-quads', 'application/n-triples', 'application/rdf+xml', 'application/trig', 'text/turtle']);
    for (const link of describedBy) {
      expect(link.profile).toBe('http://www.w3.org/ns/dcat#');
      expect(links.filter((back) => back.anchor === link.url).map((back) => [back.rel, back.url])).toEqual([['describes', landing]]);
    }
    const items = links.filter((link) => link.anchor === landing && link.rel === 'item');
    expect(items.map((link) => link.url)).toEqual(['https://example.org/report']);
    expect(links.filter((link) => link.anchor === 'https://example.org/report').map((link) => [link.rel, link.url])).toEqual([['collection', landing]]);
    expect(links.filter((link) => link.anchor === landing && link.rel === 'author').map((link) => link.url)).toEqual([`${served.base}id/organisation/test-org`, `${served.base}id/person/bob`]);
  });
});
