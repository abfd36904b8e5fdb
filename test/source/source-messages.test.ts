import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { Vocabulary } from '../../src/graph/vocabulary.js';
import { loadSourceFiles } from '../../src/source/load-source-files.js';
import { SourceDataErrors } from '../../src/source/source-data-error.js';
import { validateSourceData } from '../../src/source/validate-source-data.js';
import { ALL_KINDS } from '../../src/kinds/all-kinds.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

// Every message the data checks can give, each from a tiny file laid over the
// valid fixture (test/fixtures/valid-data), with its exact text: file, line,
// field and problem. One row per message (and per wording of a message).

let vocabulary: Vocabulary;
beforeAll(async () => {
  vocabulary = await Vocabulary.load(join(PROJECT_ROOT, 'vocab'), new IriScheme('http://localhost:3000/'));
});

/** The messages for the valid fixture with each of `files` replaced by its text (null: removed). */
async function problems(files: Record<string, string | null>): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'oscg-messages-'));
  const dataDir = join(root, 'data');
  await cp(join(PROJECT_ROOT, 'test/fixtures/valid-data'), dataDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (text === null) await rm(join(dataDir, name));
    else await writeFile(join(dataDir, name), text);
  }
  try {
    validateSourceData(await loadSourceFiles(dataDir, ALL_KINDS.map((kind) => kind.name), root), ALL_KINDS, vocabulary);
    return [];
  } catch (error) {
    if (!(error instanceof SourceDataErrors)) throw error;
    return error.errors.map((problem) => problem.message);
  }
}

/** outputs.yaml with one small output whose fields are `fields` (YAML lines, indented by two). */
const output = (fields: string) => `- id: solo
  title: Solo
  description: A single output.
  kind: guide
  links:
    - url: https://example.org/solo
${fields}`;

