// `tsx test/support/check-prerequisites.ts interop|conformance`: run by the
// npm scripts before vitest, so a tier whose outside prerequisite is missing
// stops at once with one line saying what is missing and how to get it,
// rather than failing deep inside a test with ENOENT. The same check runs as
// the tier's vitest globalSetup, for runs that bypass the npm scripts.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFORMANCE_DCAT_AP_DIR, CONFORMANCE_DIR } from './conformance-dir.js';

export type Tier = 'interop' | 'conformance';

/** One thing the interop tier needs: what to call it, how to tell it is there, and the Debian package that brings it. */
interface Prerequisite {
  readonly what: string;
  readonly present: () => boolean;
  readonly debianPackage: string;
}

function allowed(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

const executable = (path: string) => allowed(path, constants.X_OK);
const readable = (path: string) => allowed(path, constants.R_OK);

/** A command the tests run by name, looked up on PATH as execFile/spawn will. */
const onPath = (command: string) => () => (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && executable(join(dir, command)));

/** Debian's Python packages load only in the system interpreter, which the tests call by its full path. */
const DEBIAN_PYTHON = '/usr/bin/python3';
const pythonModule = (module: string) => () => executable(DEBIAN_PYTHON) && spawnSync(DEBIAN_PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;

const INTEROP: readonly Prerequisite[] = [
  { what: 'rdflib for /usr/bin/python3', present: pythonModule('rdflib'), debianPackage: 'python3-rdflib' },
  { what: 'SPARQLWrapper for /usr/bin/python3', present: pythonModule('SPARQLWrapper'), debianPackage: 'python3-sparqlwrapper' },
  { what: 'extruct for /usr/bin/python3', present: pythonModule('extruct'), debianPackage: 'python3-extruct' },
  { what: 'requests for /usr/bin/python3', present: pythonModule('requests'), debianPackage: 'python3-requests' },
  { what: 'bibtexparser for /usr/bin/python3', present: pythonModule('bibtexparser'), debianPackage: 'python3-bibtexparser' },
  { what: 'citeproc-py for /usr/bin/python3', present: pythonModule('citeproc'), debianPackage: 'python3-citeproc' },
  { what: 'bib2xml', present: onPath('bib2xml'), debianPackage: 'bibutils' },
  { what: 'ris2xml', present: onPath('ris2xml'), debianPackage: 'bibutils' },
  { what: 'rapper', present: onPath('rapper'), debianPackage: 'raptor2-utils' },
  { what: 'roqet', present: onPath('roqet'), debianPackage: 'rasqal-utils' },
  { what: 'curl', present: onPath('curl'), debianPackage: 'curl' },
  // The path test/browser/browser-support.ts launches; playwright-core never downloads a browser.
  { what: '/usr/bin/chromium', present: () => executable('/usr/bin/chromium'), debianPackage: 'chromium' },
  { what: 'virtuoso-t', present: onPath('virtuoso-t'), debianPackage: 'virtuoso-opensource' },
  { what: 'isql-vt', present: onPath('isql-vt'), debianPackage: 'virtuoso-opensource' },
  // The OAI-PMH and DataCite responses are checked against the official schemas with xmllint, and
  // harvested with Debian's OAI-PMH harvester.
  { what: 'xmllint', present: onPath('xmllint'), debianPackage: 'libxml2-utils' },
  { what: 'oai_pmh', present: onPath('oai_pmh'), debianPackage: 'libhttp-oai-perl' },
  // nginx serving a static export (test/clients/static-export-nginx.test.ts), with the njs module its configuration loads.
  { what: 'nginx', present: () => executable('/usr/sbin/nginx') || onPath('nginx')(), debianPackage: 'nginx' },
  { what: 'njs for nginx (/usr/lib/nginx/modules/ngx_http_js_module.so)', present: () => readable('/usr/lib/nginx/modules/ngx_http_js_module.so'), debianPackage: 'libnginx-mod-http-js' },
];

/** The schemas the interop tier validates OAI-PMH and DataCite XML against, read from CONFORMANCE_DIR. */
const INTEROP_SCHEMAS: readonly string[] = ['oai-pmh/OAI-PMH.xsd', 'oai-pmh/oai_dc.xsd', 'oai-pmh/catalog.xml', 'datacite/kernel-4.6/metadata.xsd', 'datacite/kernel-4.7/metadata.xsd', 'datacite/oai-1.1/oai.xsd', 'datacite/catalog.xml'].map((file) => join(CONFORMANCE_DIR, file));

/** What the conformance suites read, by the files they start from; a folder with these is taken to be the whole copy. */
const CONFORMANCE: readonly { what: string; files: readonly string[] }[] = [
  { what: 'the W3C SPARQL 1.1 tests', files: ['manifest-sparql11-query.ttl', 'protocol/manifest.ttl'].map((file) => join(CONFORMANCE_DIR, 'sparql11', file)) },
  { what: 'the DCAT-AP 3.0.1 shapes', files: ['shapes.ttl', 'shapes_recommended.ttl', 'range.ttl', 'mdr-vocabularies.shape.ttl'].map((file) => join(CONFORMANCE_DCAT_AP_DIR, file)) },
];

const HOW_TO_GET_CONFORMANCE =
  'set CONFORMANCE_DIR to a folder holding sparql11/ (sparql/sparql11 of https://github.com/w3c/rdf-tests) and dcat-ap/ (https://github.com/SEMICeu/DCAT-AP); by default it is ../shared/conformance beside the checkout';

/** The one line that says what the tier lacks and how to get it, or undefined when nothing is missing. */
export function missingPrerequisites(tier: Tier): string | undefined {
  if (tier === 'interop') {
    const missing = INTEROP.filter((prerequisite) => !prerequisite.present());
    if (missing.length === 0) {
      const absent = INTEROP_SCHEMAS.find((file) => !readable(file));
      return absent === undefined
        ? undefined
        : `test:interop needs the OAI-PMH and DataCite schemas in CONFORMANCE_DIR (no ${absent}): set CONFORMANCE_DIR to a folder holding oai-pmh/ (the OAI-PMH 2.0, oai_dc and oai-identifier schemas, with an XML catalog) and datacite/ (DataCite kernels 4.6 and 4.7 and the oai_datacite 1.1 wrapper, with an XML catalog); by default it is ../shared/conformance beside the checkout`;
    }
    const packages = [...new Set(missing.map((prerequisite) => prerequisite.debianPackage))];
    const named = missing.map((prerequisite) => `${prerequisite.what} (${prerequisite.debianPackage})`).join(', ');
    return `test:interop needs ${named}: apt-get install -y ${packages.join(' ')}`;
  }
  const missing = CONFORMANCE.map(({ what, files }) => ({ what, absent: files.filter((file) => !readable(file)) })).filter(({ absent }) => absent.length > 0);
  if (missing.length === 0) return undefined;
  const named = missing.map(({ what }) => what).join(' and ');
  return `test:conformance needs ${named} in CONFORMANCE_DIR (no ${missing[0]!.absent[0]}): ${HOW_TO_GET_CONFORMANCE}`;
}

/** vitest globalSetup of the interop and conformance projects (named after their tier): refuses to start the run when something is missing. */
export default function refuseToStartWithoutPrerequisites(project: { name: string }): void {
  const problem = missingPrerequisites(project.name as Tier);
  if (problem) throw new Error(problem);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tier = process.argv[2];
  if (tier !== 'interop' && tier !== 'conformance') {
    console.error('usage: tsx test/support/check-prerequisites.ts interop|conformance');
    process.exit(2);
  }
  const problem = missingPrerequisites(tier);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
