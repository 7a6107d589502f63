import { rateLimitHeaders } from './rate-limit-headers';

describe(rateLimitHeaders.name, () => {
  it('writes RateLimit-Policy and RateLimit as Structured Field items of the draft', () => {
    expect(
      rateLimitHeaders({ policy: 'credential', quota: 600, windowSeconds: 60, remaining: 597, resetSeconds: 42 }),
    ).toEqual({ 'RateLimit-Policy': '"credential";q=600;w=60', RateLimit: '"credential";r=597;t=42' });
  });

  it('never writes negative numbers or a quote inside the name', () => {
    expect(rateLimitHeaders({ policy: 'a"b', quota: 1, windowSeconds: 60, remaining: -3, resetSeconds: -1 })).toEqual({
      'RateLimit-Policy': '"ab";q=1;w=60',
      RateLimit: '"ab";r=0;t=0',
    });
  });
});