describe('every message of the data checks, with its exact text', () => {
  it('the valid fixture and the one-output file used below give none', async () => {
    expect(await problems({})).toEqual([]);
    expect(await problems({ 'outputs.yaml': output('') })).toEqual([]);
  });

  it.each<[string, Record<string, string | null>, string[]]>([
    // load-source-files.ts
    ['a missing file', { 'documents.yaml': null }, ['data/documents.yaml, line 1: file is missing']],
    ['invalid YAML', { 'documents.yaml': '- id: a\n  title: [unclosed\n' }, ['data/documents.yaml, line 3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    ['a key given twice', { 'documents.yaml': '- id: a\n  id: b\n  title: A page\n' }, ['data/documents.yaml, line 2: invalid YAML: Map keys must be unique']],
    // the shapes of the files (source-schemas.ts, worded by validate-source-data.ts)
    ['a missing required field', { 'documents.yaml': '- id: a\n' }, ['data/documents.yaml, line 1, documents[0].title: missing required field "title"']],
    ['an unknown field', { 'documents.yaml': '- id: a\n  title: A page\n  colour: blue\n' }, ['data/documents.yaml, line 3, documents[0].colour: unknown field "colour"']],
    ['a map where a list belongs', { 'documents.yaml': 'id: a\ntitle: A page\n' }, ['data/documents.yaml, line 1, documents: must be a list, not {"id":"a","title":"A page"}']],
    ['a list where a map belongs', { 'catalog.yaml': '- title: Outputs\n' }, ['data/catalog.yaml, line 1, catalog: must be a map of fields, not [{"title":"Outputs"}]']],
    ['a number where a string belongs', { 'outputs.yaml': output('  version: 1\n') }, ['data/outputs.yaml, line 7, outputs[0].version: must be a string, not 1']],
    ['text where a whole number belongs', { 'funding.yaml': '- id: test-grant\n  funders: [test-org]\n  funded: test-project\n  year: "2018"\n  description: A grant.\n' }, ['data/funding.yaml, line 4, funding[0].year: must be an integer, not "2018"']],
    ['text where a yes/no belongs', { 'outputs.yaml': output('  living: yes please\n') }, ['data/outputs.yaml, line 7, outputs[0].living: must be a boolean, not "yes please"']],
    ['a text that is neither a string nor a language map', { 'documents.yaml': '- id: a\n  title: [A, page]\n' }, ['data/documents.yaml, line 2, documents[0].title: must be a text: a non-empty string, or a map of language tags to non-empty strings']],
    ['a malformed date', { 'outputs.yaml': output('  issued: 2024-13-01\n') }, ['data/outputs.yaml, line 7, outputs[0].issued: "2024-13-01" is not a year, year-month or date (YYYY, YYYY-MM or YYYY-MM-DD)']],
    ['a URL that is not one', { 'outputs.yaml': output('    - url: https://example.org/a b\n') }, ['data/outputs.yaml, line 7, outputs[0].links[1].url: "https://example.org/a b" is not a valid URL']],
    ['a link that is not http(s)', { 'outputs.yaml': output('    - url: ftp://example.org/solo\n') }, ['data/outputs.yaml, line 7, outputs[0].links[1].url: "ftp://example.org/solo" is not an absolute http(s) URL']],
    ['a malformed id', { 'documents.yaml': '- id: Not_An_Id\n  title: A page\n' }, ['data/documents.yaml, line 1, documents[0].id: "Not_An_Id" is not a valid id (lower-case letters and digits, joined by single hyphens)']],
    ['a cover image that is not a file name', { 'outputs.yaml': output('  cover_image:\n    file: images/cover\n') }, ['data/outputs.yaml, line 8, outputs[0].cover_image.file: "images/cover" is not a file name with an extension']],
    ['a blank text', { 'people.yaml': '- id: blank\n  name: "   "\n' }, ['data/people.yaml, line 2, people[0].name: "   " must not be blank']],
    ['an empty list', { 'outputs.yaml': output('').replace('  links:\n    - url: https://example.org/solo\n', '  links: []\n') }, ['data/outputs.yaml, line 5, outputs[0].links: must list at least 1']],
    ['an empty key', { 'outputs.yaml': output('  language: [""]\n') }, ['data/outputs.yaml, line 7, outputs[0].language[0]: must not be empty']],
    ['an empty language map', { 'documents.yaml': '- id: a\n  title: {}\n' }, ['data/documents.yaml, line 2, documents[0].title: must be a text: a non-empty string, or a map of language tags to non-empty strings']],
    ['the same value twice', { 'outputs.yaml': output('  language: [en, fr, en]\n') }, ['data/outputs.yaml, line 7, outputs[0].language: lists the same value twice (items 2 and 0)']],
    ['a year that is not four digits', { 'funding.yaml': '- id: test-grant\n  funders: [test-org]\n  funded: test-project\n  year: 18\n  description: A grant.\n' }, ['data/funding.yaml, line 4, funding[0].year: 18 is not a four-digit year']],
    // ids, references and vocabulary keys (validate-source-data.ts)
    ['a duplicate id', { 'documents.yaml': '- id: a\n  title: A page\n- id: a\n  title: Another page\n' }, ['data/documents.yaml, line 3, documents[1].id: duplicate id "a": already used at data/documents.yaml, line 1']],
    ['a name that gives no id', { 'people.yaml': '- name: "!!!"\n- name: Ada Exámple\n- id: bob\n  name: Bob Example\n' }, ['data/people.yaml, line 1, people[0].name: cannot derive an id from "!!!"; add an "id"']],
    ['an undefined organisation', { 'people.yaml': '- id: ada-example\n  name: Ada\n  affiliations: [nowhere]\n- id: bob\n  name: Bob Example\n' }, ['data/people.yaml, line 3, people[0].affiliations[0]: refers to organisation "nowhere", which is not defined']],
    ['an undefined person or organisation', { 'catalog.yaml': 'title: Outputs\ndescription: Everything.\npublisher: nobody\n' }, ['data/catalog.yaml, line 3, catalog.publisher: refers to person or organisation "nobody", which is not defined']],
    ['an undefined project', { 'outputs.yaml': output('  project: no-project\n') }, ['data/outputs.yaml, line 7, outputs[0].project: refers to project "no-project", which is not defined']],
    ['an undefined document', { 'projects.yaml': '- id: test-project\n  name: Test Project\n  description: A project.\n  see_also: [no-page]\n' }, ['data/projects.yaml, line 4, projects[0].see_also[0]: refers to document "no-page", which is not defined']],
    ['an undefined output', { 'outputs.yaml': output('  versions: [no-output]\n') }, ['data/outputs.yaml, line 7, outputs[0].versions[0]: refers to output "no-output", which is not defined']],
    ['an output that is its own version', { 'outputs.yaml': output('  versions: [solo]\n') }, ['data/outputs.yaml, line 7, outputs[0].versions[0]: an output cannot be a version of itself']],
    ['two links with one id', { 'outputs.yaml': output('    - url: https://example.org/solo/again\n').replace('    - url: https://example.org/solo\n', '    - url: https://example.org/solo\n      platform: Site\n').replace('    - url: https://example.org/solo/again\n', '    - url: https://example.org/solo/again\n      platform: Site\n') }, ['data/outputs.yaml, line 8, outputs[0].links[1]: duplicate link id "site" in this output; give the link an "id"']],
    ['an unknown output kind', { 'outputs.yaml': output('').replace('kind: guide', 'kind: poem') }, ['data/outputs.yaml, line 4, outputs[0].kind: unknown output kind "poem" (not defined in vocab/)']],
    ['an unknown role', { 'projects.yaml': '- id: test-project\n  name: Test Project\n  description: A project.\n  contributions:\n    - { agent: bob, roles: [cheerleader] }\n' }, ['data/projects.yaml, line 5, projects[0].contributions[0].roles[0]: unknown role "cheerleader" (not defined in vocab/)']],
    ['an unknown format', { 'outputs.yaml': output('      format: SCROLL\n') }, ['data/outputs.yaml, line 7, outputs[0].links[0].format: unknown format "SCROLL" (not defined in vocab/)']],
    ['an unknown language', { 'outputs.yaml': output('  language: [tlh]\n') }, ['data/outputs.yaml, line 7, outputs[0].language[0]: unknown language "tlh" (not defined in vocab/)']],
    ['an unknown theme', { 'outputs.yaml': output('  themes: [astrology]\n') }, ['data/outputs.yaml, line 7, outputs[0].themes[0]: unknown theme "astrology" (not defined in vocab/)']],
    ['an unknown organisation kind', { 'organisations.yaml': '- id: test-org\n  name: Test Organisation\n  kind: guild\n' }, ['data/organisations.yaml, line 3, organisations[0].kind: unknown organisation kind "guild" (not defined in vocab/)']],
    ['an unknown language tag', { 'documents.yaml': '- id: a\n  title: { en: A page, xx: Une page }\n' }, ['data/documents.yaml, line 2, documents[0].title.xx: unknown language tag "xx" (use a BCP 47 tag such as "en", "fr" or "fr-CA")']],
  ])('%s', async (_name, files, expected) => {
    expect(await problems(files)).toEqual(expected);
  });
});
