#!/usr/bin/env node
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IriScheme } from '../graph/iri-scheme.js';
import { createRequestListener } from '../http/create-app.js';
import { createConnectRefusal } from '../http/connect-method.js';
import { GraphTooLargeError, loadPublishedGraph, type PublishedGraph } from '../store/published-graph.js';
import { createQueryEngine, createReleaseQueryEngine } from '../store/create-query-engine.js';
import { ReleaseQueryEngines } from '../history/release-engines.js';
import { ReleaseHistory } from '../history/release-history.js';
import { buildDist, GraphValidationError } from '../build/build-dist.js';
import { ShapesFileError } from '../build/load-shapes.js';
import { summariseWarnings } from '../build/validate-graph.js';
import { SourceDataErrors } from '../source/source-data-error.js';
import { buildProgressDisplay } from './progress-display.js';
import { readConfig, type Config } from './config.js';
import { exportSite } from '../export/export-site.js';

const USAGE = `Usage: oscg <command> [options]

Commands:
  build    read data/ and vocab/, validate, and write the RDF dumps to dist/
  serve    build dist/ if it is missing or older than data/ and vocab/, then serve it on HOST and PORT
  export   build dist/ if needed, then write the readable site as files and an nginx configuration
           that serves them with the server's negotiation (README, "Static export")

Options:
  --data DIR       data folder (default: data, or DATA_DIR)
  --out DIR        output folder: dist/ for build and serve (default: dist, or DIST_DIR);
                   the export folder for export (default: export, or EXPORT_DIR)
  --dist DIR       for export: the built graph (default: dist, or DIST_DIR)
  --sparql-endpoint URL
                   for export: the SPARQL endpoint the pages point to (or EXPORT_SPARQL_ENDPOINT;
                   default none: the pages say the copy has none)
  --base-url URL   public base of every IRI (default: BASE_URL or http://localhost:3000/)
  --quiet          print errors only
  -h, --help       show this help`;

/** Runs the command line; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        dist: { type: 'string' },
        'sparql-endpoint': { type: 'string' },
        'base-url': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const env = {
    ...process.env,
    ...(values.data ? { DATA_DIR: values.data } : {}),
    // For export, --out is the export folder and --dist the built graph; for build and serve, --out is dist/.
    ...(values.out ? (command === 'export' ? { EXPORT_DIR: values.out } : { DIST_DIR: values.out }) : {}),
    ...(values.dist ? { DIST_DIR: values.dist } : {}),
    ...(values['sparql-endpoint'] ? { EXPORT_SPARQL_ENDPOINT: values['sparql-endpoint'] } : {}),
    ...(values['base-url'] ? { BASE_URL: values['base-url'] } : {}),
  };
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  switch (command) {
    case 'build':
      return runBuild(config, values.quiet);
    case 'serve':
      return refusingTooLarge(() => runServe(config));
    case 'export':
      return refusingTooLarge(() => runExport(config, values.quiet));
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

/** Runs a command that loads the published graph; a graph too large for the heap is said in one line, not a stack trace. */
async function refusingTooLarge(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof GraphTooLargeError)) throw error;
    console.error(error.message);
    return 1;
  }
}

async function runBuild(config: Config, quiet: boolean): Promise<number> {
  const progress = buildProgressDisplay(process.stderr, quiet);
  try {
    const { manifest, validation, dcatAp } = await buildDist({ ...config, onProgress: progress?.listener });
    progress?.close();
    if (!quiet) {
      console.warn(`Validated against ${manifest.validation.shapes.map((shapes) => shapes.source).join(', ')}${dcatAp ? '' : ' (set DCAT_AP_SHAPES to add the official DCAT-AP 3 shapes)'}.`);
      for (const line of summariseWarnings(validation.warnings)) console.warn(line);
      console.log(`Built ${manifest.tripleCount} triples under ${manifest.baseUrl} into ${config.outDir} (${Object.keys(manifest.files).join(', ')}); 0 violations, ${validation.warnings.length} warnings.`);
    }
    return 0;
  } catch (error) {
    progress?.close();
    if (error instanceof SourceDataErrors || error instanceof GraphValidationError || error instanceof ShapesFileError) {
      console.error(`Build failed; ${config.outDir} is unchanged.\n${error.message}`);
      return 1;
    }
    console.error(`Build failed; ${config.outDir} is unchanged.`);
    console.error(error);
    return 1;
  }
}

