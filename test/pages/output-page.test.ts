import { describe, expect, it } from 'vitest';
import type { CiteAs } from '../../src/pages/cite-as.js';
import { rawHtml } from '../../src/pages/html-page.js';
import { highwireDate } from '../../src/pages/record-meta.js';
import { parse } from './page-fixture.js';
import { id, recordStore, renderRecord } from './record-fixture.js';

const guide = id('output', 'guide');
const guideV1 = id('output', 'guide-v1');
const report = id('output', 'report');
const webinar = id('output', 'webinar');

/** The page parsed, and the `content` of each head `<meta>` named `name` (or with that `property`), in order. */
function outputPage(iri: string, lang: 'en' | 'fr' = 'en', citeAs?: CiteAs) {
  const $ = parse(renderRecord('output', iri, lang, citeAs ? { citeAs } : {}));
  const meta = (name: string) => $(`head meta[name="${name}"], head meta[property="${name}"]`).toArray().map((element) => $(element).attr('content'));
  return { $, meta };
}

describe('an output’s page, for the people the guide is written for', () => {
  it('says what it is and who wrote it, in the order the source credits them, with their affiliations', () => {
    const { $ } = outputPage(guide);
    expect($('h1').text()).toBe('The Guide');
    expect($('.eyebrow').text()).toBe('Guide · Living document');
    // Zoë is credited first though her name sorts last: the order is the bibo:authorList's.
    expect($('ol.byline > li').toArray().map((item) => $(item).text())).toEqual(['Zoë Zed (Uni)', 'Adam Alpha']);
    expect($('ol.byline a').first().attr('href')).toBe(id('person', 'zoe'));
    expect($('ol.byline .affiliation a').attr('href')).toBe(id('organisation', 'uni'));
  });

  it('comes before everything else with one action, named by the platform and by what one does with it', () => {
    const first = outputPage(guide).$;
    expect(first('main a.primary-action').toArray().map((a) => [a.attribs.href, first(a).text()])).toEqual([['https://docs.example.org/guide', 'Read on Example Docs']]);
    expect(outputPage(webinar).$('a.primary-action').text()).toBe('Watch on Vimeo');
    // No platform in the data: the link's host names it, nothing is made up.
    expect(outputPage(guideV1).$('a.primary-action').text()).toBe('Read on files.example.net');
    expect(outputPage(guide, 'fr').$('a.primary-action').text()).toBe('Lire sur Example Docs');
    expect(outputPage(webinar, 'fr').$('a.primary-action').text()).toBe('Regarder sur Vimeo');
    // The primary link is schema:url's; the others follow it as "also available".
    const { $ } = outputPage(report);
    expect($('a.primary-action').attr('href')).toBe('https://archive.example.org/report.pdf');
    expect($('a.primary-action').text()).toBe('Read on Example Archive');
    expect($('main p:contains("Also available:") a').attr('href')).toBe('https://web.example.org/report');
    // The action is the first link of the content after the byline.
    const links = $('main a').toArray().map((a) => a.attribs.href);
    expect(links.indexOf('https://archive.example.org/report.pdf')).toBe(links.indexOf(id('organisation', 'uni')) + 1);
  });

  it('describes it, with only the facts the graph gives', () => {
    const bare = outputPage(guide).$;
    expect(bare('#about p').first().text()).toBe('What the guide is.');
    expect(bare('#about dt').toArray().map((dt) => bare(dt).text())).toEqual(['Kind']);
    const full = outputPage(report).$;
    expect(full('#about dt').toArray().map((dt) => full(dt).text())).toEqual(['Kind', 'Published', 'Publisher', 'DOI', 'Licence']);
    expect(full('#about a[href="https://doi.org/10.5555/report.1"]').text()).toBe('10.5555/report.1');
    expect(full('#about dd').eq(1).text()).toBe('2018-05');
  });

  it('links the living guide to its v1.0, and v1.0 back to the living guide', () => {
    const living = outputPage(guide).$;
    expect(living('#versions a').attr('href')).toBe(guideV1);
    expect(living('#versions li').text()).toBe('The Guide v1.0 (version 1.0)');
    const release = outputPage(guideV1).$;
    expect(release('#versions p').text()).toBe('A version of: The Guide');
    expect(release('#versions a').attr('href')).toBe(guide);
    expect(release('.eyebrow').text()).toBe('Guide');
    expect(outputPage(webinar).$('#versions').length).toBe(0);
  });

  it('names the project and the funders, and everyone else credited grouped by role, authors and funders not repeated', () => {
    const { $ } = outputPage(guide);
    expect($('#project dd').toArray().map((dd) => $(dd).text())).toEqual(['The Project', 'Fund']);
    const roles = $('#contributors dt').toArray().map((dt) => $(dt).text());
    expect(roles).toEqual(['Expert advisor', 'Graduate research assistant']);
    expect($('#contributors dd').toArray().map((dd) => $(dd).text())).toEqual(['Mia Middle (Lab, Uni)', 'Adam Alpha']);
    expect($('#contributors').text()).not.toContain('Zoë');
    expect($('#contributors').text()).not.toContain('Fund');
  });

  it('lists its keywords in the reader’s language', () => {
    const { $ } = outputPage(guide);
    expect($('#keywords li').toArray().map((li) => $(li).text())).toEqual(['cities']);
    expect(outputPage(guide, 'fr').$('#keywords li').text()).toBe('villes');
  });

  it('offers its data in the RDF formats, and every statement in a collapsed section, each predicate named once', () => {
    const { $ } = outputPage(guide);
    expect($('#data a[type]').toArray().map((a) => a.attribs.type)).toEqual(['text/turtle', 'application/ld+json']);
    expect($('#data').text()).not.toContain('BibTeX');
    expect($('#data a.iri').attr('href')).toBe(guide);
    const details = $('#statements details');
    expect(details.length).toBe(1);
    expect(details.attr('open')).toBeUndefined();
    const named = details.children('dl').children('dt').find('a.curie').toArray().map((a) => $(a).text());
    expect(named.length).toBeGreaterThan(10);
    expect(new Set(named).size).toBe(named.length);
    expect(named).toContain('dct:title');
    expect(named).toContain('schema:name');
    // The authors' list shows as an ordered list of names, not as blank-node labels.
    const authorList = details.children('dl').children('dt').filter((_, dt) => $(dt).text().includes('bibo:authorList')).next('dd');
    expect(authorList.find('ol > li').toArray().map((li) => $(li).text())).toEqual(['Zoë Zed', 'Adam Alpha']);
    // Its parts (the authors' sequence, the distribution and the attributions) are there too, headed below the section.
    expect(details.find('h4').length).toBe(7);
  });

  it('is in French for French readers, marking English data as English and inventing no French', () => {
    const { $ } = outputPage(guide, 'fr');
    expect($('html').attr('lang')).toBe('fr');
    expect($('h1').text()).toBe('Le guide');
    expect($('#about-heading').text()).toBe('Description');
    expect($('#contributors-heading').text()).toBe('Contributions');
    expect($('#data-heading').text()).toBe('Obtenir les données');
    // The kind and the roles have no French label: shown in English, marked as such.
    expect($('.eyebrow [lang="en"]').first().text()).toBe('Guide');
    expect($('.eyebrow').text()).toBe('Guide · Document évolutif');
    expect($('#contributors dt [lang="en"]').first().text()).toBe('Expert advisor');
    expect($('#about p [lang="en"]').text()).toBe('What the guide is.');
  });
});

