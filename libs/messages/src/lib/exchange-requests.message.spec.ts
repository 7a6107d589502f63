import {
  DeadLetterRequeueRequest,
  DeliveryListRequest,
  RedeliverRequest,
  ReplayRequest,
  SubscriberIdRequest,
  SubscriberUpdateRequest,
} from './exchange-requests.message';
import { DeliveryListQuery, EventsPullQuery, RequeueInput, SubscriberPatch } from './exchange.message';
import { Rpc } from './rpc-map';
import { validateMessage } from './validation/validate-message';

const SUBSCRIBER = '0B8E4A52-6F0C-4D53-9D6E-2F1A7C3B9E41';
const EVENT = '5d7f9a3c-2b1e-4c8d-9f0a-6e4b3c2d1a0f';
const fieldsOf = async <T extends object>(type: new () => T, value: unknown): Promise<string[]> => {
  const result = await validateMessage(type, value);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe(SubscriberIdRequest.name, () => {
  it('accepts a UUID (lower-cased) and refuses anything else with the path pipe’s reason', async () => {
    expect(await validateMessage(SubscriberIdRequest, { subscriberId: SUBSCRIBER })).toMatchObject({
      ok: true,
      value: { subscriberId: SUBSCRIBER.toLowerCase() },
    });
    expect((await validateMessage(SubscriberIdRequest, { subscriberId: 'x' })).errors).toEqual([
      { field: 'subscriberId', reason: '须为 UUID (a UUID)' },
    ]);
  });
});

describe(SubscriberUpdateRequest.name, () => {
  const update = Rpc.exchangeSubscriberUpdate.request!;

  it('validates the patch as its own body, its fields unprefixed', async () => {
    const result = await validateMessage(update.type, {
      subscriberId: SUBSCRIBER,
      patch: { state: 'GONE', extra: 1 },
    });
    expect(result.errors).toEqual((await validateMessage(SubscriberPatch, { state: 'GONE', extra: 1 })).errors);
    expect(result.errors.map((e) => e.field)).toEqual(['extra', 'state']);
    expect((await validateMessage(update.type, { subscriberId: SUBSCRIBER, patch: {} })).errors).toEqual([
      { field: 'body', reason: expect.stringContaining('rotateSecret') },
    ]);
  });
});

describe(DeliveryListQuery.name, () => {
  it('takes limit as a query string or a number, 1–500', async () => {
    expect(await validateMessage(DeliveryListQuery, { limit: '20' })).toMatchObject({ ok: true, value: { limit: 20 } });
    expect(await fieldsOf(DeliveryListQuery, {})).toEqual([]);
    for (const limit of ['0', '501', '1.5', '', 'x', 0, 501])
      expect(await fieldsOf(DeliveryListQuery, { limit })).toEqual(['limit']);
    expect(await fieldsOf(DeliveryListQuery, { offset: '1' })).toEqual(['offset']);
  });
});

describe(DeliveryListRequest.name, () => {
  it('carries the subscriber with the limit', async () => {
    expect(await fieldsOf(DeliveryListRequest, { subscriberId: SUBSCRIBER, limit: 100 })).toEqual([]);
    expect(await fieldsOf(DeliveryListRequest, { subscriberId: 'x', limit: 0 })).toEqual(['subscriberId', 'limit']);
  });
});

describe(EventsPullQuery.name, () => {
  it('accepts a cursor of the last page and a limit', async () => {
    expect(await validateMessage(EventsPullQuery, { cursor: '42', limit: '500' })).toMatchObject({
      ok: true,
      value: { cursor: '42', limit: 500 },
    });
  });

  it('refuses a cursor that is not one (empty, signed, beyond a safe integer) and unknown parameters', async () => {
    for (const cursor of ['', '-1', 'abc', '999999999999999999', 5])
      expect(await fieldsOf(EventsPullQuery, { cursor })).toEqual(['cursor']);
    expect(await fieldsOf(EventsPullQuery, { after: '1' })).toEqual(['after']);
  });
});

describe(RequeueInput.name, () => {
  it('takes no ids (every dead letter) or 1–1000 event ids', async () => {
    expect(await fieldsOf(RequeueInput, undefined)).toEqual([]);
    expect(await fieldsOf(RequeueInput, { eventIds: [EVENT] })).toEqual([]);
    for (const eventIds of [[], ['x'], Array(1001).fill(EVENT), EVENT])
      expect(await fieldsOf(RequeueInput, { eventIds })).toEqual(['eventIds']);
  });
});

describe(RedeliverRequest.name, () => {
  it('needs both ids', async () => {
    expect(await fieldsOf(RedeliverRequest, { subscriberId: SUBSCRIBER, eventId: EVENT })).toEqual([]);
    expect(await fieldsOf(RedeliverRequest, { subscriberId: SUBSCRIBER, eventId: 'x' })).toEqual(['eventId']);
  });
});

describe(ReplayRequest.name, () => {
  it('carries the subscriber with the range', async () => {
    const range = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };
    expect(await fieldsOf(ReplayRequest, { subscriberId: SUBSCRIBER, ...range })).toEqual([]);
    expect(await fieldsOf(ReplayRequest, { subscriberId: SUBSCRIBER, from: range.to, to: range.from })).toEqual([
      'from',
    ]);
  });
});

describe(DeadLetterRequeueRequest.name, () => {
  it('carries the subscriber with the optional ids', async () => {
    expect(await fieldsOf(DeadLetterRequeueRequest, { subscriberId: SUBSCRIBER })).toEqual([]);
    expect(await fieldsOf(DeadLetterRequeueRequest, { subscriberId: SUBSCRIBER, eventIds: [] })).toEqual(['eventIds']);
  });
});
