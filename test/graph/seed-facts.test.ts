import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from 'n3';
import { buildTestGraph } from '../support/build-test-graph.js';
import { ask, column, select } from '../support/select.js';

// Every fact of the seed page (../shared/seed), asked of the built graph with
// SPARQL, once per vocabulary a user may know: DCAT, Dublin Core, schema.org.

const PREFIXES = `
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dcmitype: <http://purl.org/dc/dcmitype/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
`;

const GUIDE_LINK = 'https://docs.google.com/document/d/1528rqTjzKWwk4s2xKuPf7ZJg-tLlRK8WcMZQbicoGTM/';
const AUTHORS = ['Jean-Noé Landry', 'Rachel Bloom', 'Tracey P. Lauriault'];
const ADVISORS = ['David Fewer', 'Mark Fox', 'Tracey P. Lauriault'];
const ASSISTANTS = ['Carly Livingstone', 'Stephen Letts'];
const WEBEX_LINK = 'https://gts-ee.webex.com/ec3100/eventcenter/recording/recordAction.do?theAction=poprecord&siteurl=gts-ee&entappname=url3100&internalRecordTicket=4832534b00000004fb51bcdacec732008c933b37c2cad871a02dcae91abb9ea80b957e20aaa23ab6&renewticket=0&isurlact=true&format=short&rnd=2185199093&RCID=72ee3738d6cc4fb1ab87c1f4944be50d&rID=901086&needFilter=false&recordID=901086&apiname=lsr.php&AT=pb&actappname=ec3100&&SP=EC&entactname=%2FnbrRecordingURL.do&actname=%2Feventcenter%2Fframe%2Fg.do';
const OUTPUT_LINKS = [
  'http://osf.io/E4FS8',
  'http://osf.io/QBYZJ',
  'https://cippic.ca/en/Open_Smart_Cities',
  'https://docs.google.com/document/d/13Oz7fdN1fcX29FikKoMn28DUkH738_296bqZmnYKYAs',
  GUIDE_LINK,
  WEBEX_LINK,
  'https://vimeo.com/251386734',
  'https://vimeo.com/265436607',
].sort();

let store: Store;
beforeAll(async () => {
  store = (await buildTestGraph()).store;
});

const rows = (query: string) => select(store, PREFIXES + query);

describe('the guide', () => {
  it('has its title, description, link and cover image', async () => {
    const [guide] = await rows(`SELECT ?title ?description ?url ?image WHERE {
      ?guide dct:title "Open Smart Cities Guide"@en ; dct:title ?title ; dct:description ?description ;
             schema:url ?url ; schema:image/schema:name ?image }`);
    expect(guide).toMatchObject({ title: 'Open Smart Cities Guide', url: GUIDE_LINK, image: 'open-smart-cities-guide.png' });
    expect(guide!.description).toContain('first ever definition for an Open Smart City');
    expect(guide!.description).toContain('starter kit for city stakeholders and decision makers');
  });

  it('is the end result of Open Smart Cities in Canada, a year long research project led by OpenNorth', async () => {
    const found = await rows(`SELECT ?description ?leadName WHERE {
      ?guide schema:name "Open Smart Cities Guide"@en ; prov:wasGeneratedBy ?project ; dct:isPartOf ?project .
      ?project dct:title "Open Smart Cities in Canada"@en ; dct:description ?description ;
               prov:qualifiedAssociation [ prov:agent ?lead ; prov:hadRole ?role ] .
      ?role skos:prefLabel "Project lead"@en . ?lead foaf:name ?leadName }`);
    expect(found).toEqual([{ description: expect.stringContaining('year long collaborative research project led by OpenNorth'), leadName: 'OpenNorth' }]);
  });

  it('gives the first definition of an Open Smart City, for city stakeholders and decision makers', async () => {
    const defined = await rows(`SELECT ?label WHERE { ?guide dct:title "Open Smart Cities Guide"@en ; schema:about ?s . ?s skos:prefLabel ?label ; rdfs:isDefinedBy ?guide }`);
    expect(column(defined, 'label')).toEqual(['Open Smart City']);
    const audiences = await rows(`SELECT ?audience WHERE { ?guide dct:title "Open Smart Cities Guide"@en ; dct:audience/skos:prefLabel ?audience }`);
    expect(column(audiences, 'audience')).toEqual(['City stakeholders', 'Decision makers']);
  });

  it('is a living document, with v1.0 as a version (DCAT 3)', async () => {
    const versions = await rows(`PREFIX oscg: <http://localhost:3000/vocab/ontology#>
      SELECT ?versionTitle ?number WHERE {
        ?guide a oscg:LivingDocument ; dct:title "Open Smart Cities Guide"@en ; dcat:hasVersion ?version .
        ?version dcat:isVersionOf ?guide ; dcat:version ?number ; dct:title ?versionTitle }`);
    expect(versions).toEqual([{ versionTitle: 'Open Smart Cities Guide v1.0', number: '1.0' }]);
  });
});

