import { DataFactory, Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { membersInOrder, sequenceMembers } from '../../src/store/record-facts.js';
import { recordView } from '../../src/store/record-view.js';
import type { OutputView } from '../../src/store/output-view.js';
import type { AgentView } from '../../src/store/agent-view.js';

// What the record views read from a graph written out here by hand: the
// authors' order, which link is primary, which is a PDF, and who is credited
// in which role. Values are in IRI order, whatever order the store holds.

const SITE = new IriScheme('http://example.org/');
const PREFIXES = `
@prefix ex: <http://example.org/id/output/> .
@prefix p: <http://example.org/id/person/> .
@prefix role: <http://example.org/id/role/> .
@prefix oscg: <http://example.org/vocab/ontology#> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <http://schema.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
`;

const storeOf = (turtle: string) => new Store(new Parser({ baseIRI: SITE.base }).parse(`${PREFIXES}${turtle}`));
const output = (turtle: string, slug = 'x') => recordView('output', storeOf(turtle), SITE, `${SITE.base}id/output/${slug}`) as OutputView;
const values = (nodes: readonly { value: string }[]) => nodes.map((node) => node.value.replace(SITE.base, ''));

describe('an output’s view', () => {
  it('keeps the authors in the order of the bibo:authorList sequence, and falls back to dct:creator in IRI order without one', () => {
    const listed = output(`ex:x bibo:authorList <http://example.org/id/output/x#authors> ; dct:creator p:amy, p:mo, p:zed .
      <http://example.org/id/output/x#authors> a rdf:Seq ; rdf:_3 p:mo ; rdf:_1 p:zed ; rdf:_2 p:amy .
      p:zed schema:affiliation <http://example.org/id/organisation/u> .`);
    expect(values(listed.authors.map((author) => author.agent))).toEqual(['id/person/zed', 'id/person/amy', 'id/person/mo']);
    expect(values(listed.authors[0]!.affiliations)).toEqual(['id/organisation/u']);
    const unlisted = output(`ex:x dct:creator p:zed, p:amy .`);
    expect(values(unlisted.authors.map((author) => author.agent))).toEqual(['id/person/amy', 'id/person/zed']);
  });

  it('orders a sequence by its members’ numbers, not their text, and ignores its other statements', () => {
    const store = storeOf(`ex:x bibo:authorList ex:seq . ex:seq a rdf:Seq ; rdf:_10 p:ten ; rdf:_9 p:nine ; rdf:_1 p:one ; rdfs:label "not a member" .`);
    expect(values(sequenceMembers(store, `${SITE.base}id/output/x`, DataFactory.namedNode('http://purl.org/ontology/bibo/authorList')) as never)).toEqual(['id/person/one', 'id/person/nine', 'id/person/ten']);
    expect(membersInOrder([])).toEqual([]);
    expect(sequenceMembers(store, `${SITE.base}id/output/none`, DataFactory.namedNode('http://purl.org/ontology/bibo/authorList'))).toEqual([]);
  });

  it('puts the schema:url link first, names its platform, and knows a PDF by its format or media type', () => {
    const view = output(`
      ex:x schema:url <https://z.example/main> ; dcat:distribution <http://example.org/id/output/x#a>, <http://example.org/id/output/x#b>, <http://example.org/id/output/x#c> .
      <http://example.org/id/output/x#a> dcat:accessURL <https://a.example/other> ; dcat:mediaType <https://www.iana.org/assignments/media-types/application/pdf> .
      <http://example.org/id/output/x#b> dcat:accessURL <https://z.example/main> ; oscg:platform "Zed Docs" .
      <http://example.org/id/output/x#c> dcat:accessURL <https://c.example/page> ; dcat:downloadURL <https://c.example/file.pdf> ; dct:format <http://publications.europa.eu/resource/authority/file-type/PDF> .`);
    expect(view.links.map((link) => [link.url, link.platform, link.isPdf])).toEqual([
      ['https://z.example/main', 'Zed Docs', false],
      ['https://a.example/other', undefined, true],
      ['https://c.example/file.pdf', undefined, true],
    ]);
  });

  it('groups everyone credited by role, leaving out the authors and funders, whom the page shows on their own', () => {
    const view = output(`
      ex:x prov:qualifiedAttribution <http://example.org/id/output/x#1>, <http://example.org/id/output/x#2>, <http://example.org/id/output/x#3>, <http://example.org/id/output/x#4> .
      <http://example.org/id/output/x#1> prov:agent p:amy ; dcat:hadRole role:author .
      <http://example.org/id/output/x#2> prov:agent p:zed ; dcat:hadRole role:advisor .
      <http://example.org/id/output/x#3> prov:agent p:amy ; dcat:hadRole role:advisor .
      <http://example.org/id/output/x#4> prov:agent <http://example.org/id/organisation/f> ; dcat:hadRole role:funder .`);
    expect(view.contributors.map((group) => [group.role.value.replace(SITE.base, ''), values(group.agents.map((agent) => agent.agent))])).toEqual([
      ['id/role/advisor', ['id/person/amy', 'id/person/zed']],
    ]);
  });

  it('reads versions both ways, with their version names', () => {
    const living = output(`ex:x dcat:hasVersion ex:v1, ex:v2 . ex:v1 dcat:version "1.0" .`);
    expect(living.versions.map((version) => [version.output.value.replace(SITE.base, ''), version.version?.value])).toEqual([
      ['id/output/v1', '1.0'],
      ['id/output/v2', undefined],
    ]);
    expect(values(output(`ex:v1 dcat:isVersionOf ex:x .`, 'v1').versionOf)).toEqual(['id/output/x']);
  });
});

describe('a person’s view', () => {
  it('gathers their works by role, each work once per role', () => {
    const store = storeOf(`
      ex:a prov:qualifiedAttribution <http://example.org/id/output/a#1>, <http://example.org/id/output/a#2> .
      <http://example.org/id/output/a#1> prov:agent p:amy ; dcat:hadRole role:author .
      <http://example.org/id/output/a#2> prov:agent p:amy ; dcat:hadRole role:advisor .
      ex:b prov:qualifiedAttribution <http://example.org/id/output/b#1> .
      <http://example.org/id/output/b#1> prov:agent p:amy ; dcat:hadRole role:advisor .
      <http://example.org/id/project/p> prov:qualifiedAssociation <http://example.org/id/project/p#1> ; a <http://xmlns.com/foaf/0.1/Project> .
      <http://example.org/id/project/p#1> prov:agent p:amy ; prov:hadRole role:advisor .
      ex:a oscg:outputKind <http://example.org/id/kind/guide> .`);
    const view = recordView('person', store, SITE, `${SITE.base}id/person/amy`) as AgentView;
    expect(view.works.map((group) => [group.role.value.replace(SITE.base, ''), group.works.map((work) => [work.work.value.replace(SITE.base, ''), work.kind?.value.replace(SITE.base, ''), work.project])])).toEqual([
      ['id/role/advisor', [['id/output/a', 'id/kind/guide', undefined], ['id/output/b', undefined, undefined], ['id/project/p', undefined, true]]],
      ['id/role/author', [['id/output/a', 'id/kind/guide', undefined]]],
    ]);
  });
});
