import { describe, expect, it } from 'vitest';
import { ALL_KINDS } from '../../src/kinds/all-kinds.js';
import { recordPageOf } from '../../src/kinds/kind.js';
import { events } from '../fixtures/kinds/events.js';

describe('the record page each kind declares', () => {
  it.each([
    ['output', 'output'],
    ['person', 'person'],
    ['organisation', 'organisation'],
    ['project', 'project'],
    ['funding', undefined],
    ['document', undefined],
    ['role', undefined],
    [undefined, undefined],
  ] as const)('things under id/%s/ get the %s page', (segment, page) => {
    expect(recordPageOf(ALL_KINDS, segment)).toBe(page);
  });

  it('a kind that declares none keeps the generic page', () => {
    expect(events.segment).toBe('event');
    expect(recordPageOf([...ALL_KINDS, events], 'event')).toBeUndefined();
  });
});