describe('the outputs', () => {
  it('are the datasets of the DCAT catalogue, each with its link as a distribution', async () => {
    const found = await rows(`SELECT ?title ?url WHERE { ?catalog a dcat:Catalog ; dcat:dataset ?output .
      ?output a dcat:Dataset ; dct:title ?title ; dcat:distribution/dcat:accessURL ?url }`);
    expect(found).toHaveLength(8);
    expect(column(found, 'url')).toEqual(OUTPUT_LINKS);
    expect(column(found, 'title')).toEqual([
      'First Open Smart Cities in Canada Webinar',
      'Open Smart Cities FAQ',
      'Open Smart Cities Guide',
      'Open Smart Cities Guide v1.0',
      'Open Smart Cities in Canada: Assessment Report',
      'Open Smart Cities in Canada: Executive Summary of Environmental Scan and Case Studies',
      'Second Open Smart Cities in Canada Webinar',
      'Third Open Smart Cities in Canada Webinar',
    ]);
  });

  it('are parts of the project in Dublin Core and of the catalogue in schema.org', async () => {
    const dct = await rows(`SELECT ?output WHERE { ?project dct:title "Open Smart Cities in Canada"@en ; dct:hasPart ?output . ?output dct:isPartOf ?project }`);
    const schema = await rows(`SELECT ?output WHERE { ?catalog a schema:DataCatalog ; schema:hasPart ?output . ?output schema:isPartOf ?catalog }`);
    expect(dct).toHaveLength(8);
    expect(column(schema, 'output')).toEqual(column(dct, 'output'));
  });

  it('each have their kind: DCMI type and schema.org type', async () => {
    const kinds = await rows(`SELECT ?url ?dcmi ?schemaType WHERE {
      ?output dct:type ?dcmi ; schema:url ?url ; a ?schemaType .
      FILTER(STRSTARTS(STR(?schemaType), "http://schema.org/") && ?schemaType != schema:CreativeWork) }`);
    const byUrl = (prefix: string) => kinds.filter((row) => row.url!.startsWith(prefix)).map((row) => [row.dcmi, row.schemaType]);
    expect(byUrl('http://osf.io/')).toEqual(Array(2).fill(['http://purl.org/dc/dcmitype/Text', 'http://schema.org/Report']));
    expect(byUrl('https://vimeo.com/')).toEqual(Array(2).fill(['http://purl.org/dc/dcmitype/MovingImage', 'http://schema.org/VideoObject']));
    expect(byUrl('https://gts-ee.webex.com/')).toEqual([['http://purl.org/dc/dcmitype/MovingImage', 'http://schema.org/VideoObject']]);
    expect(byUrl('https://cippic.ca/')).toEqual([['http://purl.org/dc/dcmitype/Text', 'http://schema.org/FAQPage']]);
    expect(byUrl('https://docs.google.com/')).toEqual(Array(2).fill(['http://purl.org/dc/dcmitype/Text', 'http://schema.org/DigitalDocument']));
  });

  it('name the platform each link goes to', async () => {
    const titles = await rows(`SELECT ?title WHERE { ?output dcat:distribution ?d . ?d dct:title ?title }`);
    const platforms = column(titles, 'title').map((title) => /\(([^)]+)\)$/.exec(title)?.[1]);
    expect(platforms.sort()).toEqual(['CIPPIC', 'Google Docs', 'Google Docs', 'OSF', 'OSF', 'Vimeo', 'Vimeo', 'WebEx']);
  });

  it('name the platform each link goes to as the data gives it, and link their kind with its label', async () => {
    const platforms = await rows(`SELECT ?url ?platform WHERE { ?output dcat:distribution ?d . ?d dcat:accessURL ?url ; <http://localhost:3000/vocab/ontology#platform> ?platform }`);
    expect(platforms.map((row) => row.platform).sort()).toEqual(['CIPPIC', 'Google Docs', 'Google Docs', 'OSF', 'OSF', 'Vimeo', 'Vimeo', 'WebEx']);
    expect(platforms.find((row) => row.url === GUIDE_LINK)?.platform).toBe('Google Docs');
    const kinds = await rows(`SELECT ?url ?kind WHERE { ?output schema:url ?url ; <http://localhost:3000/vocab/ontology#outputKind>/skos:prefLabel ?kind }`);
    expect(kinds).toHaveLength(OUTPUT_LINKS.length);
    expect(kinds.find((row) => row.url === GUIDE_LINK)?.kind).toBe('Guide');
    expect(kinds.filter((row) => row.kind === 'Webinar recording').map((row) => row.url).sort()).toEqual([WEBEX_LINK, 'https://vimeo.com/251386734', 'https://vimeo.com/265436607'].sort());
  });

  it('record the Current Projects Page without a made-up address', async () => {
    const pages = await rows(`SELECT ?page ?url WHERE { ?page dct:title "OpenNorth's Current Projects Page"@en ;
      dct:publisher/foaf:name "OpenNorth"@en . ?project foaf:page ?page . OPTIONAL { ?page schema:url ?url } }`);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.url).toBeUndefined();
  });
});

