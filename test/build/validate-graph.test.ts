import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser, Store, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { loadShapes } from '../../src/build/load-shapes.js';
import { validateInWorkers, validationUnits } from '../../src/build/validate-in-workers.js';
import { collectResults, formatShapeResult, TypeIndex, validateGraph, WindowValidator, type ShapeResult } from '../../src/build/validate-graph.js';
import { sortQuads } from '../../src/graph/rdf-formats.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { PROJECT_ROOT } from '../support/build-test-graph.js';

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

// vocab/shapes.ttl on a tiny catalogue: it conforms as written, and each
// DCAT-AP 3 constraint broken on its own gives one violation with its message.
const PREFIXES = `
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <http://example.org/> .
`;
const TINY_CATALOGUE = `
ex:catalog a dcat:Catalog ; dct:title "Outputs"@en ; dct:description "Everything."@en ;
  dct:publisher ex:org ; dcat:dataset ex:guide .
ex:org a foaf:Agent ; foaf:name "An organisation" .
ex:guide a dcat:Dataset ; dct:title "Guide"@en ; dct:description "A guide."@en ; dct:type ex:text ;
  dcat:distribution ex:guide-web .
ex:guide-web a dcat:Distribution ; dcat:accessURL <https://example.org/guide> .
ex:text a skos:Concept ; skos:prefLabel "Text"@en ; skos:inScheme ex:types .
ex:types a skos:ConceptScheme ; dct:title "Types"@en .
ex:record a dcat:CatalogRecord ; foaf:primaryTopic ex:guide ; dct:modified "2024-05-01T10:00:00Z"^^xsd:dateTime .
`;

