import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { buildTestGraph } from '../support/build-test-graph.js';
import { asText } from '../http/linked-data-fixture.js';

// robots.txt read by Python's own parser (urllib.robotparser, in Debian's
// /usr/bin/python3), which must let every crawler fetch every URL of the
// sitemap and find the sitemap. BASE_URL is on another host under a path.

const BASE = 'https://lod.example.com/guide/';
const PATH = new URL(BASE).pathname;
const run = promisify(execFile);
const DEBIAN_PYTHON = '/usr/bin/python3';

let app: Express;

beforeAll(async () => {
  app = createApp({ graph: await buildTestGraph({ baseUrl: BASE }), baseUrl: BASE, accessLog: () => {} });
}, 120_000);

const get = (path: string) => request(app).get(path).buffer(true).parse(asText);

describe('robots.txt, read by Python urllib.robotparser', () => {
  it('allows every page to every crawler and names the sitemap', async () => {
    const response = await get(`${PATH}robots.txt`);
    expect(response.status).toBe(200);
    const sitemap = (await get(`${PATH}sitemap.xml`)).body as string;
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!.replaceAll('&#38;', '&'));
    const script = `
import json, sys, urllib.robotparser
parser = urllib.robotparser.RobotFileParser()
parser.parse(sys.stdin.read().splitlines())
urls = json.loads(sys.argv[1])
agents = ["*", "Googlebot", "Bingbot"]
print(json.dumps({"blocked": [u for u in urls for a in agents if not parser.can_fetch(a, u)], "sitemaps": parser.site_maps()}))
`;
    const child = run(DEBIAN_PYTHON, ['-c', script, JSON.stringify(urls)]);
    child.child.stdin!.end(response.body as string);
    const result = JSON.parse((await child).stdout) as { blocked: string[]; sitemaps: string[] };
    expect(urls.length).toBeGreaterThan(20);
    expect(result.blocked).toEqual([]);
    expect(result.sitemaps).toEqual([`${BASE}sitemap.xml`]);
  });
});
