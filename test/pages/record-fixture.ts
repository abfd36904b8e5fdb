import { Parser, Store } from 'n3';
import type { RecordPageName } from '../../src/kinds/kind.js';
import type { AlternateLink } from '../../src/pages/html-page.js';
import { renderRecordPage, type RecordPageExtras } from '../../src/pages/record-page.js';
import type { ResourcePage } from '../../src/pages/resource-page.js';
import { uiTextFor } from '../../src/pages/ui-text.js';
import { describeResource, labelsOf } from '../../src/store/describe-resource.js';
import { recordView } from '../../src/store/record-view.js';
import { SITE } from './page-fixture.js';

// A small graph for the record pages, under the test site's base: a living
// guide whose first author sorts last by name, its v1.0 (a link with no
// platform), a report with a date, a publisher, a DOI and a PDF, a webinar on
// Vimeo, the project they come from, its grant, people and organisations.

const PREFIXES = `
@prefix out: <${SITE.base}id/output/> .
@prefix person: <${SITE.base}id/person/> .
@prefix org: <${SITE.base}id/organisation/> .
@prefix project: <${SITE.base}id/project/> .
@prefix grant: <${SITE.base}id/funding/> .
@prefix role: <${SITE.base}id/role/> .
@prefix kind: <${SITE.base}id/kind/> .
@prefix doc: <${SITE.base}id/document/> .
@prefix oscg: <${SITE.base}vocab/ontology#> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcmitype: <http://purl.org/dc/dcmitype/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

/** The record pages' graph, in Turtle. */
export const RECORD_TURTLE = `${PREFIXES}
kind:guide skos:prefLabel "Guide"@en .
kind:report skos:prefLabel "Report"@en .
kind:webinar skos:prefLabel "Webinar recording"@en .
role:author skos:prefLabel "Author"@en .
role:expert-advisor skos:prefLabel "Expert advisor"@en .
role:research-assistant skos:prefLabel "Graduate research assistant"@en .
role:project-lead skos:prefLabel "Project lead"@en .
role:funder skos:prefLabel "Funder"@en .

person:zoe a foaf:Person ; foaf:name "Zoë Zed" ; schema:name "Zoë Zed" ; schema:affiliation org:uni .
person:adam a foaf:Person ; foaf:name "Adam Alpha" ; schema:name "Adam Alpha" .
person:mia a foaf:Person ; foaf:name "Mia Middle" ; schema:name "Mia Middle" ;
  schema:honorificPrefix "Professor"@en ; schema:jobTitle "Researcher"@en, "Chercheuse"@fr ;
  schema:affiliation org:uni, org:lab .
org:uni a foaf:Organization ; foaf:name "Uni"@en, "Université"@fr ; schema:alternateName "U"@en ;
  foaf:member person:zoe, person:mia ; schema:subOrganization org:lab .
org:lab a foaf:Organization ; foaf:name "Lab"@en ; schema:parentOrganization org:uni ; dct:description "A lab of the Uni."@en .
org:fund a foaf:Organization ; foaf:name "Fund"@en .

out:guide a dcat:Dataset, schema:CreativeWork, schema:DigitalDocument, oscg:LivingDocument ;
  dct:title "The Guide"@en, "Le guide"@fr ; schema:name "The Guide"@en, "Le guide"@fr ;
  dct:description "What the guide is."@en ;
  oscg:outputKind kind:guide ; dct:type dcmitype:Text ;
  bibo:authorList <${SITE.base}id/output/guide#authors> ; dct:creator person:zoe, person:adam ;
  schema:inLanguage "en" ;
  dcat:distribution <${SITE.base}id/output/guide#distribution-docs> ;
  schema:url <https://docs.example.org/guide> ; dcat:landingPage <https://docs.example.org/guide> ;
  dcat:hasVersion out:guide-v1 ; dct:isPartOf project:p ; schema:funder org:fund ;
  dcat:keyword "cities"@en, "villes"@fr ;
  prov:qualifiedAttribution <${SITE.base}id/output/guide#a-zoe>, <${SITE.base}id/output/guide#a-adam>,
    <${SITE.base}id/output/guide#a-mia>, <${SITE.base}id/output/guide#a-adam-ra>, <${SITE.base}id/output/guide#a-fund> .
