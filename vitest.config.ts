import { defineConfig } from 'vitest/config';

// Three tiers, selected by folder (README, "Tests"):
//  unit         `npm test`: needs only Node and what `npm install` brings.
//  interop      `npm run test:interop`: clients no one here wrote, from Debian (Python rdflib and
//               SPARQLWrapper, rapper, roqet, curl, Chromium); each test file that runs one lives here.
//  conformance  `npm run test:conformance`: the W3C SPARQL suites and the official DCAT-AP shapes,
//               read from CONFORMANCE_DIR.
// The npm scripts pick a tier with --project; interop and conformance check their prerequisites
// before anything runs, so a missing one is a single line, not an ENOENT inside a test.
const INTEROP = ['test/clients/**/*.test.ts', 'test/browser/**/*.test.ts'];
const CONFORMANCE = ['test/conformance/**/*.test.ts'];
const PREREQUISITES = './test/support/check-prerequisites.ts';
// Every tier runs in a temporary folder of its own, removed when it ends.
const TEMP_ROOT = './test/support/temp-root.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-artifacts/vitest-results.json' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...INTEROP, ...CONFORMANCE], globalSetup: [TEMP_ROOT] } },
      { extends: true, test: { name: 'interop', include: INTEROP, globalSetup: [PREREQUISITES, TEMP_ROOT] } },
      { extends: true, test: { name: 'conformance', include: CONFORMANCE, globalSetup: [PREREQUISITES, TEMP_ROOT] } },
    ],
  },
});
