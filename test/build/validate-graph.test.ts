import { Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
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