<${SITE.base}id/output/guide#authors> a rdf:Seq ; rdf:_1 person:zoe ; rdf:_2 person:adam .
<${SITE.base}id/output/guide#distribution-docs> a dcat:Distribution ; dcat:accessURL <https://docs.example.org/guide> ;
  dct:title "The Guide (Example Docs)"@en ; oscg:platform "Example Docs" .
<${SITE.base}id/output/guide#a-zoe> a prov:Attribution ; prov:agent person:zoe ; dcat:hadRole role:author .
<${SITE.base}id/output/guide#a-adam> a prov:Attribution ; prov:agent person:adam ; dcat:hadRole role:author .
<${SITE.base}id/output/guide#a-mia> a prov:Attribution ; prov:agent person:mia ; dcat:hadRole role:expert-advisor .
<${SITE.base}id/output/guide#a-adam-ra> a prov:Attribution ; prov:agent person:adam ; dcat:hadRole role:research-assistant .
<${SITE.base}id/output/guide#a-fund> a prov:Attribution ; prov:agent org:fund ; dcat:hadRole role:funder .

out:guide-v1 a dcat:Dataset, schema:CreativeWork, schema:DigitalDocument ;
  dct:title "The Guide v1.0"@en ; dct:description "Version 1.0 of the guide."@en ;
  oscg:outputKind kind:guide ; dct:type dcmitype:Text ; dcat:version "1.0" ; dcat:isVersionOf out:guide ;
  dcat:distribution <${SITE.base}id/output/guide-v1#distribution-link-1> ; schema:url <https://files.example.net/v1> .
<${SITE.base}id/output/guide-v1#distribution-link-1> a dcat:Distribution ; dcat:accessURL <https://files.example.net/v1> .

out:report a dcat:Dataset, schema:CreativeWork, schema:Report ;
  dct:title "The Report"@en ; dct:description "What the report found."@en ;
  oscg:outputKind kind:report ; dct:type dcmitype:Text ;
  bibo:authorList <${SITE.base}id/output/report#authors> ; dct:creator person:mia ;
  dct:issued "2018-05"^^xsd:gYearMonth ; dct:publisher org:uni ; bibo:doi "10.5555/report.1" ;
  dct:license <https://creativecommons.org/licenses/by/4.0/> ; dct:isPartOf project:p ;
  prov:qualifiedAttribution <${SITE.base}id/output/report#a-mia> ;
  dcat:distribution <${SITE.base}id/output/report#distribution-archive>, <${SITE.base}id/output/report#distribution-web> ;
  schema:url <https://archive.example.org/report.pdf> .
<${SITE.base}id/output/report#authors> a rdf:Seq ; rdf:_1 person:mia .
<${SITE.base}id/output/report#a-mia> a prov:Attribution ; prov:agent person:mia ; dcat:hadRole role:author .
<${SITE.base}id/output/report#distribution-archive> a dcat:Distribution ; dcat:accessURL <https://archive.example.org/report.pdf> ;
  dct:format <http://publications.europa.eu/resource/authority/file-type/PDF> ; oscg:platform "Example Archive" .
<${SITE.base}id/output/report#distribution-web> a dcat:Distribution ; dcat:accessURL <https://web.example.org/report> ;
  dct:format <http://publications.europa.eu/resource/authority/file-type/HTML> ; oscg:platform "Example Web" .

