import { describe, expect, it } from 'vitest';
import { OxigraphRunner } from '../../src/store/oxigraph-runner.js';
import { splitCharacterNTriples } from '../support/split-character-ntriples.js';

// The query workers load Oxigraph from the N-Triples bytes the pool shares,
// slice by slice, without decoding them to one string first. In a file of its
// own: a test that traps Oxigraph's WebAssembly leaves the instance every store
// of the thread uses corrupt.

describe('OxigraphRunner over shared bytes', () => {
  it('loads N-Triples bytes read in slices as the same graph as their text, a character split across slices included', async () => {
    const { text, literal } = splitCharacterNTriples();
    const boundary = 4 * 1024 * 1024;
    const encoded = Buffer.from(text, 'utf8');
    expect(encoded.subarray(boundary - 1, boundary + 1).toString('utf8')).toBe('é');
    const shared = new SharedArrayBuffer(encoded.byteLength);
    new Uint8Array(shared).set(encoded);
    const answer = async (runner: OxigraphRunner) => {
      const { chunks } = runner.run('SELECT (COUNT(*) AS ?n) (MAX(?o) AS ?m) WHERE { ?s ?p ?o FILTER(CONTAINS(?o, "é")) }', {
        mediaType: 'text/tab-separated-values',
        maxRows: 10,
        deadline: Date.now() + 5000,
        timeLimitMs: 5000,
        shape: { form: 'select', variables: ['n', 'm'], variableOrder: ['n', 'm'] },
      });
      let body = '';
      for await (const chunk of chunks) body += chunk;
      return body;
    };
    const fromBytes = await answer(new OxigraphRunner(shared, { baseIri: 'http://example.org/sparql', prefixes: {} }));
    expect(fromBytes).toBe(await answer(new OxigraphRunner(text, { baseIri: 'http://example.org/sparql', prefixes: {} })));
    expect(fromBytes).toContain(literal);
    expect(fromBytes.split('\n')[1]).toMatch(/^1\t/);
  });
});
