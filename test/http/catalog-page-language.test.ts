import * as cheerio from 'cheerio';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE_DATA, type TestServer } from './linked-data-fixture.js';

// The catalogue's HTML page keeps a language picked with ?lang= like every other page.

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ baseUrl: 'http://localhost:3000/', dataDir: FIXTURE_DATA });
});

describe('the catalogue page in a picked language', () => {
  it('stays on the catalogue when switching, and keeps the language on its links', async () => {
    const response = await request(server.app).get('/catalog?lang=fr').set('Accept', 'text/html').set('Accept-Language', 'en');
    expect(response.status).toBe(200);
    expect(response.headers['content-language']).toBe('fr');
    expect(response.headers.vary).not.toMatch(/Accept-Language/i);
    const $ = cheerio.load(response.text);
    expect($('html').attr('lang')).toBe('fr');
    expect($('a[hreflang="en"]').attr('href')).toBe(`${server.base}catalog?page=1&lang=en`);
    const datasetLinks = $('main li a').map((_, element) => $(element).attr('href')).get().filter((href) => href.includes('/doc/output/'));
    expect(datasetLinks.length).toBe(7);
    expect(datasetLinks.every((href) => href.endsWith('?lang=fr'))).toBe(true);
    expect($('nav a[rel="first"]').text()).toBe('Première page (1)');
  });

  it('follows Accept-Language when no language is picked', async () => {
    const response = await request(server.app).get('/catalog').set('Accept', 'text/html').set('Accept-Language', 'fr');
    expect(response.headers.vary).toMatch(/Accept-Language/i);
    expect(cheerio.load(response.text)('nav a[rel="next"], nav a[rel="last"]').first().text()).toBe('Dernière page (1)');
  });
});
