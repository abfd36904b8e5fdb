import { DataFactory } from 'n3';
import type { Literal, Term } from '@rdfjs/types';
import * as cheerio from 'cheerio';
import { IriScheme } from '../../src/graph/iri-scheme.js';
import { uiTextFor } from '../../src/pages/ui-text.js';

/** A site under a path, so a renderer that joins the base by hand, or drops the path, shows up. */
export const SITE = new IriScheme('https://data.example.org/osc/');

/** The interface text in English and in French. */
export const EN = uiTextFor(['en']);
export const FR = uiTextFor(['fr', 'en']);

const LABELS = new Map<string, Literal[]>([
  [SITE.catalog.value, [DataFactory.literal('Outputs', 'en'), DataFactory.literal('Productions', 'fr')]],
  [SITE.resource('person', 'ada').value, [DataFactory.literal('Ada <Lovelace>')]],
  [SITE.resource('output', 'guide').value, [DataFactory.literal('The guide', 'en')]],
]);

/** Labels from a tiny in-memory table instead of a graph. */
export function labels(node: Term): Literal[] {
  return LABELS.get(node.value) ?? [];
}

/** The page parsed, for selecting what a reader sees. */
export function parse(markup: string): cheerio.CheerioAPI {
  return cheerio.load(markup);
}
