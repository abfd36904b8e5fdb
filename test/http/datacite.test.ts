import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { asText } from './linked-data-fixture.js';
import { harvestApp, harvestRepository } from '../support/harvest-repository.js';

const DATACITE = 'application/vnd.datacite.datacite+xml';
const BASE = 'http://data.example.org/osc/';

/** Why the guide has no DataCite record, as every refusal says it. */
const GUIDE_REFUSAL = "DataCite requires identifier (a DOI), publisher and publicationYear, which this output's data does not give: fill in its doi, publisher and issued in data/outputs.yaml.";

let app: Express;

beforeAll(async () => {
  app = harvestApp(await (await harvestRepository()).build());
});

const fetch = (path: string, accept: string | undefined) => {
  const call = request(app).get(`/osc${path}`).buffer(true).parse(asText);
  return accept === undefined ? call : call.set('Accept', accept);
};

/**
 * [path, Accept (undefined: none), status, the Location of a 303 or the
 * Content-Type of a 200, words the problem's detail must hold]. test-report
 * and test-webinar have what DataCite requires; the guide lacks a DOI, a
 * publisher and an issue date; a person is no output.
 */
const CASES: readonly [string, string | undefined, number, string?, string?][] = [
  ['/id/output/test-report', DATACITE, 303, 'doc/output/test-report.datacite'],
  ['/id/output/test-webinar', DATACITE, 303, 'doc/output/test-webinar.datacite'],
  ['/id/output/test-report', `${DATACITE};q=0.5, text/turtle`, 303, 'doc/output/test-report.ttl'],
  ['/id/output/test-report', '*/*', 303, 'doc/output/test-report.html'],
  ['/id/output/test-report?format=datacite', 'text/html', 303, 'doc/output/test-report.datacite'],
  ['/doc/output/test-report', DATACITE, 200, `${DATACITE}; charset=utf-8`],
  ['/doc/output/test-report.datacite', 'text/html', 200, `${DATACITE}; charset=utf-8`],
  ['/doc/output/test-report?format=datacite', undefined, 200, `${DATACITE}; charset=utf-8`],
  ['/id/output/test-guide', DATACITE, 406, undefined, GUIDE_REFUSAL],
  ['/doc/output/test-guide', DATACITE, 406, undefined, GUIDE_REFUSAL],
  ['/doc/output/test-guide?format=datacite', undefined, 406, undefined, GUIDE_REFUSAL],
  ['/doc/output/test-guide.datacite', undefined, 404, undefined, GUIDE_REFUSAL],
  ['/id/output/test-guide-v1', DATACITE, 406, undefined, 'identifier (a DOI), creators, publisher and publicationYear'],
  ['/id/output/test-guide', `${DATACITE}, text/turtle;q=0.5`, 303, 'doc/output/test-guide.ttl'],
  ['/id/output/test-guide', '*/*', 303, 'doc/output/test-guide.html'],
  ['/id/person/ada-example', DATACITE, 406, undefined, 'Available: text/html'],
  ['/doc/person/ada-example.datacite', undefined, 404, undefined, 'No document is published'],
  ['/doc/person/ada-example?format=datacite', undefined, 400, undefined, 'Unknown format'],
];

describe('DataCite by content negotiation', () => {
  it.each(CASES)('%s with Accept: %s → %i %s', async (path, accept, status, expected, words) => {
    const response = await fetch(path, accept);
    expect(response.status).toBe(status);
    if (status === 303) expect(response.headers.location).toBe(`${BASE}${expected}`);
    if (status === 200) expect(response.headers['content-type']).toBe(expected);
    if (words) expect(JSON.parse(response.body as string).detail).toContain(words);
  });

  it('only a person or an output whose data lacks fields is refused without naming DataCite\'s needs, and a person never', async () => {
    const person = JSON.parse((await fetch('/id/person/ada-example', DATACITE)).body as string);
    expect(person.detail).not.toContain('DataCite requires');
    expect(person.available).not.toContain(DATACITE);
    const guide = JSON.parse((await fetch('/id/output/test-guide', DATACITE)).body as string);
    expect(guide.reasons).toEqual([GUIDE_REFUSAL]);
    expect(guide.available).not.toContain(DATACITE);
  });

  it('the outputs that have it link it as an alternate; the others do not', async () => {
    expect((await fetch('/doc/output/test-report', 'text/html')).headers.link).toContain(`<${BASE}doc/output/test-report.datacite>; rel=alternate; type="${DATACITE}"`);
    expect((await fetch('/doc/output/test-guide', 'text/html')).headers.link).not.toContain(DATACITE);
  });

  it('the output with every field filled in has the complete record', async () => {
    const response = await fetch('/doc/output/test-report.datacite', undefined);
    expect(response.body).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4.6/metadata.xsd">
  <identifier identifierType="DOI">10.5072/test-report</identifier>
  <creators>
    <creator>
      <creatorName nameType="Personal">Bob Example</creatorName>
    </creator>
    <creator>
      <creatorName nameType="Personal">Ada Exámple</creatorName>
      <affiliation>Test Organisation</affiliation>
    </creator>
  </creators>
  <titles>
    <title xml:lang="en">Test Report</title>
    <title xml:lang="fr">Rapport de test</title>
  </titles>
  <publisher xml:lang="en">Test Organisation</publisher>
  <publicationYear>2019</publicationYear>
  <resourceType resourceTypeGeneral="Report">Report</resourceType>
  <subjects>
    <subject xml:lang="en">report</subject>
    <subject xml:lang="en">testing</subject>
    <subject xml:lang="fr">rapport</subject>
  </subjects>
  <contributors>
    <contributor contributorType="ProjectLeader">
      <contributorName nameType="Organizational" xml:lang="en">Test Organisation</contributorName>
    </contributor>
    <contributor contributorType="Other">
      <contributorName nameType="Personal">Bob Example</contributorName>
    </contributor>
    <contributor contributorType="Researcher">
      <contributorName nameType="Personal">Bob Example</contributorName>
    </contributor>
  </contributors>
  <dates>
    <date dateType="Issued">2019-05</date>
  </dates>
  <language>en</language>
  <alternateIdentifiers>
    <alternateIdentifier alternateIdentifierType="URL">${BASE}id/output/test-report</alternateIdentifier>
  </alternateIdentifiers>
  <relatedIdentifiers>
    <relatedIdentifier relatedIdentifierType="URL" relationType="IsPartOf">${BASE}id/project/test-project</relatedIdentifier>
  </relatedIdentifiers>
  <formats>
    <format>PDF</format>
  </formats>
  <rightsList>
    <rights rightsURI="https://creativecommons.org/licenses/by/4.0/"/>
  </rightsList>
  <descriptions>
    <description descriptionType="Abstract" xml:lang="en">A report for tests.</description>
    <description descriptionType="Abstract" xml:lang="fr">Un rapport pour les tests.</description>
  </descriptions>
  <geoLocations>
    <geoLocation>
      <geoLocationPlace>Canada</geoLocationPlace>
    </geoLocation>
  </geoLocations>
  <fundingReferences>
    <fundingReference>
      <funderName>Test Organisation</funderName>
    </fundingReference>
  </fundingReferences>
</resource>
`);
  });
});
