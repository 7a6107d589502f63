export { DomainException, isRpcProblem, titleFor } from './lib/domain.exception';
export { RpcProblemFilter } from './lib/rpc-problem.filter';
