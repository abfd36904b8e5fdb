import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import type { Express } from 'express';
import { buildDist } from '../../src/build/build-dist.js';
import { createApp } from '../../src/http/create-app.js';
import type { OaiEndpointSettings } from '../../src/http/oai-routes.js';
import { loadPublishedGraph, type PublishedGraph } from '../../src/store/published-graph.js';
import { PROJECT_ROOT } from './build-test-graph.js';

/** The base the harvest tests publish under: a host with a domain name, as the oai-identifier scheme wants. */
export const HARVEST_BASE = 'http://data.example.org/osc/';

/** The date of the first commit of the harvest data. */
export const FIRST_COMMIT = '2020-01-02T03:04:05Z';

/** The OAI-PMH namespace, for reading responses. */
export const OAI = 'http://www.openarchives.org/OAI/2.0/';

/**
 * A git repository holding the harvest data (test/fixtures/valid-data with
 * test/fixtures/harvest-data/outputs.yaml), committed at FIRST_COMMIT, so
 * every record has a known datestamp; `commit` records later edits at chosen
 * dates, as a maintainer would.
 */
export async function harvestRepository(): Promise<HarvestRepository> {
  const root = await mkdtemp(join(tmpdir(), 'oscg-harvest-'));
  const git = (args: string[], date = FIRST_COMMIT) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: 'pipe',
    });
  git(['init', '-q']);
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), join(root, 'data'), { recursive: true });
  await cp(join(PROJECT_ROOT, 'test/fixtures/harvest-data/outputs.yaml'), join(root, 'data/outputs.yaml'));
  git(['add', 'data']);
  git(['commit', '-q', '-m', 'data']);
  let builds = 0;
  return {
    root,
    async edit(file, change, date) {
      const path = join(root, 'data', file);
      const before = await readFile(path, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`the edit changed nothing in ${file}`);
      await writeFile(path, after);
      git(['commit', '-q', '-am', `edit ${file}`], date);
    },
    async build(baseUrl = HARVEST_BASE) {
      const outDir = join(root, `dist-${(builds += 1)}`);
      await buildDist({ dataDir: join(root, 'data'), vocabDir: join(PROJECT_ROOT, 'vocab'), outDir, baseUrl });
      return loadPublishedGraph(outDir);
    },
  };
}

/** A repository of harvest data, its history under the test's control. */
export interface HarvestRepository {
  readonly root: string;
  /** Changes a file of data/ and commits the change at `date`. */
  edit(file: string, change: (text: string) => string, date: string): Promise<void>;
  /** Builds the data as it now is into a fresh dist/ and loads it; under HARVEST_BASE unless told otherwise. */
  build(baseUrl?: string): Promise<PublishedGraph>;
}

/** The settings the harvest tests serve OAI-PMH with: one item a page, a fixed responseDate. */
export const TEST_OAI: OaiEndpointSettings = { adminEmails: ['oai-admin@example.org'], pageSize: 1, now: () => new Date('2030-01-01T00:00:00Z') };

/** The app serving a built graph with an OAI-PMH endpoint (null: without one); nothing is logged. */
export function harvestApp(graph: PublishedGraph, oai: OaiEndpointSettings | null = TEST_OAI): Express {
  return createApp({ graph, baseUrl: graph.manifest.baseUrl, accessLog: () => {}, log: () => {}, oai: oai ?? undefined });
}

/** Parses XML strictly: any well-formedness error fails the test. */
export function parseXml(text: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`not well-formed XML: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
}

/** The elements of `parent` (at any depth) with this namespace and local name. */
export function elements(parent: Document | Element, namespace: string, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(namespace, name));
}

/** The text of each such element. */
export function texts(parent: Document | Element, namespace: string, name: string): string[] {
  return elements(parent, namespace, name).map((element) => element.textContent ?? '');
}

/** The children of an element that are elements, as namespace-less local names. */
export function childNames(element: Element): string[] {
  return Array.from(element.childNodes).flatMap((node) => (node.nodeType === 1 ? [(node as Element).localName ?? ''] : []));
}
