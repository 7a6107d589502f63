import { ConnectionOptions, Events, NatsConnection } from 'nats';

/**
 * Reconnect settings of every NATS connection of the platform (RPC transport, events, the
 * gateway's request client, the object store): never give up, retry every ½ s (± jitter), and
 * notice a dead peer within ~30 s even without a TCP reset. nats.js resubscribes on reconnect.
 */
export const NATS_RECONNECT_FOREVER = {
  maxReconnectAttempts: -1,
  reconnectTimeWait: 500,
  reconnectJitter: 250,
  pingInterval: 10_000,
  maxPingOut: 3,
} as const satisfies Partial<ConnectionOptions>;

/**
 * Follows a connection's status events, so callers can tell at once that it is away (and fail
 * fast) instead of waiting for a timeout. Implements the NatsLike of the health checks: flush()
 * rejects at once while disconnected.
 */
export class NatsConnectionState {
  private connected: boolean;
  private since = Date.now();

  constructor(readonly nc: NatsConnection) {
    this.connected = !nc.isClosed();
    // Test doubles may have no status(); a real connection always has one.
    if (typeof nc.status === 'function') void this.follow();
  }

  /** Connected now (not closed, not between a disconnect and the reconnect). */
  get isConnected(): boolean {
    return this.connected && !this.nc.isClosed();
  }

  /** Why it is not usable, or null when it is. */
  get problem(): string | null {
    if (this.nc.isClosed()) return 'connection closed';
    if (!this.connected) return `disconnected for ${Math.round((Date.now() - this.since) / 1000)} s, reconnecting`;
    return null;
  }

  isClosed(): boolean {
    return this.nc.isClosed();
  }

  flush(): Promise<void> {
    const problem = this.problem;
    return problem ? Promise.reject(new Error(problem)) : this.nc.flush();
  }

  private async follow(): Promise<void> {
    try {
      for await (const status of this.nc.status()) {
        if (status.type === Events.Disconnect && this.connected) {
          this.connected = false;
          this.since = Date.now();
        } else if (status.type === Events.Reconnect && !this.connected) {
          this.connected = true;
          this.since = Date.now();
        }
      }
    } catch {
      // the iterator ends when the connection closes; isClosed() covers that
    }
  }
}