describe('the tags Google Scholar and Zotero read', () => {
  it('give the title and one citation_author per author, in order', () => {
    const { meta } = outputPage(guide);
    expect(meta('citation_title')).toEqual(['The Guide']);
    expect(meta('citation_author')).toEqual(['Zoë Zed', 'Adam Alpha']);
    expect(meta('DC.creator')).toEqual(['Zoë Zed', 'Adam Alpha']);
    expect(meta('DC.title')).toEqual(['The Guide']);
    expect(meta('DC.identifier')).toEqual([guide]);
    expect(meta('DC.type')).toEqual(['Guide', 'Text']);
    expect(meta('DC.language')).toEqual(['en']);
    expect(meta('citation_language')).toEqual(['en']);
  });

  it('leave out the date, publisher, PDF, DOI and licence the data does not give', () => {
    const { meta } = outputPage(guide);
    for (const name of ['citation_publication_date', 'citation_publisher', 'citation_technical_report_institution', 'citation_pdf_url', 'citation_doi', 'DC.date', 'DC.publisher', 'DCTERMS.license']) {
      expect(meta(name), name).toEqual([]);
    }
  });

  it('give a report’s date in Google Scholar’s form, its institution, its PDF and its DOI when the data has them', () => {
    const { meta } = outputPage(report);
    expect(meta('citation_publication_date')).toEqual(['2018/05']);
    expect(meta('DC.date')).toEqual(['2018-05']);
    expect(meta('citation_technical_report_institution')).toEqual(['Uni']);
    expect(meta('citation_publisher')).toEqual([]);
    expect(meta('citation_pdf_url')).toEqual(['https://archive.example.org/report.pdf']);
    expect(meta('citation_doi')).toEqual(['10.5555/report.1']);
    expect(meta('DC.identifier')).toEqual([report, 'https://doi.org/10.5555/report.1']);
    expect(meta('DC.type')).toEqual(['Report', 'Text']);
    expect(meta('DCTERMS.license')).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
    expect(meta('og:type')).toEqual(['article']);
  });

  it('date forms: a year, a month, a day', () => {
    expect(['2018', '2018-05', '2018-05-21'].map(highwireDate)).toEqual(['2018', '2018/05', '2018/05/21']);
  });

  it('give OpenGraph a title, a type, the page’s address and a description; a recording is a video', () => {
    const { meta } = outputPage(guide);
    expect(meta('og:title')).toEqual(['The Guide']);
    expect(meta('og:type')).toEqual(['article']);
    expect(meta('og:url')).toEqual([`${guide.replace('/id/', '/doc/')}`]);
    expect(meta('og:description')).toEqual(['What the guide is.']);
    expect(outputPage(webinar).meta('og:type')).toEqual(['video.other']);
    expect(outputPage(webinar).meta('DC.type')).toEqual(['Webinar recording', 'MovingImage']);
  });

  it('declare Dublin Core’s namespaces, and link every alternate format in the head, citation formats included', () => {
    const { $ } = outputPage(guide);
    expect($('head link[rel="schema.DC"]').attr('href')).toBe('http://purl.org/dc/elements/1.1/');
    expect($('head link[rel="schema.DCTERMS"]').attr('href')).toBe('http://purl.org/dc/terms/');
    expect($('head link[rel="alternate"][type]').toArray().map((link) => link.attribs.type)).toEqual(['text/turtle', 'application/ld+json', 'application/x-bibtex']);
  });

  it('are in the reader’s language where the data has it, marked when it is not the page’s', () => {
    const french = outputPage(guide, 'fr');
    expect(french.meta('citation_title')).toEqual(['Le guide']);
    expect(french.$('head meta[name="citation_title"]').attr('lang')).toBeUndefined();
    expect(french.$('head meta[name="DC.description"]').attr('lang')).toBe('en');
  });
});

