import { ReplayInput, SubscriberInput, SubscriberPatch } from './exchange.message';
import type { FieldError } from './problem';
import { validateMessage } from './validation/validate-message';

const valid = {
  name: '省政务数据共享交换平台',
  kind: 'DATA_SHARING',
  delivery: { mode: 'WEBHOOK', url: 'https://gxpt.example/hn' },
  eventTypes: ['hn.presale.permit.issued.v1'],
  dataView: ['presaleNumber', 'projectName'],
};

/** The problems of a body as the gateway and the exchange service find them (the rules of the message classes). */
const errorsOf = async (type: new () => object, body: unknown): Promise<FieldError[]> => {
  const result = await validateMessage(type, body);
  return result.ok ? [] : result.errors;
};
const checkSubscriberInput = (body: unknown) => errorsOf(SubscriberInput, body);
const checkSubscriberPatch = (body: unknown) => errorsOf(SubscriberPatch, body);
const checkReplayRange = async (body: unknown, now: Date): Promise<FieldError[]> => {
  jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    return await errorsOf(ReplayInput, body);
  } finally {
    jest.useRealTimers();
  }
};

describe('exchange input rules', () => {
  it('accepts a complete subscriber and lists every problem with the allowed values', async () => {
    expect(await checkSubscriberInput(valid)).toEqual([]);
    const errors = await checkSubscriberInput({
      ...valid,
      kind: 'BANK',
      eventTypes: ['x'],
      dataView: ['buyers'],
      extra: 1,
    });
    expect(errors.map((e) => e.field)).toEqual(['extra', 'kind', 'eventTypes[0]', 'dataView[0]']);
    expect(errors[1].reason).toContain('DATA_SHARING, FISCAL, CREDIT, OTHER');
    expect(errors[3].reason).toContain('presaleNumber');
  });

  it('checks the delivery per mode', async () => {
    expect(await checkSubscriberInput({ ...valid, delivery: { mode: 'PULL' } })).toEqual([]);
    expect(
      (await checkSubscriberInput({ ...valid, delivery: { mode: 'FILE_DROP', directory: '../etc' } })).map(
        (e) => e.field,
      ),
    ).toEqual(['delivery.directory']);
    expect(
      (await checkSubscriberInput({ ...valid, delivery: { mode: 'WEBHOOK', url: 'https://a\n.example' } }))[0].field,
    ).toBe('delivery.url');
  });

  it('needs at least one known field in a patch', async () => {
    expect((await checkSubscriberPatch({}))[0].field).toBe('body');
    expect(await checkSubscriberPatch({ state: 'PAUSED' })).toEqual([]);
    expect((await checkSubscriberPatch({ state: 'GONE' }))[0].reason).toContain('ACTIVE, PAUSED, DISABLED');
  });

  it('refuses replay ranges in the future, reversed or over 90 days', async () => {
    const now = new Date('2026-12-04T00:00:00Z');
    expect(await checkReplayRange({ from: '2026-12-01T00:00:00Z', to: '2026-12-03T00:00:00+08:00' }, now)).toEqual([]);
    expect(
      (await checkReplayRange({ from: '2026-12-01T00:00:00Z', to: '2026-12-05T00:00:00Z' }, now)).map((e) => e.field),
    ).toEqual(['to']);
    expect(
      (await checkReplayRange({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now)).map((e) => e.field),
    ).toEqual(['from']);
    expect(
      (await checkReplayRange({ from: '2026-01-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now)).map((e) => e.field),
    ).toEqual(['to']);
    expect(
      (await checkReplayRange({ from: 'yesterday', to: '2026-12-01T00:00:00Z' }, now)).map((e) => e.field),
    ).toEqual(['from']);
  });

  it('takes a stream-sequence range instead of a time range, one of the two, each end named', async () => {
    const now = new Date('2026-12-04T00:00:00Z');
    const fields = async (body: unknown) => (await checkReplayRange(body, now)).map((e) => e.field);
    expect(await fields({ fromSequence: 3, toSequence: 9 })).toEqual([]);
    expect(await fields({ fromSequence: 3, toSequence: 3, stream: 'HN_PRESALE' })).toEqual([]);
    expect(await fields({})).toEqual(['from', 'to']);
    expect(await fields({ fromSequence: 9, toSequence: 3 })).toEqual(['fromSequence']);
    expect(await fields({ fromSequence: 0, toSequence: 1.5, stream: 'HN_OTHER' })).toEqual([
      'fromSequence',
      'toSequence',
      'stream',
    ]);
    expect(await fields({ toSequence: 4 })).toEqual(['fromSequence']);
    const both = await checkReplayRange(
      { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z', fromSequence: 1, toSequence: 2 },
      now,
    );
    expect(both).toEqual([{ field: 'fromSequence', reason: expect.stringContaining('二选一') }]);
  });
});
