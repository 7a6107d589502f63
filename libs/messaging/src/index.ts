export { RpcCallOptions, RpcClient, RpcClientOptions } from './lib/rpc-client';
export { NATS_RECONNECT_FOREVER, NatsConnectionState } from './lib/nats-reconnect';
export { RpcTransportMonitor } from './lib/rpc-transport-monitor';
export { RpcHandler, rpcSubjectsOfController, rpcSubjectsOfModule } from './lib/rpc-handler.decorator';
export { requestContractOf, validateRpcBody } from './lib/rpc-body';
