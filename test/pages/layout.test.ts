import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, renderHtmlPage, siteLink, withLanguage } from '../../src/pages/html-page.js';
import { EN, FR, parse, SITE } from './page-fixture.js';

describe('the layout', () => {
  it('links the site’s pages through the URL module, under the base’s path', () => {
    const $ = parse(renderHtmlPage({ ...EN, title: 'T', site: SITE, body: html`<p>hi</p>` }));
    const nav = $('header nav').first().find('a').map((_, a) => $(a).attr('href')).get();
    expect(nav).toEqual([SITE.catalog.value, SITE.sparql, SITE.queries, `${SITE.base}#downloads`]);
    expect($('link[rel=icon]').attr('href')).toBe('https://data.example.org/osc/favicon.ico');
    expect($('title').text()).toBe('T · Open Smart Cities Guide');
  });

  it('carries a picked language on the site’s own links only, and switches language on the same page', () => {
    const $ = parse(renderHtmlPage({ ...FR, title: 'T', site: SITE, body: html`<p>salut</p>`, pageUrl: SITE.queries, chosenLang: 'fr' }));
    expect($('html').attr('lang')).toBe('fr');
    expect($('header nav a').first().attr('href')).toBe(`${SITE.catalog.value}?lang=fr`);
    expect($('.language-switch a[hreflang=en]').attr('href')).toBe(`${SITE.queries}?lang=en`);
    expect(siteLink('https://elsewhere.example/', SITE.base, 'fr')).toBe('https://elsewhere.example/');
    expect(withLanguage('https://x.example/a?b=1#c', 'fr')).toBe('https://x.example/a?b=1&lang=fr#c');
  });

  it('escapes text, and JSON-LD cannot close its script element', () => {
    expect(html`<p>${'<b> & "q"'}</p>`.markup).toBe('<p>&#60;b&#62; &#38; &#34;q&#34;</p>');
    expect(escapeHtml("'")).toBe('&#39;');
    expect(jsonForScript({ a: '</script>' })).not.toContain('</script>');
  });
});
