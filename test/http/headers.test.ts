import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { httpClient, type Fetch } from '../support/http-client.js';
import { describeHeaders } from '../support/header-suite.js';
import { close, createTestServer, FIXTURE_DATA, listen, type TestServer } from './linked-data-fixture.js';

// The headers a linked-data client relies on (test/support/header-suite.ts), against the Express
// app over loopback; test/clients/static-export-nginx.test.ts runs the same suite against nginx.

let server: TestServer;
let http: { server: Server; origin: string };
let fetch: Fetch;
beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
  http = await listen(server.app);
  fetch = httpClient(http.origin);
});
afterAll(() => close(http.server));

describeHeaders(() => ({ fetch, base: server.base, graph: server.graph }));
