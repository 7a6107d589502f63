import { Global, Module } from '@nestjs/common';
import { RpcClient } from '@hn/messaging';
import { NATS_CONNECTION } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

/** One RpcClient over the gateway's NATS connection, with the configured timeout. */
@Global()
@Module({
  providers: [
    {
      provide: RpcClient,
      inject: [NATS_CONNECTION, GATEWAY_CONFIG],
      useFactory: (nc: NatsConnection, config: GatewayConfig) => new RpcClient(nc, { timeoutMs: config.rpcTimeoutMs }),
    },
  ],
  exports: [RpcClient],
})
export class RpcModule {}
