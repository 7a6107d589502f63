import { InvalidPayloads } from './invalid-payload';

/** The problems of the entries whose body carries the path's record ids (alerts, appeals, exchange). */
describe('InvalidPayloads of the path record ids', () => {
  const errors = [
    { field: 'name', reason: 'a' },
    { field: 'eventId', reason: 'b' },
    { field: 'subscriberId', reason: 'c' },
  ];

  it('answers the exchange’s refused path ids 404 NOT_FOUND naming only the first (subscriberId, then eventId)', () => {
    expect(InvalidPayloads.exchangeAction(errors)).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'subscriberId 不是有效的 id (not an id)',
      errors: [{ field: 'subscriberId', reason: 'c' }],
    });
    expect(InvalidPayloads.exchangeAction(errors.slice(0, 2))).toMatchObject({
      status: 404,
      detail: 'eventId 不是有效的 id (not an id)',
      errors: [{ field: 'eventId', reason: 'b' }],
    });
  });

  it('answers any other refusal with 422 and the whole list', () => {
    const p = InvalidPayloads.exchangeAction(errors.slice(0, 1));
    expect(p).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(p.errors).toBeUndefined();
  });

  it('answers a refused alertId, backfillId or appealId alone with 400 VALIDATION_FAILED', () => {
    for (const [invalid, field] of [
      [InvalidPayloads.alertAction, 'alertId'],
      [InvalidPayloads.backfillAction, 'backfillId'],
      [InvalidPayloads.appealAction, 'appealId'],
    ] as const) {
      expect(
        invalid([
          { field: 'note', reason: 'x' },
          { field, reason: 'y' },
        ]),
      ).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: '请求参数校验失败 (request validation failed)',
        errors: [{ field, reason: 'y' }],
      });
      expect(invalid([{ field: 'note', reason: 'x' }])).toMatchObject({ status: 422 });
    }
  });
});
