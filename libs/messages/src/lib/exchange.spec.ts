import { checkReplayRange, checkSubscriberInput, checkSubscriberPatch } from './exchange';

const valid = {
  name: '省政务数据共享交换平台',
  kind: 'DATA_SHARING',
  delivery: { mode: 'WEBHOOK', url: 'https://gxpt.example/hn' },
  eventTypes: ['hn.presale.permit.issued.v1'],
  dataView: ['presaleNumber', 'projectName'],
};

describe('exchange input rules', () => {
  it('accepts a complete subscriber and lists every problem with the allowed values', () => {
    expect(checkSubscriberInput(valid)).toEqual([]);
    const errors = checkSubscriberInput({ ...valid, kind: 'BANK', eventTypes: ['x'], dataView: ['buyers'], extra: 1 });
    expect(errors.map((e) => e.field)).toEqual(['extra', 'kind', 'eventTypes[0]', 'dataView[0]']);
    expect(errors[1].reason).toContain('DATA_SHARING, FISCAL, CREDIT, OTHER');
    expect(errors[3].reason).toContain('presaleNumber');
  });

  it('checks the delivery per mode', () => {
    expect(checkSubscriberInput({ ...valid, delivery: { mode: 'PULL' } })).toEqual([]);
    expect(
      checkSubscriberInput({ ...valid, delivery: { mode: 'FILE_DROP', directory: '../etc' } }).map((e) => e.field),
    ).toEqual(['delivery.directory']);
    expect(checkSubscriberInput({ ...valid, delivery: { mode: 'WEBHOOK', url: 'https://a\n.example' } })[0].field).toBe(
      'delivery.url',
    );
  });

  it('needs at least one known field in a patch', () => {
    expect(checkSubscriberPatch({})[0].field).toBe('body');
    expect(checkSubscriberPatch({ state: 'PAUSED' })).toEqual([]);
    expect(checkSubscriberPatch({ state: 'GONE' })[0].reason).toContain('ACTIVE, PAUSED, DISABLED');
  });

  it('refuses replay ranges in the future, reversed or over 90 days', () => {
    const now = new Date('2026-12-04T00:00:00Z');
    expect(checkReplayRange({ from: '2026-12-01T00:00:00Z', to: '2026-12-03T00:00:00+08:00' }, now)).toEqual([]);
    expect(
      checkReplayRange({ from: '2026-12-01T00:00:00Z', to: '2026-12-05T00:00:00Z' }, now).map((e) => e.field),
    ).toEqual(['to']);
    expect(
      checkReplayRange({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now).map((e) => e.field),
    ).toEqual(['from']);
    expect(
      checkReplayRange({ from: '2026-01-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now).map((e) => e.field),
    ).toEqual(['to']);
    expect(checkReplayRange({ from: 'yesterday', to: '2026-12-01T00:00:00Z' }, now).map((e) => e.field)).toEqual([
      'from',
    ]);
  });
});
