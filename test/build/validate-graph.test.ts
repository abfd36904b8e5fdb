import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser, Store, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { validateInWorkers, validationUnits } from '../../src/build/validate-in-workers.js';
import { formatShapeResult, validateGraph } from '../../src/build/validate-graph.js';

const SHAPES = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<#Dataset> a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:message "A dataset needs a title." ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "A description is recommended." ] .
`;

const shapes = [{ source: 'test shapes', quads: new Parser({ baseIRI: 'http://example.org/shapes' }).parse(SHAPES) }];
const graph = (turtle: string) => new Store(new Parser().parse(`@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n${turtle}`));

describe('validateGraph', () => {
  it('conforms when every shape is satisfied', async () => {
    const result = await validateGraph(graph('<http://example.org/d> a dcat:Dataset ; dct:title "T" ; dct:description "D" .'), shapes);
    expect(result).toEqual({ conforms: true, violations: [], warnings: [] });
  });

  it('reports a violation with its focus node, path and message', async () => {
    const result = await validateGraph(graph('<http://example.org/d> a dcat:Dataset .'), shapes);
    expect(result.conforms).toBe(false);
    expect(result.violations.map(formatShapeResult)).toEqual([
      'Violation: <http://example.org/d> <http://purl.org/dc/terms/title>: A dataset needs a title. (test shapes)',
    ]);
    expect(result.warnings.map(formatShapeResult)).toEqual([
      'Warning: <http://example.org/d> <http://purl.org/dc/terms/description>: A description is recommended. (test shapes)',
    ]);
  });

  it('treats warnings alone as conforming', async () => {
    const result = await validateGraph(graph('<http://example.org/d> a dcat:Dataset ; dct:title "T" .'), shapes);
    expect(result.conforms).toBe(true);
    expect(result.warnings).toHaveLength(1);
  });
});

const SHARED_PUBLISHER_SHAPES = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<#Dataset> a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:message "A dataset needs a title." ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "A description is recommended." ] ;
  sh:property [ sh:path dct:publisher ; sh:node <#NamedAgent> ] .
<#NamedAgent> a sh:NodeShape ; sh:property [ sh:path foaf:name ; sh:minCount 1 ] .
<#Agent> a sh:NodeShape ; sh:targetClass foaf:Agent ; sh:property [ sh:path foaf:name ; sh:minCount 1 ; sh:severity sh:Warning ] .
`;

/** 120 datasets, every third without a title, all sharing one publisher that has no name. */
function sharedPublisherGraph(): Store {
  const lines = ['<http://example.org/org> a foaf:Agent .'];
  for (let i = 0; i < 120; i += 1) {
    lines.push(`<http://example.org/d${i}> a dcat:Dataset ; dct:publisher <http://example.org/org> ${i % 3 === 0 ? '' : `; dct:title "T${i}"`} ${i % 2 === 0 ? '; dct:description "D"' : ''} .`);
  }
  return new Store(new Parser().parse(`@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .\n${lines.join('\n')}`));
}

describe('validateGraph in batches of focus nodes', () => {
  const shapes = [{ source: 'test shapes', quads: new Parser({ baseIRI: 'http://example.org/shapes' }).parse(SHARED_PUBLISHER_SHAPES) }];

  it('finds every result, however many focus nodes share a value checked with sh:node', async () => {
    const result = await validateGraph(sharedPublisherGraph(), shapes);
    // rdf-validate-shacl's default maxNodeChecks stopped checking the shared publisher after 51 datasets.
    expect(result.violations.filter((violation) => violation.message.startsWith('Value does not have shape'))).toHaveLength(120);
    expect(result.violations.filter((violation) => violation.message === 'A dataset needs a title.')).toHaveLength(40);
    expect(result.warnings.map(formatShapeResult)).toContain('Warning: <http://example.org/org> <http://xmlns.com/foaf/0.1/name>: Less than 1 values (test shapes)');
    expect(result.warnings).toHaveLength(61);
  });

  it('gives the same results split into batches as in one piece, in the same order', async () => {
    const whole = await validateGraph(sharedPublisherGraph(), shapes);
    let batchesDone = 0;
    for (const batches of [2, 7]) {
      expect(await validateGraph(sharedPublisherGraph(), shapes, { batches, onBatch: () => (batchesDone += 1) })).toEqual(whole);
    }
    expect(batchesDone).toBe(2 + 7);
  });

  it('gives the same results in worker threads reading the graph from N-Triples', async () => {
    const graph = sharedPublisherGraph();
    const file = join(await mkdtemp(join(tmpdir(), 'oscg-shacl-')), 'graph.nt');
    await writeFile(file, new Writer({ format: 'N-Triples' }).quadsToString(graph.getQuads(null, null, null, null)));
    let units = 0;
    const inWorkers = await validateInWorkers(file, shapes, { workers: 2, batches: 5, onUnit: () => (units += 1) });
    expect(inWorkers).toEqual(await validateGraph(graph, shapes));
    expect(units).toBe(validationUnits(shapes, 5));
    expect(units).toBe(5);
  });

  it('validates shapes that name focus nodes other than by class in one piece', async () => {
    const byNode = [{ source: 'node target', quads: new Parser({ baseIRI: 'http://example.org/shapes' }).parse(`
      @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dct: <http://purl.org/dc/terms/> .
      <#One> a sh:NodeShape ; sh:targetNode <http://example.org/d1> ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .`) }];
    expect(validationUnits(byNode, 5)).toBe(1);
    const result = await validateGraph(graph('<http://example.org/d1> a dcat:Dataset .'), byNode, { batches: 5 });
    expect(result.violations.map(formatShapeResult)).toEqual(['Violation: <http://example.org/d1> <http://purl.org/dc/terms/title>: Less than 1 values (node target)']);
  });
});
