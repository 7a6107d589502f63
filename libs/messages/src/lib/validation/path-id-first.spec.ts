import { pathIdFirst, InvalidPayloads } from './invalid-payload';

describe(pathIdFirst.name, () => {
  const invalid = pathIdFirst(['subscriberId', 'eventId'], InvalidPayloads.validation, InvalidPayloads.incomplete);

  it('answers a refused id as the path pipe does, naming only the first refused id', () => {
    const errors = [
      { field: 'name', reason: 'a' },
      { field: 'eventId', reason: 'b' },
      { field: 'subscriberId', reason: 'c' },
    ];
    expect(invalid(errors)).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'subscriberId', reason: 'c' }],
    });
    expect(invalid(errors.slice(0, 2))).toMatchObject({ status: 400, errors: [{ field: 'eventId', reason: 'b' }] });
  });

  it('answers any other refusal with the body’s problem and the whole list', () => {
    const p = invalid([{ field: 'name', reason: 'a' }]);
    expect(p).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(p.errors).toBeUndefined();
  });

  it('answers the exchange’s refused path ids 404 NOT_FOUND naming the parameter, as its path pipes', () => {
    expect(InvalidPayloads.exchangeAction([{ field: 'eventId', reason: '须为 UUID (a UUID)' }])).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'eventId 不是有效的 id (not an id)',
      errors: [{ field: 'eventId', reason: '须为 UUID (a UUID)' }],
    });
    expect(InvalidPayloads.alertAction([{ field: 'alertId', reason: 'x' }])).toMatchObject({ status: 400 });
  });
});
