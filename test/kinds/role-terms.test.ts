import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { buildTestGraph, PROJECT_ROOT } from '../support/build-test-graph.js';

const { namedNode } = DataFactory;
const BASE = 'http://localhost:3000/';
const guide = namedNode(`${BASE}id/output/test-guide`);
const ada = namedNode(`${BASE}id/person/ada-example`);
const DATA = join(PROJECT_ROOT, 'test/fixtures/valid-data');

/** The predicates linking the fixture guide to its author. */
async function authorPredicates(vocabDir?: string): Promise<string[]> {
  const { store } = await buildTestGraph({ dataDir: DATA, vocabDir });
  return store.getPredicates(guide, ada, null).map((term) => term.value).sort();
}

describe('roles state credits with the terms vocab/roles.ttl gives them', () => {
  it('credits an author with dct:creator, schema:author and foaf:maker', async () => {
    expect(await authorPredicates()).toEqual(['http://purl.org/dc/terms/creator', 'http://schema.org/author', 'http://xmlns.com/foaf/0.1/maker']);
  });

  it('uses another term for authors after an edit of roles.ttl alone', async () => {
    const vocabDir = join(await mkdtemp(join(tmpdir(), 'oscg-vocab-')), 'vocab');
    await cp(join(PROJECT_ROOT, 'vocab'), vocabDir, { recursive: true });
    const roles = await readFile(join(vocabDir, 'roles.ttl'), 'utf8');
    const edited = roles.replace('oscg:creditProperty dct:creator, schema:author, foaf:maker ;', 'oscg:creditProperty schema:creator ;');
    expect(edited).not.toBe(roles);
    await writeFile(join(vocabDir, 'roles.ttl'), edited);
    expect(await authorPredicates(vocabDir)).toEqual(['http://schema.org/creator']);
  });
});
