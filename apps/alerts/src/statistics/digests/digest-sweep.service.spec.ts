import { AlertsConfig } from '../../config/alerts.config';
import { DigestSweepService } from './digest-sweep.service';
import { DigestService } from './digest.service';

describe('DigestSweepService', () => {
  afterEach(() => jest.useRealTimers());

  it('writes the digests of the China day that ended, one interval after boot and every interval after', async () => {
    jest.useFakeTimers();
    const generate = jest.fn().mockResolvedValue({ date: '2026-12-03', created: 0, total: 137 });
    // 2026-12-03T16:30Z is 00:30 on 2026-12-04 in China: the day that ended is 2026-12-03
    const clock = { now: () => new Date('2026-12-03T16:30:00Z') };
    const sweep = new DigestSweepService({ generate } as unknown as DigestService, clock, {
      digestSweepMs: 60_000,
    } as AlertsConfig);
    sweep.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(59_999);
    expect(generate).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(generate).toHaveBeenCalledWith('2026-12-03', false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(generate).toHaveBeenCalledTimes(2);
    sweep.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(generate).toHaveBeenCalledTimes(2);
  });
});
