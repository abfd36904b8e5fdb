import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/source/slugify.js';

describe('slugify', () => {
  it.each([
    ['Tracey P. Lauriault', 'tracey-p-lauriault'],
    ['Jean-Noé Landry', 'jean-noe-landry'],
    ['City of Montréal', 'city-of-montreal'],
    ['  Open Smart Cities FAQ ', 'open-smart-cities-faq'],
    ['Open Smart Cities in Canada: Assessment Report', 'open-smart-cities-in-canada-assessment-report'],
    ['!!!', ''],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
