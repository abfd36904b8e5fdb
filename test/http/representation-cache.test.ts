import { describe, expect, it } from 'vitest';
import { RepresentationCache } from '../../src/http/representation-cache.js';

describe('RepresentationCache', () => {
  it('renders each key once', async () => {
    const cache = new RepresentationCache();
    let renders = 0;
    const render = () => `body ${++renders}`;
    expect(await cache.get('a', render)).toBe('body 1');
    expect(await cache.get('a', render)).toBe('body 1');
    expect(renders).toBe(1);
  });

  it('drops the least recently used entries once over its size (text and key)', async () => {
    const cache = new RepresentationCache(10);
    await cache.get('a', () => 'aaaa');
    await cache.get('b', () => 'bbbb');
    await cache.get('a', () => 'unused'); // a is now the most recent
    await cache.get('c', () => 'cccc'); // 15 bytes with the keys: b goes
    expect(await cache.get('a', () => 'again')).toBe('aaaa');
    expect(await cache.get('b', () => 'b again')).toBe('b again');
  });

  it('does not keep a text larger than the whole cache', async () => {
    const cache = new RepresentationCache(3);
    expect(await cache.get('big', () => 'too long')).toBe('too long');
    expect(await cache.get('big', () => 'rendered again')).toBe('rendered again');
  });

  it('counts a key once when two requests missed it at the same time', async () => {
    const cache = new RepresentationCache(10);
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve('aaaa'), 5));
    await Promise.all([cache.get('a', slow), cache.get('a', slow)]);
    await cache.get('b', () => 'bbbb'); // 10 bytes held with the keys, within the bound: nothing goes
    expect(await cache.get('a', () => 'again')).toBe('aaaa');
  });

  it('counts UTF-8 bytes, not characters', async () => {
    const cache = new RepresentationCache(10);
    await cache.get('a', () => 'éé'); // 2 characters, 4 bytes, 5 with the key
    expect(cache.size).toBe(5);
    await cache.get('b', () => 'ééé'); // 7 bytes with the key: 12 in all, so a goes
    expect(cache.size).toBe(7);
    expect(await cache.get('a', () => 'again')).toBe('again');
  });
});
