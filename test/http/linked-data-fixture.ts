import { request as httpRequest, createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { Quad } from '@rdfjs/types';
import type { Express } from 'express';
import type { Test } from 'supertest';
import { createApp, withReplay } from '../../src/http/create-app.js';
import { createCaches } from '../../src/http/caches.js';
import type { RepresentationTable } from '../../src/http/representations.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph, PROJECT_ROOT, type TestBuildOptions } from '../support/build-test-graph.js';
import { DCT, FOAF, RDFS, SCHEMA, SKOS } from '../../src/graph/namespaces.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';
import { runEngineFor } from '../support/run-engine.js';

/**
 * The data set the route and page tests are built from: a small fixture, so
 * that editing data/ (as the README invites) never breaks them.
 * test/graph/seed-facts.test.ts is the suite that checks the real data/.
 */
export const FIXTURE_DATA = join(PROJECT_ROOT, 'test/fixtures/valid-data');

/** A built graph and the app serving it, with the access log captured instead of printed. */
export interface TestServer {
  readonly graph: PublishedGraph;
  /** The Express app, which records replayable responses. */
  readonly app: Express;
  /** What the server listens with: the replay in front of `app`. */
  readonly listener: RequestListener;
  readonly base: string;
  readonly accessLog: string[];
  readonly errorLog: string[];
}

/** Builds the graph for `baseUrl` and the app that serves it; nothing is printed. */
export async function createTestServer(options: TestBuildOptions & { baseUrl: string; representations?: RepresentationTable }): Promise<TestServer> {
  const graph = await buildTestGraph(options);
  const accessLog: string[] = [];
  const errorLog: string[] = [];
  const log = (line: string) => accessLog.push(line);
  const caches = createCaches(log);
  const app = createApp({ graph, baseUrl: graph.manifest.baseUrl, accessLog: log, log: (line) => errorLog.push(line), representations: options.representations, caches, sparql: { engine: runEngineFor(graph) } });
  return { graph, app, listener: withReplay(caches.replay, app), base: graph.manifest.baseUrl, accessLog, errorLog };
}

const refuseRemoteDocuments = async (url: string): Promise<never> => {
  throw new Error(`tests load no remote JSON-LD documents: ${url}`);
};

/** Parses a response body with a real parser chosen by its media type: N3.js, jsonld.js or rdfxml-streaming-parser. */
export async function parseRdf(body: string, contentType: string, baseIRI: string): Promise<Quad[]> {
  const mediaType = contentType.split(';')[0]!.trim();
  switch (mediaType) {
    case 'text/turtle':
    case 'application/n-triples':
    case 'application/n-quads':
    case 'application/trig':
      return new Parser({ format: mediaType, baseIRI }).parse(body);
    case 'application/ld+json': {
      const nquads = (await jsonld.toRDF(JSON.parse(body), { format: 'application/n-quads', base: baseIRI, documentLoader: refuseRemoteDocuments } as never)) as unknown as string;
      return parseNTriples(nquads);
    }
    case 'application/rdf+xml':
      // Not rdflib.js: it reads the whitespace inside an empty node element as an rdf:value.
      return new Promise((resolve, reject) => {
        const quads: Quad[] = [];
        const parser = new RdfXmlParser({ baseIRI });
        parser.on('data', (quad: Quad) => quads.push(quad)).on('error', reject).on('end', () => resolve(quads));
        parser.end(body);
      });
    default:
      throw new Error(`no parser for ${contentType}`);
  }
}

/** The predicates that name a resource (as the issue's "labels of the resources it links to"). */
export const LABEL_PREDICATES: readonly string[] = [SKOS.prefLabel, SCHEMA.name, FOAF.name, DCT.title, RDFS.label].map((term) => term.value);

/**
 * The description of `iri` by its definition, straight from the graph's
 * triples: its own and its hash parts' triples, plus the labels of the
 * resources they link to. Sorted N-Triples lines.
 */
export function expectedDescription(graph: readonly Quad[], iri: string): string[] {
  const within = (value: string) => value === iri || value.startsWith(`${iri}#`);
  const own = graph.filter((quad) => within(quad.subject.value));
  const linked = new Set(own.filter((quad) => quad.object.termType === 'NamedNode' && !within(quad.object.value)).map((quad) => quad.object.value));
  const labels = graph.filter((quad) => linked.has(quad.subject.value) && LABEL_PREDICATES.includes(quad.predicate.value) && quad.object.termType === 'Literal');
  return tripleLines([...own, ...labels]);
}

type StreamParser = (res: NodeJS.ReadableStream, callback: (error: Error | null, body: string) => void) => void;
const readText: StreamParser = (res, callback) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => callback(null, body));
};

/** For supertest's `.buffer(true).parse(asText)`: superagent only buffers text/* as text, and RDF types are not all text/*. */
export const asText = readText as unknown as Parameters<Test['parse']>[0];

/** Starts the app on a free loopback port; the caller closes it. */
export async function listen(app: RequestListener): Promise<{ server: Server; origin: string }> {
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A raw GET: the body's bytes exactly as sent (no decompression), for compression tests. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Closes a server started by `listen`. */
export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
