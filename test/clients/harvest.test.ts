import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DCAT, DCT, FOAF, SKOS } from '../../src/graph/namespaces.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';
import { serveGraphOnLoopback, type LoopbackGraphServer } from '../support/loopback-graph-server.js';

// A portal's harvest, run by Python's rdflib (Debian's python3-rdflib, the
// parser the Python harvesters use, not the writer that served the data):
// HEAD then GET each page of /catalog over real HTTP with the Accept header
// CKAN sends (or none), trust Content-Type to pick the parser, follow the
// Hydra `next` link the way ckanext-dcat and udata look for it, and map each
// dcat:Dataset into what ckanext-dcat makes of it (title, notes, publisher,
// resources with URL and format, tags, uri/identifier, issued/modified).
// The server listens first, so the graph's IRIs are the URLs fetched; its
// base has a path, as behind a reverse proxy.

const run = promisify(execFile);
const DEBIAN_PYTHON = '/usr/bin/python3';
const PAGE_SIZE = 3;

const HARVESTER = `
import json, sys, urllib.request
import rdflib
from rdflib import Graph, Namespace, RDF, URIRef

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
PARSERS = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld", "application/n-triples": "nt"}

start, accept = sys.argv[1], sys.argv[2]
headers = {"Accept": accept} if accept else {}

def fetch(url):
    with urllib.request.urlopen(urllib.request.Request(url, method="HEAD", headers=headers)) as response:
        head_type = response.headers["Content-Type"]
        assert response.status == 200 and response.read() == b"", url
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        assert response.headers["Content-Type"] == head_type, (head_type, response.headers["Content-Type"])
        return head_type, response.read()

def text(graph, subject, predicate):
    return sorted(str(value) for value in graph.objects(subject, predicate))

def next_page(graph):
    for view_type in (HYDRA.PartialCollectionView, HYDRA.PagedCollection):
        for view in graph.subjects(RDF.type, view_type):
            for link in graph.objects(view, HYDRA.next):
                return str(link)
    return None

pages, datasets, url = [], [], start
while url:
    content_type, body = fetch(url)
    graph = Graph()
    graph.parse(data=body, format=PARSERS[content_type.split(";")[0].strip()], publicID=url)
    pages.append({"url": url, "contentType": content_type})
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        resources = []
        for distribution in graph.objects(dataset, DCAT.distribution):
            formats = [str(graph.value(f, SKOS.prefLabel) or f) for f in graph.objects(distribution, DCT["format"])]
            resources.append({
                "uri": str(distribution),
                "url": str(graph.value(distribution, DCAT.downloadURL) or graph.value(distribution, DCAT.accessURL) or ""),
                "format": formats[0] if formats else None,
                "name": text(graph, distribution, DCT.title),
            })
        publisher = graph.value(dataset, DCT.publisher)
        datasets.append({
            "uri": str(dataset),
            "title": text(graph, dataset, DCT.title),
            "notes": text(graph, dataset, DCT.description),
            "publisher_uri": str(publisher) if publisher else None,
            "publisher_name": text(graph, publisher, FOAF.name) if publisher else [],
            "tags": text(graph, dataset, DCAT.keyword),
            "identifier": text(graph, dataset, DCT.identifier),
            "issued": text(graph, dataset, DCT.issued),
            "modified": text(graph, dataset, DCT.modified),
            "resources": sorted(resources, key=lambda r: r["uri"]),
        })
    url = next_page(graph)
print(json.dumps({"pages": pages, "datasets": datasets}))
`;

const RDFLIB_PARSE = `
import sys, urllib.request, rdflib
rdflib.NORMALIZE_LITERALS = False  # compare lexical forms exactly
with urllib.request.urlopen(sys.argv[1]) as response:
    body = response.read()
graph = rdflib.Graph()
graph.parse(data=body, format=sys.argv[2], publicID=sys.argv[1])
sys.stdout.write(graph.serialize(format="nt"))
`;

interface Harvested {
  readonly uri: string;
  readonly title: string[];
  readonly notes: string[];
  readonly publisher_uri: string | null;
  readonly publisher_name: string[];
  readonly tags: string[];
  readonly identifier: string[];
  readonly issued: string[];
  readonly modified: string[];
  readonly resources: { uri: string; url: string; format: string | null; name: string[] }[];
}

let served: LoopbackGraphServer;
let base: string;
let graph: PublishedGraph;

