import { describe, expect, it } from 'vitest';
import { parse } from './page-fixture.js';
import { id, recordStore, renderRecord } from './record-fixture.js';

function organisationPage(slug: string, lang: 'en' | 'fr' = 'en') {
  const $ = parse(renderRecord('organisation', id('organisation', slug), lang, {}, recordStore()));
  const meta = (name: string) => $(`head meta[name="${name}"], head meta[property="${name}"]`).toArray().map((element) => $(element).attr('content'));
  return { $, meta };
}

describe('an organisation’s page', () => {
  it('says what it is: other names, the organisations it belongs to or includes', () => {
    const uni = organisationPage('uni').$;
    expect(uni('.eyebrow').text()).toBe('Organisation');
    expect(uni('h1').text()).toBe('Uni');
    expect(uni('#about dt').toArray().map((dt) => uni(dt).text())).toEqual(['Also known as', 'Includes']);
    const lab = organisationPage('lab').$;
    expect(lab('#about p').text()).toBe('A lab of the Uni.');
    expect(lab('#about dt').text()).toBe('Part of');
  });

  it('lists its people, its works by role and what it published', () => {
    const { $ } = organisationPage('uni');
    expect($('#people li').toArray().map((li) => $(li).text())).toEqual(['Mia Middle', 'Zoë Zed']);
    expect($('#works h3').toArray().map((h3) => $(h3).text())).toEqual(['Project lead']);
    expect($('#works li').text()).toBe('The Project (Project)');
    expect($('#publications li').toArray().map((li) => $(li).text())).toEqual(['The Report (Report)']);
    expect($('#funding-given').length).toBe(0);
  });

  it('shows the funding it gave: the grant, what it funded and when', () => {
    const { $ } = organisationPage('fund');
    expect($('#funding-given p').first().text()).toBe('A grant for the project.');
    expect($('#funding-given dt').toArray().map((dt) => $(dt).text())).toEqual(['Funders', 'Funded', 'Date']);
    expect($('#funding-given dd').toArray().map((dd) => $(dd).text())).toEqual(['Fund', 'The Project', '2018']);
    expect($('#funding-given a.iri, #funding-given p.iri a').attr('href')).toBe(id('funding', 'g'));
    expect($('#works h3').text()).toBe('Funder');
  });

  it('is in French for French readers, with the organisation’s French name', () => {
    const { $, meta } = organisationPage('uni', 'fr');
    expect($('h1').text()).toBe('Université');
    expect($('#people-heading').text()).toBe('Personnes');
    expect($('#publications-heading').text()).toBe('Publications');
    expect(meta('og:title')).toEqual(['Université']);
    expect(meta('og:type')).toEqual(['website']);
  });
});
