import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { renderResourceHistoryPage, renderWhatsNewPage, type ChangeView, type ReleaseView } from '../../src/pages/whats-new-page.js';
import { EN, FR, labels, parse, SITE } from './page-fixture.js';

const { namedNode, literal, quad } = DataFactory;
const GUIDE = SITE.resource('output', 'guide').value;
const ADA = SITE.resource('person', 'ada').value;
const GONE = SITE.resource('output', 'gone').value;
const TITLE = namedNode('http://purl.org/dc/terms/title');
const CREATOR = namedNode('http://purl.org/dc/terms/creator');
const PREFIXES = { dct: 'http://purl.org/dc/terms/' };
const RELEASE = '20240301120000';

function change(resource: string, kind: ChangeView['kind'], before: ChangeView['before'] = [], after: ChangeView['after'] = []): ChangeView {
  return { resource, kind, historyUrl: SITE.historyOf(resource)!, changeUrl: SITE.change(resource, RELEASE), ...(kind === 'removed' ? {} : { mementoUrl: SITE.memento(RELEASE, SITE.documentOf(resource)!) }), before, after };
}

const release: ReleaseView = {
  id: RELEASE,
  datetime: new Date('2024-03-01T12:00:00Z'),
  changes: [
    change(ADA, 'created'),
    change(GUIDE, 'updated', [quad(namedNode(GUIDE), TITLE, literal('Old <title>', 'en'))], [quad(namedNode(GUIDE), TITLE, literal('The guide', 'en')), quad(namedNode(`${GUIDE}#distribution-web`), CREATOR, namedNode(ADA))]),
    change(GONE, 'removed', [quad(namedNode(GONE), TITLE, literal('Gone', 'en'))]),
  ],
  labels: (node) => (node.value === GONE ? [literal('A removed output', 'en')] : labels(node)),
};

describe('"what\'s new", rendered from a release with one record of each kind of change', () => {
  it('groups them, names each record, links its history, and shows an update\'s statements before and after, escaped', () => {
    const $ = parse(renderWhatsNewPage({ ...EN, site: SITE, languages: ['en'], prefixes: PREFIXES, releases: [release], page: 1, lastPage: 1, pageUrl: () => SITE.whatsNew }));
    const section = $(`#release-${RELEASE}`);
    expect(section.find('h2 time').attr('datetime')).toBe('2024-03-01T12:00:00.000Z');
    expect(section.find('h3').map((_, h3) => $(h3).text()).get()).toEqual(['Added (1)', 'Changed (1)', 'Removed (1)']);
    expect(section.find('h3').eq(0).next('ul').find('a').first().attr('href')).toBe(ADA);
    expect(section.find('h3').eq(2).next('ul').text()).toContain('A removed output');
    expect(section.find('h3').eq(2).next('ul').find('a').map((_, a) => $(a).attr('href')).get()).toEqual([`${SITE.historyOf(GONE)}#change-${RELEASE}`]);
    const items = (term: string) => section.find('dt').filter((_, dt) => $(dt).text() === term).next('dd').find('li').map((_, li) => $(li).text().replace(/\s+/g, ' ')).get();
    expect(items('Before')).toEqual(['title dct:title: Old <title>']);
    expect(items('After')).toEqual(['title dct:title: The guide', 'Part: #distribution-web creator dct:creator: Ada <Lovelace>']);
    expect(section.html()).toContain('Old &lt;title&gt;');
    // An addition or a removal shows no statements here: it is the whole record.
    expect(section.find('details')).toHaveLength(0);
  });

  it('says when there is no release yet, and links the change stream', () => {
    const $ = parse(renderWhatsNewPage({ ...FR, site: SITE, languages: ['fr'], prefixes: PREFIXES, releases: [], page: 1, lastPage: 1, pageUrl: () => SITE.whatsNew }));
    expect($('main p').map((_, p) => $(p).text()).get()).toContain('Aucune version des données n’a encore été publiée.');
    expect($('main a').first().attr('href')).toBe(SITE.changes());
    expect($('link[rel=alternate][type="application/trig"]').attr('href')).toBe(SITE.changes());
  });
});

describe('a record\'s history page', () => {
  it('gives each change a section at the activity\'s fragment, with its memento and its release, and every statement of an addition or removal folded', () => {
    const $ = parse(
      renderResourceHistoryPage({
        ...FR,
        site: SITE,
        languages: ['fr', 'en'],
        prefixes: PREFIXES,
        resource: GONE,
        changes: [{ release, change: release.changes[2]! }],
        pageUrl: SITE.historyOf(GONE)!,
        chosenLang: 'fr',
      }),
    );
    expect($('h1').text()).toBe('Historique: A removed output');
    expect($('h1 span').attr('lang')).toBe('en');
    const section = $(`#change-${RELEASE}`);
    expect(section.find('h2').text()).toBe('Retirée: 1 mars 2024 à 12:00 UTC');
    expect(section.find('p a').map((_, a) => $(a).attr('href')).get()).toEqual([`${SITE.whatsNew}?lang=fr#release-${RELEASE}`]);
    expect(section.find('details li').text().replace(/\s+/g, ' ')).toBe('title dct:title: Gone');
    expect($('main a.iri')).toHaveLength(0);
  });
});
