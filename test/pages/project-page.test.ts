import { describe, expect, it } from 'vitest';
import { parse } from './page-fixture.js';
import { id, recordStore, renderRecord } from './record-fixture.js';

const project = id('project', 'p');

function projectPage(lang: 'en' | 'fr' = 'en') {
  const $ = parse(renderRecord('project', project, lang, {}, recordStore()));
  const meta = (name: string) => $(`head meta[name="${name}"], head meta[property="${name}"]`).toArray().map((element) => $(element).attr('content'));
  return { $, meta };
}

describe('a project’s page', () => {
  it('says what it is and who leads it', () => {
    const { $ } = projectPage();
    expect($('.eyebrow').text()).toBe('Project');
    expect($('h1').text()).toBe('The Project');
    expect($('#about p').text()).toBe('A project.');
    expect($('#about dt').text()).toBe('Led by');
    expect($('#about dd a').attr('href')).toBe(id('organisation', 'uni'));
  });

  it('lists its outputs with their kinds, and its contributors by role, the lead and funders not repeated', () => {
    const { $ } = projectPage();
    expect($('#outputs li').toArray().map((li) => $(li).text())).toEqual(['The Guide (Guide)', 'The Report (Report)', 'The Webinar (Webinar recording)']);
    expect($('#contributors dt').toArray().map((dt) => $(dt).text())).toEqual(['Expert advisor']);
    expect($('#contributors dd').text()).toBe('Mia Middle (Lab, Uni)');
  });

  it('shows its funding and the pages about it', () => {
    const { $ } = projectPage();
    expect($('#funding p').first().text()).toBe('A grant for the project.');
    expect($('#funding dd').first().text()).toBe('Fund');
    expect($('#see-also li').text()).toBe('A page about the project');
  });

  it('is in French for French readers, and carries Dublin Core and OpenGraph', () => {
    const { $, meta } = projectPage('fr');
    expect($('.eyebrow').text()).toBe('Projet');
    expect($('#about dt').text()).toBe('Dirigé par');
    expect($('#funding-heading').text()).toBe('Financement');
    expect(meta('DC.title')).toEqual(['The Project']);
    expect($('head meta[name="DC.title"]').attr('lang')).toBe('en');
    expect(meta('og:type')).toEqual(['website']);
    expect($('head meta[name^="citation_"]').length).toBe(0);
  });
});
