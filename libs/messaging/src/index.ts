export { RpcClient, RpcClientOptions } from './lib/rpc-client';
