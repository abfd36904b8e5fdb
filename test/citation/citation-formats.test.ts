import { describe, expect, it } from 'vitest';
import type { CslItem } from '../../src/citation/citation-item.js';
import { bibtex, CITATION_FILE_FORMATS, cslJson, formattedCitation, ris } from '../../src/citation/citation-formats.js';
import { citationDownloads, formattedCitationUrl } from '../../src/citation/citation-links.js';
import { CITATION_LOCALES, CITATION_STYLES, CitationOptionError, citationLocale, citationStyle } from '../../src/citation/citation-options.js';
import { IriScheme } from '../../src/graph/iri-scheme.js';

const BASE = 'http://localhost:3000/';
const URL = `${BASE}id/output/test-report`;

/** A report as the graph gives it today: no date, no DOI. */
const UNDATED: CslItem = {
  id: URL,
  type: 'report',
  'citation-key': 'test_report',
  title: 'Test Report',
  author: [{ literal: 'Test Organisation' }, { family: 'Exámple', given: 'Ada' }, { family: 'Zed', given: 'Zoé' }],
  publisher: 'Test Organisation',
  URL,
};

/** The same report once a maintainer fills in its date and DOI. */
const DATED: CslItem = { ...UNDATED, issued: { 'date-parts': [[2018]] }, DOI: '10.5555/example.1' };

describe('formatted citations', () => {
  it('in APA, an output with no issued date is "n.d." and no year appears', () => {
    const text = formattedCitation(UNDATED, 'apa', 'en-US');
    expect(text).toContain('(n.d.)');
    expect(text).not.toMatch(/\b(19|20)\d\d\b/);
    expect(text).toMatch(/^Test Organisation, Exámple, A\., & Zed, Z\. \(n\.d\.\)\. Test Report\./);
  });

  it('with an issued date and a DOI, every style shows them', () => {
    for (const style of CITATION_STYLES) {
      const text = formattedCitation(DATED, style.id, 'en-US');
      expect(text, style.id).toContain('2018');
      expect(text, style.id).toContain('10.5555/example.1');
    }
  });

  it.each([
    // The French locale writes "s. d." with a no-break space.
    ['apa', 'fr-CA', '(s.\u00a0d.)'],
    ['apa', 'fr-FR', '(s.\u00a0d.)'],
    ['apa', 'en-CA', '(n.d.)'],
    ['harvard-cite-them-right', 'en-US', '(no date)'],
    ['harvard-cite-them-right', 'fr-CA', '(sans date)'],
    ['vancouver', 'fr-FR', 'Disponible sur'],
    ['vancouver', 'en-US', 'Available from'],
  ])('%s in %s says %s', (style, locale, words) => {
    expect(formattedCitation(UNDATED, style, locale)).toContain(words);
  });

  it('in HTML: one csl-entry, the title in italics, the data escaped', () => {
    const html = formattedCitation({ ...UNDATED, title: 'Cities <script>alert(1)</script> & data' }, 'apa', 'en-US', 'html');
    expect(html).toMatch(/^<div[^>]* class="csl-entry">.*<\/div>$/s);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toMatch(/<i>Cities .*<\/i>/);
  });

  it('refuses a style or locale not on offer, naming those that are', () => {
    expect(() => formattedCitation(UNDATED, 'chicago-author-date', 'en-US')).toThrow(CitationOptionError);
    expect(() => formattedCitation(UNDATED, 'chicago-author-date', 'en-US')).toThrow('Use one of: apa, harvard-cite-them-right, vancouver.');
    expect(() => formattedCitation(UNDATED, 'apa', 'de-DE')).toThrow('Use one of: en-US, en-CA, fr-FR, fr-CA.');
    expect(() => formattedCitation(UNDATED, 'apa', 'not a tag')).toThrow(CitationOptionError);
  });
});

describe('styles and locales on offer', () => {
  it.each([
    ['APA', 'apa'],
    ['harvard1', 'harvard-cite-them-right'],
    [' Vancouver ', 'vancouver'],
  ])('style %j is %s', (name, id) => {
    expect(citationStyle(name).id).toBe(id);
  });

  it.each([
    ['fr-ca', 'fr-CA'],
    ['EN-ca', 'en-CA'],
    ['fr', 'fr-FR'],
    ['en', 'en-US'],
  ])('locale %j is %s', (tag, expected) => {
    expect(citationLocale(tag).tag).toBe(expected);
  });

  it('labels each for a picker', () => {
    expect(CITATION_STYLES.map((style) => style.label)).toEqual(['APA (7th edition)', 'Harvard (Cite Them Right, 12th edition)', 'Vancouver (NLM, Citing Medicine)']);
    expect(CITATION_LOCALES.map((locale) => `${locale.tag} ${locale.label}`)).toEqual(['en-US English (United States)', 'en-CA English (Canada)', 'fr-FR français (France)', 'fr-CA français (Canada)']);
  });
});

describe('citation files', () => {
  it('BibTeX: the entry type by the CSL type, keyed by the citation key, authors in order, organisations braced whole', () => {
    const entry = bibtex(DATED);
    expect(entry).toMatch(/^@techreport\{test_report,\n/);
    expect(entry).toContain('author = {{Test Organisation} and Exámple, Ada and Zed, Zoé},');
    expect(entry).toContain('year = {2018},');
    expect(entry).toContain('doi = {10.5555/example.1},');
    expect(bibtex({ ...UNDATED, type: 'document' })).toMatch(/^@misc\{/);
    expect(bibtex(UNDATED)).not.toMatch(/year|date/);
  });

  it('RIS: the reference type by the CSL type, one AU line per author in order, no cut ID line', () => {
    const record = ris(UNDATED);
    expect(record.split('\n')[0]).toBe('TY  - RPRT');
    expect(record.split('\n').filter((line) => line.startsWith('AU  - '))).toEqual(['AU  - Test Organisation', 'AU  - Exámple, Ada', 'AU  - Zed, Zoé']);
    expect(record).not.toMatch(/^ID {2}- /m);
    expect(record).not.toMatch(/^(PY|DA|Y1) {2}- /m);
    expect(record.trimEnd()).toMatch(/ER {2}-$/);
    expect(ris({ ...UNDATED, type: 'motion_picture' }).split('\n')[0]).toBe('TY  - MPCT');
  });

  it('CSL-JSON: the item itself, one object', () => {
    expect(JSON.parse(cslJson(DATED))).toEqual(DATED);
  });
});

describe('links for a page', () => {
  const site = new IriScheme(BASE);

  it('names the citation files by extension', () => {
    expect(citationDownloads(site, URL)).toEqual(
      CITATION_FILE_FORMATS.map((format) => ({ href: `${BASE}doc/output/test-report.${format.extension}`, type: format.mediaType, label: format.label })),
    );
    expect(citationDownloads(site, URL).map((link) => link.href.slice(link.href.lastIndexOf('/') + 1))).toEqual(['test-report.bib', 'test-report.ris', 'test-report.csl.json']);
  });

  it('names a formatted citation with its style and locale, leaving the defaults out', () => {
    expect(formattedCitationUrl(site, URL)).toBe(`${BASE}doc/output/test-report.txt`);
    expect(formattedCitationUrl(site, URL, 'vancouver', 'fr-ca')).toBe(`${BASE}doc/output/test-report.txt?style=vancouver&locale=fr-CA`);
    expect(() => formattedCitationUrl(site, URL, 'mla')).toThrow(CitationOptionError);
  });
});
