import { AccountChangedV1, GatewayEvents } from '@hn/messages';
import { JSONCodec, NatsConnection } from 'nats';

/** Tells every gateway replica that an account changed (so its cached state and old tokens go). */
export interface AccountNotifier {
  accountChanged(event: Omit<AccountChangedV1, 'at'>): Promise<void>;
}

export const ACCOUNT_NOTIFIER = Symbol('ACCOUNT_NOTIFIER');

const codec = JSONCodec<AccountChangedV1>();

/** Core NATS publish of hn.gateway.account.changed.v1, flushed so the message has left when this resolves. */
export async function publishAccountChanged(nats: NatsConnection, event: Omit<AccountChangedV1, 'at'>): Promise<void> {
  nats.publish(GatewayEvents.accountChanged, codec.encode({ ...event, at: new Date().toISOString() }));
  await nats.flush();
}
