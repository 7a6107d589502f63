import { DebugEvents, Events, NatsConnection } from 'nats';
import { MetricsService } from './metrics.service';

/**
 * Keeps `nats_connection_up{connection}` in step with a connection's status events until it
 * closes, so a dashboard and an alert see a connection that is down or reconnecting.
 */
export function trackNatsConnection(metrics: MetricsService, connection: string, nc: NatsConnection): void {
  const gauge = metrics.natsConnectionUp.labels({ connection });
  gauge.set(nc.isClosed() ? 0 : 1);
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === Events.Disconnect || status.type === DebugEvents.Reconnecting) gauge.set(0);
      else if (status.type === Events.Reconnect) gauge.set(1);
    }
  })().finally(() => gauge.set(0));
}