describe('vocab/shapes.ttl: the DCAT-AP 3 constraints', () => {
  const own = loadShapes(join(PROJECT_ROOT, 'vocab'), undefined, new IriScheme('http://example.org/')).then(({ graphs }) => graphs);
  /** The tiny catalogue without the triples matching each "subject predicate" pair of `remove`, then plus `add`. */
  const tiny = (remove: readonly string[], add = '') => {
    const store = new Store(new Parser().parse(`${PREFIXES}${TINY_CATALOGUE}`));
    for (const pair of remove) {
      const { subject, predicate } = new Parser().parse(`${PREFIXES}${pair} ex:any .`)[0]!;
      store.removeQuads(store.getQuads(subject, predicate, null, null));
    }
    store.addQuads(new Parser().parse(`${PREFIXES}${add}`));
    return store;
  };

  it('the tiny catalogue conforms', async () => {
    const result = await validateGraph(tiny([]), await own);
    expect(result.violations.map(formatShapeResult)).toEqual([]);
  });

  it.each([
    ['a catalogue without title', ['ex:catalog dct:title'], '', '<http://example.org/catalog> <http://purl.org/dc/terms/title>: A catalogue needs a title, at most one per language.'],
    ['a catalogue without description', ['ex:catalog dct:description'], '', '<http://example.org/catalog> <http://purl.org/dc/terms/description>: A catalogue needs a description, at most one per language.'],
    ['a catalogue without publisher', ['ex:catalog dct:publisher'], '', '<http://example.org/catalog> <http://purl.org/dc/terms/publisher>: A catalogue needs exactly one publisher.'],
    ['a catalogue with two publishers', [], 'ex:catalog dct:publisher ex:org2 . ex:org2 a foaf:Agent ; foaf:name "Another" .', '<http://example.org/catalog> <http://purl.org/dc/terms/publisher>: A catalogue needs exactly one publisher.'],
    ['a catalogue without dataset', ['ex:catalog dcat:dataset'], '', '<http://example.org/catalog> <http://www.w3.org/ns/dcat#dataset>: A catalogue lists at least one dataset.'],
    ['a catalogue whose publisher is no agent', ['ex:org foaf:name', 'ex:org a'], '', "<http://example.org/catalog> <http://purl.org/dc/terms/publisher>: A catalogue's publisher must be a foaf:Agent."],
    ['a catalogue listing something else as a dataset', [], 'ex:catalog dcat:dataset ex:org .', '<http://example.org/catalog> <http://www.w3.org/ns/dcat#dataset>: What a catalogue lists as dcat:dataset must be a dcat:Dataset.'],
    ['a catalogue with two homepages', [], 'ex:catalog foaf:homepage ex:home1, ex:home2 . ex:home1 a foaf:Document . ex:home2 a foaf:Document .', '<http://example.org/catalog> <http://xmlns.com/foaf/0.1/homepage>: A catalogue has at most one homepage, a foaf:Document.'],
    ['a catalogue modified on a plain string', [], 'ex:catalog dct:modified "last week" .', '<http://example.org/catalog> <http://purl.org/dc/terms/modified>: A catalogue has at most one modification date, a date or date-time.'],
    ['a catalogue in a language outside the EU list', [], 'ex:catalog dct:language ex:klingon . ex:klingon a dct:LinguisticSystem .', '<http://example.org/catalog> <http://purl.org/dc/terms/language>: A catalogue\'s language must be a dct:LinguisticSystem from the EU language list.'],
    ['a dataset without title', ['ex:guide dct:title'], '', '<http://example.org/guide> <http://purl.org/dc/terms/title>: An output needs a language-tagged title, at most one per language.'],
    ['a dataset with a title without language', ['ex:guide dct:title'], 'ex:guide dct:title "Guide" .', '<http://example.org/guide> <http://purl.org/dc/terms/title>: An output needs a language-tagged title, at most one per language.'],
    ['a dataset without description', ['ex:guide dct:description'], '', '<http://example.org/guide> <http://purl.org/dc/terms/description>: An output needs a language-tagged description, at most one per language.'],
    ['a dataset with two publishers', [], 'ex:guide dct:publisher ex:org, ex:org2 . ex:org2 a foaf:Agent ; foaf:name "Another" .', '<http://example.org/guide> <http://purl.org/dc/terms/publisher>: An output has at most one publisher, a foaf:Agent.'],
    ['a dataset with a theme that is no concept', [], 'ex:guide dcat:theme ex:org .', '<http://example.org/guide> <http://www.w3.org/ns/dcat#theme>: An output\'s theme must be a skos:Concept.'],
    ['a dataset with a theme that is a blank node', [], 'ex:guide dcat:theme [ a skos:Concept ; skos:prefLabel "Cities"@en ; skos:inScheme ex:types ] .', '<http://example.org/guide> <http://www.w3.org/ns/dcat#theme>: An output\'s theme must be named by an IRI.'],
    ['a dataset with a non-string version', [], 'ex:guide dcat:version 1 .', '<http://example.org/guide> <http://www.w3.org/ns/dcat#version>: An output has at most one version name, a plain string.'],
    ['a dataset whose distribution is not one', [], 'ex:guide dcat:distribution ex:org .', '<http://example.org/guide> <http://www.w3.org/ns/dcat#distribution>: An output\'s distribution must be a dcat:Distribution.'],
    ['a dataset with a keyword that is an IRI', [], 'ex:guide dcat:keyword ex:cities .', '<http://example.org/guide> <http://www.w3.org/ns/dcat#keyword>: An output\'s keyword must be text.'],
    ['a distribution without access URL', ['ex:guide-web dcat:accessURL'], '', '<http://example.org/guide-web> <http://www.w3.org/ns/dcat#accessURL>: A distribution needs an access URL.'],
    ['a distribution whose access URL is text', ['ex:guide-web dcat:accessURL'], 'ex:guide-web dcat:accessURL "https://example.org/guide" .', '<http://example.org/guide-web> <http://www.w3.org/ns/dcat#accessURL>: A distribution needs an access URL.'],
    ['a distribution with a format outside the EU list', [], 'ex:guide-web dct:format ex:scroll . ex:scroll a dct:MediaTypeOrExtent .', '<http://example.org/guide-web> <http://purl.org/dc/terms/format>: A distribution has at most one format, a dct:MediaTypeOrExtent from the EU file-type list.'],
    ['a distribution with a negative byte size', [], 'ex:guide-web dcat:byteSize -1 .', '<http://example.org/guide-web> <http://www.w3.org/ns/dcat#byteSize>: A distribution has at most one size, an xsd:nonNegativeInteger.'],
    ['a catalogue record without primary topic', ['ex:record foaf:primaryTopic'], '', '<http://example.org/record> <http://xmlns.com/foaf/0.1/primaryTopic>: A catalogue record describes exactly one resource (foaf:primaryTopic).'],
    ['a catalogue record about a person', ['ex:record foaf:primaryTopic'], 'ex:record foaf:primaryTopic ex:org .', '<http://example.org/record> <http://xmlns.com/foaf/0.1/primaryTopic>: A catalogue record\'s primary topic must be a catalogue, dataset, data service or dataset series.'],
    ['a catalogue record without modification date', ['ex:record dct:modified'], '', '<http://example.org/record> <http://purl.org/dc/terms/modified>: A catalogue record needs exactly one modification date.'],
    ['an agent without name', ['ex:org foaf:name'], '', '<http://example.org/org> <http://xmlns.com/foaf/0.1/name>: Every person and organisation needs a foaf:name.'],
    ['an agent with two types', [], 'ex:org dct:type ex:text, ex:text2 . ex:text2 a skos:Concept ; skos:prefLabel "B"@en ; skos:inScheme ex:types .', '<http://example.org/org> <http://purl.org/dc/terms/type>: An agent has at most one type, a skos:Concept.'],
    ['a concept without preferred label', ['ex:text skos:prefLabel'], '', '<http://example.org/text> <http://www.w3.org/2004/02/skos/core#prefLabel>: Every concept needs a preferred label, at most one per language.'],
    ['a concept scheme without title', ['ex:types dct:title'], '', '<http://example.org/types> <http://purl.org/dc/terms/title>: Every concept scheme needs a dct:title.'],
  ])('%s', async (_name, remove, add, violation) => {
    const result = await validateGraph(tiny(remove, add), await own);
    expect(result.violations.map(formatShapeResult)).toEqual([`Violation: ${violation} (vocab/shapes.ttl)`]);
  });

  it('a recommended property left out is a warning, not a violation', async () => {
    const result = await validateGraph(tiny([]), await own);
    expect(result.conforms).toBe(true);
    expect(result.warnings.map(formatShapeResult)).toContain('Warning: <http://example.org/guide-web> <http://purl.org/dc/terms/license>: A distribution should give its licence. (vocab/shapes.ttl)');
    expect(result.warnings.map(formatShapeResult)).toContain('Warning: <http://example.org/catalog> <http://purl.org/dc/terms/license>: A catalogue should give its licence. (vocab/shapes.ttl)');
  });
});

