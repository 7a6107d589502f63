import { DomainException } from '@hn/errors';
import { fitRecountReply, RECOUNT_REPLY_LIMIT_BYTES } from './recount-access';

describe(fitRecountReply.name, () => {
  const reply = (projects: number) => ({
    source: 'contracts',
    figures: [
      {
        figure: 'filings.count',
        total: projects,
        projects: Array.from({ length: projects }, (_, i) => ({ projectCode: `P-${i}`, count: 1 })),
      },
    ],
  });

  it('passes a reply that fits one NATS message unchanged', () => {
    const small = reply(10);
    expect(fitRecountReply(small)).toBe(small);
    expect(RECOUNT_REPLY_LIMIT_BYTES).toBeLessThan(1024 * 1024);
  });

  it('refuses a larger one with 413 PAYLOAD_TOO_LARGE naming its size, in Chinese and English', () => {
    const big = reply(40_000);
    let thrown: unknown;
    try {
      fitRecountReply(big);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DomainException);
    const problem = (thrown as DomainException).problem;
    expect(problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(problem.detail).toContain(`${Buffer.byteLength(JSON.stringify(big))} 字节`);
    expect(problem.detail).toContain('check a city or county instead');
    expect(() => fitRecountReply(reply(5), 100)).toThrow(DomainException);
  });
});