describe('Cite as', () => {
  const citeAs: CiteAs = {
    formatted: 'Zed, Z., & Alpha, A. The Guide <draft>.',
    style: 'apa',
    locale: 'en',
    styles: [
      { key: 'apa', label: 'APA', href: `${guide}?style=apa` },
      { key: 'chicago', label: 'Chicago', href: `${guide}?style=chicago` },
    ],
    locales: [
      { key: 'en', label: 'English', href: `${guide}?style=apa&citation-lang=en` },
      { key: 'fr', label: 'Français', href: `${guide}?style=apa&citation-lang=fr` },
    ],
    downloads: [
      { label: 'BibTeX', href: `${guide.replace('/id/', '/doc/')}.bib`, mediaType: 'application/x-bibtex' },
      { label: 'RIS', href: `${guide.replace('/id/', '/doc/')}.ris`, mediaType: 'application/x-research-info-systems' },
      { label: 'CSL-JSON', href: `${guide.replace('/id/', '/doc/')}.csl.json`, mediaType: 'application/vnd.citationstyles.csl+json' },
    ],
  };

  it('shows the formatted reference, the styles and languages to pick with the current ones marked, and the downloads', () => {
    const { $ } = outputPage(guide, 'en', citeAs);
    const section = $('#cite');
    expect(section.find('h2').text()).toBe('Cite as');
    // Plain text is escaped, never read as markup.
    expect(section.find('.citation').text()).toBe('Zed, Z., & Alpha, A. The Guide <draft>.');
    expect(section.find('.citation draft').length).toBe(0);
    expect(section.find('.citation').attr('lang')).toBeUndefined();
    expect(section.find('#cite-styles + ul a').toArray().map((a) => [$(a).text(), a.attribs.href, a.attribs['aria-current']])).toEqual([
      ['APA', `${guide}?style=apa`, 'true'],
      ['Chicago', `${guide}?style=chicago`, undefined],
    ]);
    expect(section.find('#cite-locales + ul a[aria-current]').text()).toBe('English');
    expect(section.find('a[type]').toArray().map((a) => [$(a).text(), a.attribs.type])).toEqual([
      ['BibTeX', 'application/x-bibtex'],
      ['RIS', 'application/x-research-info-systems'],
      ['CSL-JSON', 'application/vnd.citationstyles.csl+json'],
    ]);
    // It comes before "Get the data".
    expect($('main > section').toArray().map((element) => element.attribs.id).slice(-3)).toEqual(['cite', 'data', 'statements']);
  });

  it('keeps the formatter’s markup, and marks a reference in another language than the page’s', () => {
    const { $ } = outputPage(guide, 'en', { ...citeAs, formatted: rawHtml('Zed, Z. <i>The Guide</i>.'), locale: 'fr' });
    expect($('#cite .citation i').text()).toBe('The Guide');
    expect($('#cite .citation').attr('lang')).toBe('fr');
  });

  it('is in French on a French page', () => {
    const { $ } = outputPage(guide, 'fr', citeAs);
    expect($('#cite h2').text()).toBe('Citer comme');
    expect($('#cite-styles').text()).toBe('Style de citation');
  });

  it('is left out when no citation is given', () => {
    expect(outputPage(guide).$('#cite').length).toBe(0);
  });
});

describe('an output the graph says little about', () => {
  it('has a page all the same: no authors, no link, no kind, and no empty sections', () => {
    const store = recordStore(`out:bare a <http://www.w3.org/ns/dcat#Dataset> ; dct:title "Bare"@en .`);
    const $ = parse(renderRecord('output', id('output', 'bare'), 'en', {}, store));
    expect($('h1').text()).toBe('Bare');
    expect($('.byline, .primary-action, .eyebrow, #versions, #project, #contributors, #keywords, #cite').length).toBe(0);
    expect($('head meta[name="citation_author"]').length).toBe(0);
    expect($('head meta[name="citation_title"]').attr('content')).toBe('Bare');
  });
});
