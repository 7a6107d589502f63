import { DomainException } from '@hn/errors';
import { fitNatsReply, fitRecountReply, RECOUNT_REPLY_LIMIT_BYTES } from './recount-access';

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

  it('guards any reply with its own advice', () => {
    expect(() =>
      fitNatsReply(
        { items: 'x'.repeat(200) },
        '请按市州分别查询考核',
        'ask per city instead',
        '考核结果',
        'assessment',
        100,
      ),
    ).toThrow(/考核结果过大.*请按市州分别查询考核 \(assessment of \d+ bytes exceeds 100: ask per city instead\)/);
    expect(fitNatsReply({ ok: true }, 'a', 'b')).toEqual({ ok: true });
  });
});
