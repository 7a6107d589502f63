import { prefersJson } from './content-negotiation';

describe('prefersJson', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', true],
    ['application/json, text/plain, */*', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
    ['application/json;q=0.9, text/html;q=0.8', true],
    ['text/html;q=0.5, application/*', true],
    ['application/json;q=0', false],
    ['text/html, application/json', false],
    ['application/problem+json', false],
  ])('%s → %s', (accept, expected) => {
    expect(prefersJson(accept)).toBe(expected);
  });
});
