import { Events, NatsConnection, Status } from 'nats';
import { NatsConnectionState } from './nats-reconnect';

/** A connection whose status events the test pushes. */
function fakeConnection(): {
  nc: NatsConnection;
  push: (type: Events) => void;
  close: () => void;
  flushed: () => number;
} {
  const waiting: Array<(s: IteratorResult<Status>) => void> = [];
  const queue: Status[] = [];
  let closed = false;
  let flushes = 0;
  const nc = {
    isClosed: () => closed,
    flush: () => {
      flushes++;
      return Promise.resolve();
    },
    status: () => ({
      [Symbol.asyncIterator]: () => ({
        next: () =>
          queue.length > 0
            ? Promise.resolve({ value: queue.shift()!, done: false })
            : new Promise<IteratorResult<Status>>((r) => waiting.push(r)),
      }),
    }),
  } as unknown as NatsConnection;
  const push = (type: Events): void => {
    const status = { type, data: '' } as Status;
    const next = waiting.shift();
    if (next) next({ value: status, done: false });
    else queue.push(status);
  };
  return { nc, push, close: () => (closed = true), flushed: () => flushes };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe(NatsConnectionState.name, () => {
  it('follows disconnect and reconnect; flush() fails at once while away', async () => {
    const { nc, push, flushed } = fakeConnection();
    const state = new NatsConnectionState(nc);
    expect(state.isConnected).toBe(true);
    await expect(state.flush()).resolves.toBeUndefined();
    push(Events.Disconnect);
    await tick();
    expect(state.isConnected).toBe(false);
    expect(state.problem).toMatch(/^disconnected for \d+ s, reconnecting$/);
    await expect(state.flush()).rejects.toThrow(/reconnecting/);
    expect(flushed()).toBe(1);
    push(Events.Reconnect);
    await tick();
    expect(state.isConnected).toBe(true);
    expect(state.problem).toBeNull();
  });

  it('reports a closed connection as closed', () => {
    const { nc, close } = fakeConnection();
    const state = new NatsConnectionState(nc);
    close();
    expect(state.isConnected).toBe(false);
    expect(state.problem).toBe('connection closed');
  });
});
