import { buildCloudEvent } from './build-cloud-event';

describe(buildCloudEvent.name, () => {
  it('fills the CloudEvents 1.0 envelope with a fresh UUID and a UTC time', () => {
    const event = buildCloudEvent({
      source: '/hn/permits',
      type: 'hn.permits.permit.registered.v1',
      subject: '430223202406200101',
      data: { a: 1 },
    });
    expect(event).toMatchObject({
      specversion: '1.0',
      source: '/hn/permits',
      type: 'hn.permits.permit.registered.v1',
      subject: '430223202406200101',
      datacontenttype: 'application/json',
      data: { a: 1 },
    });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('gives every event its own id', () => {
    const ids = new Set(
      Array.from({ length: 100 }, () => buildCloudEvent({ source: 's', type: 't', subject: 'x', data: null }).id),
    );
    expect(ids.size).toBe(100);
  });

  it('keeps an explicit id and time', () => {
    const time = new Date('2024-08-01T00:00:00+08:00');
    const event = buildCloudEvent({
      source: 's',
      type: 't',
      subject: 'x',
      data: 1,
      id: '00000000-0000-4000-8000-000000000001',
      time,
    });
    expect(event.id).toBe('00000000-0000-4000-8000-000000000001');
    expect(event.time).toBe('2024-07-31T16:00:00.000Z');
  });
});
