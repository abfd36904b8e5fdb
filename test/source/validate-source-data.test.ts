import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { Vocabulary } from '../../src/graph/vocabulary.js';
import { loadSourceFiles } from '../../src/source/load-source-files.js';
import { SourceDataErrors } from '../../src/source/source-data-error.js';
import { validateSourceData } from '../../src/source/validate-source-data.js';
import { ALL_KINDS } from '../../src/kinds/all-kinds.js';
import { outputs } from '../../src/kinds/outputs.js';
import { people } from '../../src/kinds/people.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

const FIXTURES = join(PROJECT_ROOT, 'test/fixtures');
const KIND_NAMES = ALL_KINDS.map((kind) => kind.name);

/** A copy of the valid fixture data in `{tmp}/data`, with the broken files of `kind` laid over it. */
async function dataWith(kind?: string): Promise<{ root: string; dataDir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'oscg-source-'));
  const dataDir = join(root, 'data');
  await cp(join(FIXTURES, 'valid-data'), dataDir, { recursive: true });
  if (kind) await cp(join(FIXTURES, 'broken-data', kind), dataDir, { recursive: true });
  return { root, dataDir };
}

async function problems(kind: string): Promise<string[]> {
  const { root, dataDir } = await dataWith(kind);
  const vocabulary = await Vocabulary.load(join(PROJECT_ROOT, 'vocab'), new IriScheme('http://localhost:3000/'));
  try {
    validateSourceData(await loadSourceFiles(dataDir, KIND_NAMES, root), ALL_KINDS, vocabulary);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceDataErrors);
    return (error as SourceDataErrors).errors.map((problem) => problem.message);
  }
  throw new Error(`expected the ${kind} fixture to fail`);
}

describe('validateSourceData', () => {
  it('accepts the valid fixture and reads its multilingual text', async () => {
    const { root, dataDir } = await dataWith();
    const vocabulary = await Vocabulary.load(join(PROJECT_ROOT, 'vocab'), new IriScheme('http://localhost:3000/'));
    const data = validateSourceData(await loadSourceFiles(dataDir, KIND_NAMES, root), ALL_KINDS, vocabulary);
    const [guide, version] = data.all(outputs);
    expect(data.all(outputs).map((output) => output.slug)).toEqual(['test-guide', 'test-guide-v1', 'test-report', 'test-faq', 'test-summary', 'test-webinar-1', 'test-webinar-2']);
    expect(guide!.title).toEqual({ en: 'Test Guide', fr: 'Guide de test' });
    expect(version!.title).toEqual({ en: 'Test Guide v1' });
    expect(data.all(people).map((person) => person.slug)).toEqual(['ada-example', 'bob']);
    expect(guide!.links[0]!.slug).toBe('example-docs');
    expect(version!.links[0]!.slug).toBe('link-1');
  });

  // Each kind of bad data, with the exact message a maintainer sees: file, line, field, problem.
  it.each([
    ['invalid-yaml', ['data/people.yaml, line 3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    ['missing-title', ['data/outputs.yaml, line 1, outputs[0].title: missing required field "title"']],
    ['unknown-role', ['data/projects.yaml, line 5, projects[0].contributions[0].roles[1]: unknown role "cheerleader" (not defined in vocab/)']],
    ['malformed-url', ['data/outputs.yaml, line 6, outputs[0].links[0].url: "htps//example.org/guide" is not an absolute http(s) URL']],
    ['duplicate-slug', ['data/people.yaml, line 4, people[2].name: duplicate id "ada-example": already used at data/people.yaml, line 1']],
    ['undefined-person', ['data/outputs.yaml, line 5, outputs[0].authors[1]: refers to person or organisation "carol-nobody", which is not defined']],
    ['unknown-language', ['data/outputs.yaml, line 2, outputs[0].title.xx: unknown language tag "xx" (use a BCP 47 tag such as "en", "fr" or "fr-CA")']],
  ])('reports %s with its file, line and field', async (kind, expected) => {
    expect(await problems(kind)).toEqual(expected);
  });
});
