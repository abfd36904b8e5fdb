import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSite, type ExportResult } from '../../src/export/export-site.js';
import type { SiteTable } from '../../src/export/site-table.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { createApp } from '../../src/http/create-app.js';
import njsSite from '../../nginx/oscg-site.js';
import type { Fetch } from './http-client.js';
import type { HistoryServer } from './history-server.js';

/** The page sizes both the exported history and the app it is compared with use: small, so TimeMaps, the change stream and "what's new" have several pages. */
export const HISTORY_PAGE_SIZES = { timemapPageSize: 3, changesPageSize: 15, whatsNewPageSize: 2 } as const;

/** An export of the fixture history, and the Express app configured as the export was (no SPARQL endpoint of its own). */
export interface ExportedHistory {
  readonly outDir: string;
  readonly table: SiteTable;
  readonly result: ExportResult;
  /** The Express app the export recorded, as a request listener. */
  readonly app: ReturnType<typeof createApp>;
}

/** Exports the history server's graph and releases into a new folder (or `outDir`, for an incremental export). */
export async function exportHistory(server: HistoryServer, outDir?: string): Promise<ExportedHistory> {
  const folder = outDir ?? join(await mkdtemp(join(tmpdir(), 'oscg-export-history-')), 'site');
  const result = await exportSite({ distDir: server.graph.distDir, outDir: folder, history: server.history, ...HISTORY_PAGE_SIZES });
  const table = JSON.parse(await readFile(join(folder, 'nginx/site.json'), 'utf8')) as SiteTable;
  const site = new IriScheme(server.base, { sparqlEndpoint: null });
  const app = createApp({ graph: server.graph, baseUrl: server.base, site, history: server.history, ...HISTORY_PAGE_SIZES, accessLog: () => {}, log: () => {} });
  return { outDir: folder, table, result, app };
}

/**
 * The njs module answering from an export's table in this process, the bodies read from its
 * files: what nginx would send, without nginx (its Content-Length, Server and compression of
 * written answers aside). Lets the shared suites run on an export in the unit tier.
 */
export function tableClient(exported: { outDir: string; table: SiteTable }): Fetch {
  return async (path, init = {}) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
    const response = njsSite.respond(exported.table, { method: init.method ?? 'GET', target: path, headers, requestId: 'in-process' });
    const answer: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) answer[name.toLowerCase()] = value;
    let body = Buffer.from(response.body ?? '', 'utf8');
    if (response.file !== undefined) {
      answer['content-type'] = exported.table.types[response.type!]!;
      body = init.method === 'HEAD' ? Buffer.alloc(0) : await readFile(join(exported.outDir, 'files', response.file));
    }
    if ((init.method ?? 'GET') === 'HEAD' || response.status === 304) body = Buffer.alloc(0);
    return { status: response.status, headers: answer, body, text: body.toString('utf8') };
  };
}