describe('WindowValidator: the graph validated a window at a time, as the build merges it', () => {
  const CLASS_SHAPES = `
    @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
    @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    <#Dataset> a sh:NodeShape ; sh:targetClass dcat:Dataset ;
      sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:message "A dataset needs a title." ] ;
      sh:property [ sh:path dct:publisher ; sh:class foaf:Agent ; sh:message "A publisher is a foaf:Agent." ] ;
      sh:property [ sh:path dct:language ; sh:node <#EuLanguage> ; sh:message "A language of the EU list." ] .
    <#EuLanguage> a sh:NodeShape ; sh:property [ sh:path <http://www.w3.org/2004/02/skos/core#inScheme> ; sh:hasValue <http://example.org/languages> ] .
    <#Agent> a sh:NodeShape ; sh:targetClass foaf:Agent ; sh:property [ sh:path foaf:name ; sh:minCount 1 ; sh:severity sh:Warning ] .`;
  const shapes = [{ source: 'window shapes', quads: new Parser({ baseIRI: 'http://example.org/shapes' }).parse(CLASS_SHAPES) }];
  /** 30 datasets: every fifth without a title, every seventh published by something that is no agent, every third in a language of no list. */
  const quads = () => {
    const lines = ['<http://example.org/org> a foaf:Agent .', '<http://example.org/thing> a dcat:Resource .', '<http://example.org/en> <http://www.w3.org/2004/02/skos/core#inScheme> <http://example.org/languages> .'];
    for (let i = 0; i < 30; i += 1) {
      lines.push(`<http://example.org/d${i}> a dcat:Dataset ; dct:publisher <http://example.org/${i % 7 === 0 ? 'thing' : 'org'}> ; dct:language <http://example.org/${i % 3 === 0 ? 'xx' : 'en'}> ${i % 5 === 0 ? '' : `; dct:title "T${i}"`} .`);
    }
    return sortQuads(new Parser().parse(`@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .\n${lines.join('\n')}`));
  };

  it('gives the results of validating the whole graph at once, the class of a node in another window taken from the index', async () => {
    const all = quads();
    const whole = await validateGraph(new Store(all), shapes);
    expect(whole.violations.length).toBe(6 + 5 + 10);
    const types = new TypeIndex();
    types.add(all);
    // The language terms are the vocabulary every window sees whole.
    const context = all.filter((quad) => quad.subject.value === 'http://example.org/en');
    for (const size of [1, 4, 50]) {
      const validator = new WindowValidator(shapes, types, context);
      const results: ShapeResult[] = [];
      for (let start = 0; start < all.length; ) {
        let end = Math.min(start + size, all.length);
        while (end < all.length && all[end]!.subject.equals(all[end - 1]!.subject)) end += 1;
        results.push(...(await validator.validate(all.slice(start, end))));
        start = end;
      }
      expect(collectResults(results)).toEqual(whole);
    }
  });

  it('refuses shapes that name their focus nodes other than by class or subject, which need the whole graph', () => {
    const byNode = [{ source: 'node target', quads: new Parser({ baseIRI: 'http://example.org/shapes' }).parse(`
      @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dct: <http://purl.org/dc/terms/> .
      <#One> a sh:NodeShape ; sh:targetNode <http://example.org/d1> ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .`) }];
    expect(() => new WindowValidator(byNode, new TypeIndex(), [])).toThrow(/node target: .*targetNode> need the whole graph/);
  });
});
