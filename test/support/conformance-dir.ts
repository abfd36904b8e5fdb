import { resolve } from 'node:path';

/**
 * Where the third-party conformance material is (W3C SPARQL suites, DCAT-AP
 * shapes): CONFORMANCE_DIR, by default ../shared/conformance beside the
 * checkout. It is read in place and never copied into the project, so only
 * `npm run test:conformance` needs it. A relative CONFORMANCE_DIR is taken
 * from the project's root, where npm runs the scripts.
 */
export const CONFORMANCE_DIR = resolve(import.meta.dirname, '../..', process.env.CONFORMANCE_DIR || '../shared/conformance');

/** The DCAT-AP 3.0.1 shapes, split by kind as published, inside CONFORMANCE_DIR. */
export const CONFORMANCE_DCAT_AP_DIR = resolve(CONFORMANCE_DIR, 'dcat-ap/releases/3.0.1/html/shacl');
