import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveGraphOnLoopback, type LoopbackGraphServer } from '../support/loopback-graph-server.js';

// Clients no one here wrote read the citations an output's IRI serves:
// Python's bibtexparser and citeproc-py (Debian's python3-bibtexparser and
// python3-citeproc, importable from /usr/bin/python3 only) fetch the IRI
// themselves and follow the 303; bibutils' bib2xml and ris2xml turn what is
// served into MODS XML. Each must find the title, the authors in order and
// the type.

const run = promisify(execFile);
const DEBIAN_PYTHON = '/usr/bin/python3';

/** Fetches a BibTeX citation with urllib and parses it with bibtexparser; names are split by bibtexparser's splitname, which keeps a braced name whole. */
const BIBTEXPARSER = `
import json, re, sys, urllib.request
import bibtexparser
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import splitname
request = urllib.request.Request(sys.argv[1], headers={'Accept': 'application/x-bibtex'})
with urllib.request.urlopen(request) as response:
    text = response.read().decode('utf-8')
    url, content_type = response.geturl(), response.headers['Content-Type']
entries = bibtexparser.loads(text, BibTexParser(common_strings=True)).entries
plain = lambda value: value.replace('{', '').replace('}', '')
def name(raw):
    parts = splitname(raw)
    return {'family': plain(' '.join(parts['von'] + parts['last'])), 'given': ' '.join(parts['first'])}
print(json.dumps({'url': url, 'contentType': content_type, 'entries': [
    {'type': entry['ENTRYTYPE'], 'key': entry['ID'], 'title': plain(entry['title']), 'year': entry.get('year'),
     'authors': [name(raw) for raw in re.split(r'\\s+and\\s+', entry['author'])] if 'author' in entry else []}
    for entry in entries]}, ensure_ascii=False))
`;

/** Fetches the CSL-JSON citation with urllib and formats it with citeproc-py's own Harvard style. */
const CITEPROC = `
import json, sys, urllib.request, warnings
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
warnings.simplefilter('ignore')  # citeproc-py warns of CSL fields it does not know, such as citation-key
request = urllib.request.Request(sys.argv[1], headers={'Accept': 'application/vnd.citationstyles.csl+json'})
with urllib.request.urlopen(request) as response:
    item = json.loads(response.read().decode('utf-8'))
bibliography = CitationStylesBibliography(CitationStylesStyle('harvard1', validate=False), CiteProcJSON([item]), formatter.plain)
bibliography.register(Citation([CitationItem(item['id'])]))
print(json.dumps({'type': item['type'], 'entries': [str(entry) for entry in bibliography.bibliography()]}, ensure_ascii=False))
`;

let served: LoopbackGraphServer;
let base: string;

beforeAll(async () => {
  served = await serveGraphOnLoopback();
  ({ base } = served);
});

afterAll(() => served.close());

/** Runs a command with `input` on its standard input; its standard output. */
function pipe(command: string, args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} exited with ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}

/** What bibutils' MODS says of the one reference: its title, its names in order (each name's parts joined), its genres. */
function mods(xml: string): { title: string; names: string[]; personal: boolean[]; genres: string[] } {
  const $ = cheerio.load(xml, { xml: true });
  const names = $('mods > name').toArray();
  return {
    title: $('mods > titleInfo > title').first().text(),
    names: names.map((name) => {
      const given = $(name).children('namePart[type="given"]').text();
      const family = $(name).children('namePart[type="family"]').text();
      return given || family ? `${family}, ${given}` : $(name).children('namePart').text();
    }),
    personal: names.map((name) => $(name).attr('type') === 'personal'),
    genres: $('mods > genre').toArray().map((genre) => $(genre).text()),
  };
}

async function fetchServed(path: string, accept: string): Promise<string> {
  const response = await fetch(`${base}${path}`, { headers: { Accept: accept } });
  expect(response.status).toBe(200);
  return response.text();
}