beforeAll(async () => {
  served = await serveGraphOnLoopback('portal/', { catalogPageSize: PAGE_SIZE });
  ({ base, graph } = served);
}, 120_000);

afterAll(() => served.close());

const values = (subject: string, predicate: { value: string }) => graph.store.getObjects(subject, predicate.value, null).map((term) => term.value).sort();

describe('a portal harvests the catalogue with Python rdflib', () => {
  it.each(['*/*', '', 'application/rdf+xml', 'application/ld+json'])('Accept: %j — every output imported once, with what ckanext-dcat maps', async (accept) => {
    const { stdout } = await run(DEBIAN_PYTHON, ['-c', HARVESTER, `${base}catalog`, accept], { maxBuffer: 64 << 20 });
    const result = JSON.parse(stdout) as { pages: { url: string; contentType: string }[]; datasets: Harvested[] };
    const outputs = values(`${base}id/catalog`, DCAT.dataset);
    expect(result.pages).toHaveLength(Math.ceil(outputs.length / PAGE_SIZE));
    const expectedType = accept === '*/*' || accept === '' ? 'text/turtle' : accept;
    for (const page of result.pages) {
      expect(page.url.startsWith(`${base}catalog`)).toBe(true);
      expect(page.contentType).toBe(`${expectedType}; charset=utf-8`);
    }
    expect(result.datasets.map((dataset) => dataset.uri).sort()).toEqual(outputs);
    for (const dataset of result.datasets) {
      const iri = dataset.uri;
      expect(dataset.title, iri).toEqual(values(iri, DCT.title));
      expect(dataset.title.length, iri).toBeGreaterThan(0);
      expect(dataset.notes, iri).toEqual(values(iri, DCT.description));
      expect(dataset.tags, iri).toEqual(values(iri, DCAT.keyword));
      expect(dataset.tags.length, iri).toBeGreaterThan(0);
      expect(dataset.identifier, iri).toEqual(values(iri, DCT.identifier));
      expect(dataset.issued, iri).toEqual(values(iri, DCT.issued));
      expect(dataset.modified, iri).toEqual(values(iri, DCT.modified));
      const publisher = values(iri, DCT.publisher)[0] ?? null;
      expect(dataset.publisher_uri, iri).toBe(publisher);
      if (publisher) expect(dataset.publisher_name, iri).toEqual(values(publisher, FOAF.name));
      const distributions = values(iri, DCAT.distribution);
      expect(dataset.resources.map((resource) => resource.uri), iri).toEqual(distributions);
      for (const resource of dataset.resources) {
        const urls = [...values(resource.uri, DCAT.downloadURL), ...values(resource.uri, DCAT.accessURL)];
        expect(urls, resource.uri).toContain(resource.url);
        const format = values(resource.uri, DCT.format)[0]!;
        expect(resource.format, resource.uri).toBe(graph.store.getObjects(format, SKOS.prefLabel, null)[0]?.value ?? format);
        expect(resource.name, resource.uri).toEqual(values(resource.uri, DCT.title));
      }
    }
    // The publisher check above runs only on outputs that have one: there must be some.
    expect(result.datasets.filter((dataset) => dataset.publisher_uri !== null).length).toBeGreaterThan(0);
  });

  it.each([
    ['catalog.ttl', 'turtle', 'text/turtle'],
    ['catalog.rdf', 'xml', 'application/rdf+xml'],
    ['catalog.jsonld', 'json-ld', 'application/ld+json'],
  ])('rdflib reads /%s (%s) to the same triples N3.js reads from the Turtle', async (path, format) => {
    const { stdout } = await run(DEBIAN_PYTHON, ['-c', RDFLIB_PARSE, `${base}${path}?page=2`, format], { maxBuffer: 64 << 20 });
    const turtle = await (await fetch(`${base}catalog.ttl?page=2`)).text();
    const fromTurtle = new Parser({ format: 'text/turtle', baseIRI: base }).parse(turtle);
    // The paging view is named by the URL it was fetched from, extension included.
    const catalogue = (lines: string[]) => lines.filter((line) => !line.startsWith(`<${base}catalog`));
    const read = tripleLines(parseNTriples(stdout));
    expect(read.length).toBeGreaterThan(100);
    expect(catalogue(read)).toEqual(catalogue(tripleLines(fromTurtle)));
  });
});
