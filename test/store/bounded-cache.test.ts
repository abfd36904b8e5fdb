import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/store/bounded-cache.js';

describe('BoundedCache', () => {
  it('drops the least recently used values once over its bound, and counts sizes', () => {
    const cache = new BoundedCache<string>(10);
    cache.set('a', 'aaaa', 4);
    cache.set('b', 'bbbb', 4);
    expect(cache.get('a')).toBe('aaaa'); // a is now the most recent
    cache.set('c', 'cccc', 4); // 12: b goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
    expect(cache.size).toBe(8);
  });

  it('replaces a value under the same key without counting it twice', () => {
    const cache = new BoundedCache<string>(10);
    cache.set('a', 'first', 5);
    cache.set('a', 'second', 6);
    expect(cache.get('a')).toBe('second');
    expect(cache.size).toBe(6);
  });

  it('does not keep a value larger than the whole bound', () => {
    const cache = new BoundedCache<string>(3);
    cache.set('big', 'too long', 8);
    expect(cache.get('big')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