/** [output, BibTeX entry type, the authors as family/given (a literal name whole as family), the genre bib2xml gives, the genre ris2xml gives (none: bibutils 7.2 names no genre for RIS's GEN and MPCT)]. */
const OUTPUTS: readonly [string, string, string, { family: string; given: string }[], string, string | undefined][] = [
  ['test-report', 'Test Report', 'techreport', [{ family: 'Test Organisation', given: '' }, { family: 'Example', given: 'Bob' }], 'technical report', 'technical report'],
  ['test-guide', 'Test Guide', 'misc', [{ family: 'Exámple', given: 'Ada' }], 'miscellaneous', undefined],
  ['test-faq', 'Test FAQ', 'misc', [], 'miscellaneous', 'electronic'],
  ['test-webinar-1', 'Test Webinar 1', 'misc', [], 'miscellaneous', undefined],
];

describe('Python bibtexparser', () => {
  it.each(OUTPUTS)('fetches %s as BibTeX, following the 303, and reads its title, authors in order and entry type', async (slug, title, type, authors) => {
    const { stdout } = await run(DEBIAN_PYTHON, ['-c', BIBTEXPARSER, `${base}id/output/${slug}`]);
    const result = JSON.parse(stdout) as { url: string; contentType: string; entries: { type: string; key: string; title: string; year: string | null; authors: unknown[] }[] };
    expect(result.url).toBe(`${base}doc/output/${slug}.bib`);
    expect(result.contentType).toBe('application/x-bibtex; charset=utf-8');
    expect(result.entries).toEqual([{ type, key: slug.replace(/-/g, '_'), title, year: null, authors }]);
  });
});

describe('bibutils', () => {
  it.each(OUTPUTS)('bib2xml reads %s from the BibTeX served', async (slug, title, _type, authors, bibGenre) => {
    const read = mods(await pipe('bib2xml', ['-i', 'utf8'], await fetchServed(`id/output/${slug}`, 'application/x-bibtex')));
    expect(read.title).toBe(title);
    expect(read.names).toEqual(authors.map((author) => (author.given ? `${author.family}, ${author.given}` : author.family)));
    // A literal (an organisation, or a person the data does not split) stays one corporate name.
    expect(read.personal).toEqual(authors.map((author) => author.given !== ''));
    expect(read.genres).toContain(bibGenre);
  });

  it.each(OUTPUTS)('ris2xml reads %s from the RIS served', async (slug, title, _type, authors, _bibGenre, risGenre) => {
    const text = await fetchServed(`id/output/${slug}`, 'application/x-research-info-systems');
    const read = mods(await pipe('ris2xml', ['-i', 'utf8'], text));
    expect(read.title).toBe(title);
    // RIS cannot mark a name as an organisation's: ris2xml splits "Test Organisation" at its last
    // word unless given a list of corporations, so here only the order and the words are checked.
    expect(read.names.map((name) => name.split(', ').reverse().join(' ').trim())).toEqual(authors.map((author) => `${author.given} ${author.family}`.trim()));
    if (risGenre) expect(read.genres).toContain(risGenre);
    else expect(read.genres).toEqual([]);
  });
});

describe('Python citeproc-py', () => {
  it.each([
    ['test-report', 'report', 'Test Organisation & Example, B., Test Report, Test Organisation. Available at:'],
    ['test-guide', 'document', 'Exámple, A., Test Guide. Available at:'],
    ['test-webinar-1', 'motion_picture', 'Anon, Test Webinar 1, Available at:'],
  ])('formats the CSL-JSON of %s (a CSL %s) in its Harvard style, authors in order, with no year', async (slug, type, start) => {
    const { stdout } = await run(DEBIAN_PYTHON, ['-c', CITEPROC, `${base}id/output/${slug}`]);
    const result = JSON.parse(stdout) as { type: string; entries: string[] };
    expect(result.type).toBe(type);
    expect(result.entries).toEqual([`${start} ${base}id/output/${slug}.`]);
    expect(result.entries[0]).not.toMatch(/\b(19|20)\d\d\b/);
  });
});
