import { execFileSync } from 'node:child_process';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { writeRdfXml } from '../../src/graph/rdf-xml-writer.js';
import { parseNTriples, tripleLines } from '../support/compare-graphs.js';
import { TYPED_BLANK_NODE } from '../support/typed-blank-node.js';

// The RDF/XML writer's hard case read back by rapper (raptor2-utils), a C
// parser no one here wrote; test/graph/rdf-xml-writer.test.ts reads the same
// document with rdfxml-streaming-parser.

describe('writeRdfXml, read by rapper', () => {
  it('gives rapper the same graph for a typed blank node', () => {
    const xml = writeRdfXml(TYPED_BLANK_NODE, { ex: 'http://example.org/' });
    const readBack = parseNTriples(execFileSync('rapper', ['-q', '-i', 'rdfxml', '-o', 'ntriples', '-', 'http://example.org/'], { input: xml, encoding: 'utf8' }));
    expect(isomorphic(readBack, TYPED_BLANK_NODE), tripleLines(readBack).join('\n')).toBe(true);
  });
});
