import { Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { assertRegionAllowed } from '@hn/auth';
import { regionFilter } from './region-scope';

const principal = (regions: string[]): Principal => ({ kind: 'integrator', id: 'c', regions, scopes: [] });

describe('regionFilter', () => {
  it('lets the province see everything', () => {
    expect(regionFilter(principal(['430000']))).toEqual({ all: true, counties: [], cityPrefixes: [] });
  });

  it('splits city and county codes', () => {
    expect(regionFilter(principal(['430200', '430523']))).toEqual({
      all: false,
      counties: ['430523'],
      cityPrefixes: ['4302'],
    });
  });
});

describe('region check of a permit (assertRegionAllowed)', () => {
  it('accepts a county inside a city credential and refuses another city', () => {
    expect(() => assertRegionAllowed(principal(['430200']), '430223')).not.toThrow();
    try {
      assertRegionAllowed(principal(['430223']), '430102');
      throw new Error('expected REGION_FORBIDDEN');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainException);
      expect((e as DomainException).problem).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
    }
  });
});