describe('the people', () => {
  it.each([
    ['DCAT', `SELECT ?name WHERE { ?guide dct:title "Open Smart Cities Guide"@en ; prov:qualifiedAttribution [ prov:agent ?a ; dcat:hadRole/skos:prefLabel "Author"@en ] . ?a foaf:name ?name }`],
    ['Dublin Core', `SELECT ?name WHERE { ?guide dct:title "Open Smart Cities Guide"@en ; dct:creator ?a . ?a foaf:name ?name }`],
    ['schema.org', `SELECT ?name WHERE { ?guide schema:name "Open Smart Cities Guide"@en ; schema:author ?a . ?a schema:name ?name }`],
  ])('the three authors of the guide are found with %s', async (_vocabulary, query) => {
    expect(column(await rows(query), 'name')).toEqual(AUTHORS);
  });

  it.each([
    ['Expert advisor', ADVISORS],
    ['Graduate research assistant', ASSISTANTS],
  ])('the project credits its %s role holders, also on each output', async (role, names) => {
    const onProject = await rows(`SELECT DISTINCT ?name WHERE { ?p a foaf:Project ; prov:qualifiedAssociation [ prov:agent/foaf:name ?name ; prov:hadRole/skos:prefLabel "${role}"@en ] }`);
    const onGuide = await rows(`SELECT DISTINCT ?name WHERE { ?g dct:title "Open Smart Cities Guide"@en ; prov:qualifiedAttribution [ prov:agent/foaf:name ?name ; dcat:hadRole/skos:prefLabel "${role}"@en ] ; dct:contributor ?agent . ?agent foaf:name ?name }`);
    expect(column(onProject, 'name')).toEqual(names);
    expect(column(onGuide, 'name')).toEqual(names);
  });

  it('Tracey P. Lauriault is both an author and an expert advisor', async () => {
    const roles = await rows(`SELECT DISTINCT ?role WHERE { ?g dct:title "Open Smart Cities Guide"@en ; prov:qualifiedAttribution [ prov:agent/foaf:name "Tracey P. Lauriault" ; dcat:hadRole/skos:prefLabel ?role ] }`);
    expect(column(roles, 'role')).toEqual(['Author', 'Expert advisor']);
  });

  it('have their affiliations and honorifics', async () => {
    const found = await rows(`SELECT ?name ?org WHERE { ?p a foaf:Person ; foaf:name ?name ; schema:affiliation/foaf:name ?org }`);
    expect(found.map((row) => `${row.name} (${row.org})`).sort()).toEqual([
      'Carly Livingstone (Carleton University)',
      'David Fewer (Canadian Internet Policy and Public Interest Clinic)',
      'Jean-Noé Landry (OpenNorth)',
      'Mark Fox (University of Toronto)',
      'Rachel Bloom (OpenNorth)',
      'Stephen Letts (Carleton University)',
      'Tracey P. Lauriault (Carleton University)',
    ]);
    const titles = await rows(`SELECT ?name ?title WHERE { ?p foaf:name ?name . { ?p schema:honorificPrefix ?title } UNION { ?p schema:honorificSuffix ?title } UNION { ?p schema:jobTitle ?title } }`);
    expect(titles.map((row) => `${row.name}: ${row.title}`).sort()).toEqual([
      'Carly Livingstone: Graduate student',
      'David Fewer: LL.M.',
      'Mark Fox: Professor',
      'Stephen Letts: Graduate student',
      'Tracey P. Lauriault: Professor',
    ]);
  });

  it('carry no guessed e-mail, homepage or identifier', async () => {
    expect(await ask(store, `${PREFIXES} ASK { ?p a foaf:Person . { ?p foaf:mbox ?x } UNION { ?p foaf:homepage ?x } UNION { ?p dct:identifier ?x } UNION { ?p schema:email ?x } }`)).toBe(false);
  });
});

