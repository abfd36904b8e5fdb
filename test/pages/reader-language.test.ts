import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { firstInReaderLanguage, inReaderLanguage, pickedLanguage } from '../../src/pages/reader-language.js';

const { literal } = DataFactory;

describe('the reader’s language, without a request', () => {
  it('takes a ?lang= value only when the interface is written in it', () => {
    expect(pickedLanguage('FR')).toBe('fr');
    expect(pickedLanguage('de')).toBeUndefined();
    expect(pickedLanguage(['fr', 'en'])).toBeUndefined();
  });

  it('shows the literals in the best language that has any, untagged ones always', () => {
    const texts = [literal('plain'), literal('hello', 'en'), literal('bonjour', 'fr-CA')];
    expect(inReaderLanguage(texts, ['fr', 'en']).map((l) => l.value)).toEqual(['plain', 'bonjour']);
    expect(inReaderLanguage(texts, ['de']).map((l) => l.value)).toEqual(['plain', 'hello', 'bonjour']);
    expect(firstInReaderLanguage(texts, ['en'])?.value).toBe('hello');
  });
});
