import { describe, expect, it } from 'vitest';
import { parse } from './page-fixture.js';
import { id, recordStore, renderRecord } from './record-fixture.js';

const mia = id('person', 'mia');

function personPage(iri: string, lang: 'en' | 'fr' = 'en', store = recordStore()) {
  const $ = parse(renderRecord('person', iri, lang, {}, store));
  const meta = (name: string) => $(`head meta[name="${name}"], head meta[property="${name}"]`).toArray().map((element) => $(element).attr('content'));
  return { $, meta };
}

describe('a person’s page', () => {
  it('gives their name, title, position and affiliations', () => {
    const { $ } = personPage(mia);
    expect($('.eyebrow').text()).toBe('Person');
    expect($('h1').text()).toBe('Mia Middle');
    expect($('#about dt').toArray().map((dt) => $(dt).text())).toEqual(['Title', 'Position', 'Affiliations']);
    expect($('#about dd').toArray().map((dd) => $(dd).text())).toEqual(['Professor', 'Researcher', 'Lab, Uni']);
    expect($('#about dd a').toArray().map((a) => a.attribs.href)).toEqual([id('organisation', 'lab'), id('organisation', 'uni')]);
  });

  it('groups their works by the role they had, outputs through attributions and projects through associations', () => {
    const { $ } = personPage(mia);
    expect($('#works h3').toArray().map((h3) => $(h3).text())).toEqual(['Author', 'Expert advisor']);
    const works = (index: number) => $('#works section').eq(index).find('li').toArray().map((li) => $(li).text());
    expect(works(0)).toEqual(['The Report (Report)']);
    expect(works(1)).toEqual(['The Guide (Guide)', 'The Project (Project)']);
    const adam = personPage(id('person', 'adam')).$;
    expect(adam('#works h3').toArray().map((h3) => adam(h3).text())).toEqual(['Author', 'Graduate research assistant']);
  });

  it('is in French for French readers, with the data’s French where it has some', () => {
    const { $ } = personPage(mia, 'fr');
    expect($('.eyebrow').text()).toBe('Personne');
    expect($('#about-heading').text()).toBe('À propos');
    expect($('#works-heading').text()).toBe('Travaux, par rôle');
    expect($('#about dd').eq(1).text()).toBe('Chercheuse');
    expect($('#about dd').eq(2).text()).toBe('Lab, Université');
    expect($('#works h3 [lang="en"]').first().text()).toBe('Author');
  });

  it('carries Dublin Core and an OpenGraph profile, and no citation tags', () => {
    const { $, meta } = personPage(mia);
    expect(meta('DC.title')).toEqual(['Mia Middle']);
    expect(meta('DC.identifier')).toEqual([mia]);
    expect(meta('og:type')).toEqual(['profile']);
    expect(meta('og:url')).toEqual([mia.replace('/id/', '/doc/')]);
    expect($('head meta[name^="citation_"]').length).toBe(0);
  });

  it('leaves out what the graph does not say: no affiliation, no works', () => {
    const { $ } = personPage(id('person', 'nobody'), 'en', recordStore(`person:nobody a foaf:Person ; foaf:name "No Body" .`));
    expect($('h1').text()).toBe('No Body');
    expect($('#about, #works').length).toBe(0);
    expect($('#data, #statements').length).toBe(2);
  });
});