async function runServe(config: Config): Promise<number> {
  if (await distIsStale(config)) {
    const code = await runBuild(config, true);
    if (code !== 0) return code;
  }
  const graph = await loadPublishedGraph(config.outDir);
  if (graph.manifest.baseUrl !== config.baseUrl) {
    console.error(`dist/ was built for ${graph.manifest.baseUrl}, not ${config.baseUrl}; rebuilding.`);
    const code = await runBuild(config, true);
    if (code !== 0) return code;
    return runServe(config);
  }
  const { maxBodyBytes, external } = config.sparql;
  const engine = createQueryEngine(config.sparql, graph);
  if (external) console.log(`SPARQL queries go to ${external.endpoint}${external.graphStore ? `; loading the graph through ${external.graphStore.url}` : ''}`);
  const history = await openHistory(config, graph);
  const releases = new ReleaseQueryEngines(history, (release) =>
    createReleaseQueryEngine(config.sparql, { store: release.store, ntriples: release.ntriples, prefixes: release.release.prefixes, baseUrl: graph.manifest.baseUrl }),
  );
  const listener = createRequestListener({
    graph,
    baseUrl: graph.manifest.baseUrl,
    sparql: { engine, maxBodyBytes, releases },
    catalogPageSize: config.catalogPageSize,
    history,
    timemapPageSize: config.timemapPageSize,
    oai: config.oai,
    changesPageSize: config.changesPageSize,
  });
  // Without HOST, Node listens on every interface (:: or 0.0.0.0), as it always has.
  const server = createServer(listener).listen({ port: config.port, host: config.host }, () => {
    console.log(`Serving ${graph.manifest.tripleCount} triples at ${graph.manifest.baseUrl} (listening on ${listeningAddress(server.address())})`);
  });
  server.on('connect', createConnectRefusal());
  try {
    await new Promise<void>((resolve, reject) => {
      server.on('error', reject);
      const stop = () => server.close(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } catch (error) {
    console.error(`Cannot listen on ${config.host ?? 'every interface'}, port ${config.port}: ${(error as Error).message}`);
    return 1;
  } finally {
    // Worker threads keep the process alive until they are terminated.
    await Promise.all([engine.close(), releases.close()]);
  }
  return 0;
}

/** Builds dist/ when it is missing, stale or for another base, then exports the site from it. */
async function runExport(config: Config, quiet: boolean): Promise<number> {
  const fresh = !(await distIsStale(config)) && (await loadPublishedGraph(config.outDir).then((graph) => graph.manifest.baseUrl === config.baseUrl, () => false));
  if (!fresh) {
    const code = await runBuild(config, true);
    if (code !== 0) return code;
  }
  const { outDir, sparqlEndpoint, root, listen, pageCitations } = config.export;
  try {
    const started = performance.now();
    // The history as the server would serve it (HISTORY, HISTORY_SINCE…), unless EXPORT_HISTORY=off.
    const history = config.export.history ? await openHistory(config, await loadPublishedGraph(config.outDir)) : undefined;
    const { report, entries, responses, baseUrl } = await exportSite({
      distDir: config.outDir,
      outDir,
      sparqlEndpoint,
      root,
      listen,
      pageCitations,
      catalogPageSize: config.catalogPageSize,
      history,
      timemapPageSize: config.timemapPageSize,
      changesPageSize: config.changesPageSize,
    });
    if (!quiet) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Exported ${baseUrl} into ${outDir}: ${entries} paths, ${responses} answers recorded in ${seconds} s; ${report.written.length} files written, ${report.unchanged} unchanged, ${report.removed.length} removed.`);
      console.log(`History: ${history?.releases.length ? `${history.releases.length} releases, with their mementos, TimeMaps, TimeGates, change stream and "what's new"` : `none (${config.export.history ? history?.unavailable : 'EXPORT_HISTORY=off'})`}.`);
      console.log(`SPARQL: ${sparqlEndpoint ? `the pages point to ${sparqlEndpoint}` : 'none (the pages say so; set --sparql-endpoint to point them to one)'}.`);
      console.log(`Serve it with: nginx -p <a writable folder> -c ${root ?? outDir}/nginx/nginx.conf (listens on ${listen}), or include nginx/http.conf and nginx/server.conf in your own configuration.`);
    }
    return 0;
  } catch (error) {
    console.error(`Export failed: ${(error as Error).message}`);
    return 1;
  }
}

/**
 * The releases of the graph from the git history of data/ and vocab/ (built
 * commits are cached in RELEASE_CACHE_DIR). Without them (HISTORY=off, no git,
 * a cache folder that cannot be written) the server still serves the current
 * graph, without Memento, and says why.
 */
async function openHistory(config: Config, graph: PublishedGraph): Promise<ReleaseHistory> {
  if (!config.history.enabled) return ReleaseHistory.none('HISTORY=off');
  let history: ReleaseHistory;
  try {
    history = await ReleaseHistory.open({ ...config.history, dataDir: config.dataDir, vocabDir: config.vocabDir, baseUrl: graph.manifest.baseUrl, current: graph, log: (line) => console.log(line) });
  } catch (error) {
    history = ReleaseHistory.none(`the release history could not be read: ${(error as Error).message}`);
  }
  if (history.unavailable) console.log(`No releases: ${history.unavailable}. Memento and SPARQL's release parameter are off.`);
  return history;
}

/** `127.0.0.1:3000`, `[::]:3000`: the address and port a server is bound to. */
function listeningAddress(address: string | AddressInfo | null): string {
  if (!address || typeof address === 'string') return String(address);
  return `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

/** Whether dist/ is missing or older than any file in data/ or vocab/. */
async function distIsStale(config: Config): Promise<boolean> {
  let built: number;
  try {
    built = (await stat(join(config.outDir, 'manifest.json'))).mtimeMs;
  } catch {
    return true;
  }
  // A file it cannot stat (a broken symbolic link, a missing folder) makes dist/ stale: the build then says what is wrong.
  try {
    for (const dir of [config.dataDir, config.vocabDir]) {
      for (const name of await readdir(dir)) {
        if ((await stat(join(dir, name))).mtimeMs > built) return true;
      }
    }
  } catch {
    return true;
  }
  return false;
}

process.exitCode = await main(process.argv.slice(2));