out:webinar a dcat:Dataset, schema:CreativeWork, schema:VideoObject ;
  dct:title "The Webinar"@en ; dct:description "A recorded webinar."@en ;
  oscg:outputKind kind:webinar ; dct:type dcmitype:MovingImage ; dct:isPartOf project:p ;
  dcat:distribution <${SITE.base}id/output/webinar#distribution-vimeo> ; schema:url <https://vimeo.example/1> .
<${SITE.base}id/output/webinar#distribution-vimeo> a dcat:Distribution ; dcat:accessURL <https://vimeo.example/1> ; oscg:platform "Vimeo" .

project:p a foaf:Project, schema:ResearchProject ; dct:title "The Project"@en ; dct:description "A project."@en ;
  dct:hasPart out:guide, out:report, out:webinar ; schema:funding grant:g ; schema:funder org:fund ;
  rdfs:seeAlso doc:page ;
  prov:qualifiedAssociation <${SITE.base}id/project/p#lead>, <${SITE.base}id/project/p#mia>, <${SITE.base}id/project/p#fund> .
<${SITE.base}id/project/p#lead> a prov:Association ; prov:agent org:uni ; prov:hadRole role:project-lead .
<${SITE.base}id/project/p#mia> a prov:Association ; prov:agent person:mia ; prov:hadRole role:expert-advisor .
<${SITE.base}id/project/p#fund> a prov:Association ; prov:agent org:fund ; prov:hadRole role:funder .
grant:g a schema:Grant ; schema:funder org:fund ; schema:fundedItem project:p ; dct:date "2018"^^xsd:gYear ;
  dct:description "A grant for the project."@en .
doc:page a foaf:Document ; dct:title "A page about the project"@en .
`;

/** The graph of RECORD_TURTLE, or of other Turtle with the same prefixes. */
export function recordStore(turtle: string = RECORD_TURTLE): Store {
  const source = turtle === RECORD_TURTLE ? turtle : `${PREFIXES}${turtle}`;
  return new Store(new Parser({ baseIRI: SITE.base }).parse(source));
}

const PAGE_PREFIXES = {
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  schema: 'http://schema.org/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  prov: 'http://www.w3.org/ns/prov#',
  bibo: 'http://purl.org/ontology/bibo/',
  oscg: `${SITE.base}vocab/ontology#`,
};

/** The iri of a thing of the fixture, e.g. `id('output', 'guide')`. */
export function id(segment: string, slug: string): string {
  return SITE.resource(segment, slug).value;
}

/** What the route would give the page of `iri`, in English or French. */
export function pageOf(store: Store, iri: string, lang: 'en' | 'fr'): ResourcePage {
  const description = describeResource(store, iri)!;
  const languages = lang === 'fr' ? ['fr', 'en'] : ['en'];
  const data: AlternateLink[] = [
    { href: SITE.documentOf(iri, 'ttl')!, type: 'text/turtle', title: 'Turtle' },
    { href: SITE.documentOf(iri, 'jsonld')!, type: 'application/ld+json', title: 'JSON-LD' },
  ];
  return {
    iri,
    own: description.own,
    referencedBy: [],
    labels: (node) => labelsOf(store, node),
    languages,
    prefixes: PAGE_PREFIXES,
    lang,
    text: uiTextFor(languages).text,
    baseUrl: SITE.base,
    site: SITE,
    // A citation format among the alternates, as the representation table will offer: in the head, not under "Get the data".
    alternates: [...data, { href: SITE.documentOf(iri, 'bib')!, type: 'application/x-bibtex', title: 'BibTeX' }],
    dataFormats: data,
    pageUrl: SITE.documentOf(iri),
  };
}

/** The record page of `iri`, of the kind `name`, rendered as the route renders it. */
export function renderRecord(name: RecordPageName, iri: string, lang: 'en' | 'fr' = 'en', extras: RecordPageExtras = {}, store: Store = recordStore()): string {
  return renderRecordPage(pageOf(store, iri, lang), recordView(name, store, SITE, iri), extras);
}
