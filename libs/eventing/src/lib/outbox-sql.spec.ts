import { buildCloudEvent } from './build-cloud-event';
import { outboxInsertSql, outboxRowParams } from './outbox-sql';

describe(outboxRowParams.name, () => {
  const event = buildCloudEvent({ source: '/hn/test', type: 'hn.test.thing.done.v1', subject: 'k', data: { n: 1 } });

  it('maps id, subject (= type), the full envelope and headers', () => {
    const [id, subject, payload, headers] = outboxRowParams(event, 'corr-1');
    expect(id).toBe(event.id);
    expect(subject).toBe('hn.test.thing.done.v1');
    expect(JSON.parse(payload)).toEqual(event);
    expect(JSON.parse(headers)).toEqual({
      'content-type': 'application/cloudevents+json',
      'x-correlation-id': 'corr-1',
    });
  });

  it('omits the correlation header when there is none', () => {
    expect(JSON.parse(outboxRowParams(event)[3])).toEqual({ 'content-type': 'application/cloudevents+json' });
  });
});

describe(outboxInsertSql.name, () => {
  it('numbers parameters from the given position, for use inside a larger statement', () => {
    expect(outboxInsertSql(5)).toContain('VALUES ($5::uuid, $6, $7::jsonb, $8::jsonb, clock_timestamp())');
  });
});
