import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createApp } from '../../src/http/create-app.js';
import type { PublishedGraph } from '../../src/store/published-graph.js';
import { buildTestGraph, PROJECT_ROOT } from '../support/build-test-graph.js';
import { runEngineFor } from '../support/run-engine.js';

/** Debian's Chromium (`apt-get install chromium`); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where screenshots go: test artifacts, not committed. */
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

/** The viewports the pages are looked at in. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** The real app listening on 127.0.0.1, its graph built for that very address so every link stays on it. */
export interface LiveSite {
  readonly base: string;
  readonly graph: PublishedGraph;
  close(): Promise<void>;
}

/**
 * Listens first and builds the graph second: the port is only known once
 * listening, and the graph's IRIs must name it.
 */
export async function startLiveSite(): Promise<LiveSite> {
  let app: Express | undefined;
  const server: Server = createServer((req, res) => {
    if (app) app(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const graph = await buildTestGraph({ baseUrl: base });
  const silent = () => {};
  app = createApp({ graph, baseUrl: base, log: silent, accessLog: silent, sparql: { engine: runEngineFor(graph) } });
  return {
    base,
    graph,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** One Chromium for a test file. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A browser context that records console errors, page errors and every request, and refuses any request off the site. */
export interface WatchedContext {
  readonly context: BrowserContext;
  readonly consoleErrors: string[];
  readonly requests: string[];
  /** Requests to anywhere but the site: aborted, and listed so a test can fail on them. */
  readonly offSite: string[];
  newPage(): Promise<Page>;
}

/** Opens a context on `site` with every request watched. */
export async function watchedContext(browser: Browser, site: LiveSite, options: BrowserContextOptions = {}): Promise<WatchedContext> {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const offSite: string[] = [];
  const origin = new URL(site.base).origin;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).origin === origin) await route.continue();
    else {
      offSite.push(url);
      await route.abort('blockedbyclient');
    }
  });
  // Requests the router does not see (data: URLs are not requests; anything else is) are caught here too.
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin && !offSite.includes(url)) offSite.push(url);
  });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  };
  context.on('page', watch);
  return { context, consoleErrors, requests, offSite, newPage: () => context.newPage() };
}

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A violation axe-core found, in one line per element. */
export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** Runs axe-core (WCAG 2 A and AA rules and best practices) in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact ?? 'unknown', help: violation.help, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Saves a full-page screenshot at a viewport width into test-artifacts/screenshots/. */
export async function screenshot(page: Page, name: string, viewport: { width: number; height: number }): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(viewport);
  const path = join(SCREENSHOT_DIR, `${name}-${viewport.width}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page fits its viewport's width (no sideways scrolling on a phone). */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
