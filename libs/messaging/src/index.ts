export { RpcCallOptions, RpcClient, RpcClientOptions } from './lib/rpc-client';
export { createServiceApp, ServiceAppOptions } from './lib/create-service-app';