describe('the organisations', () => {
  it('include everyone thanked for sharing time, expertise and experiences', async () => {
    const thanked = await rows(`SELECT ?name WHERE { ?p a foaf:Project ; prov:qualifiedAssociation [ prov:agent/foaf:name ?name ; prov:hadRole/skos:prefLabel "Acknowledged contributor"@en ] }`);
    expect(column(thanked, 'name')).toEqual([
      'City of Edmonton', 'City of Guelph', 'City of Montréal', 'City of Ottawa',
      'Province of British Columbia', 'Province of Ontario',
    ]);
  });

  it('are all described as FOAF and schema.org organisations', async () => {
    const names = await rows(`SELECT ?name WHERE { ?o a foaf:Organization, schema:Organization ; foaf:name ?name ; schema:name ?name }`);
    expect(names).toHaveLength(12);
    expect(column(names, 'name')).toEqual(expect.arrayContaining(['OpenNorth', 'Carleton University', 'University of Toronto', 'Natural Resources Canada', 'GeoConnections']));
  });
});

describe('the funding', () => {
  it('is from Natural Resources Canada\'s GeoConnections program, in 2018', async () => {
    const grant = await rows(`SELECT ?year ?program ?department WHERE { ?grant a schema:Grant ; dct:date ?year ; schema:funder ?f ;
      schema:fundedItem/dct:title "Open Smart Cities in Canada"@en . ?f a schema:FundingScheme ; schema:name ?program ;
      schema:parentOrganization/schema:name ?department }`);
    expect(grant).toEqual([{ year: '2018', program: 'GeoConnections', department: 'Natural Resources Canada' }]);
  });

  it.each([
    ['DCAT', `SELECT ?name WHERE { ?guide dct:title "Open Smart Cities Guide"@en ; prov:qualifiedAttribution [ prov:agent/foaf:name ?name ; dcat:hadRole/skos:prefLabel "Funder"@en ] }`],
    ['schema.org', `SELECT ?name WHERE { ?guide schema:name "Open Smart Cities Guide"@en ; schema:funder/schema:name ?name }`],
    ['FOAF', `SELECT ?name WHERE { ?project foaf:name "Open Smart Cities in Canada"@en ; foaf:fundedBy/foaf:name ?name }`],
  ])('the guide\'s funders are found with %s', async (_vocabulary, query) => {
    expect(column(await rows(query), 'name')).toEqual(['GeoConnections', 'Natural Resources Canada']);
  });
});

describe('what the seed does not say', () => {
  it.each([
    ['licence', 'dct:license'],
    ['issue date', 'dct:issued'],
    ['identifier', 'dct:identifier'],
    ['rights', 'dct:rights'],
  ])('no %s is invented', async (_what, property) => {
    expect(await ask(store, `${PREFIXES} ASK { ?s ${property} ?o }`)).toBe(false);
  });

  it('no French text is invented', async () => {
    expect(await ask(store, `${PREFIXES} ASK { ?s ?p ?o FILTER(LANGMATCHES(LANG(?o), "fr")) }`)).toBe(false);
  });
});
