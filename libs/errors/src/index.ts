export { DomainException, isRpcProblem, titleFor } from './lib/domain.exception';
export { RpcProblemFilter } from './lib/rpc-problem.filter';
export { infrastructureProblem, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './lib/infrastructure-problem';
export { sortOrder } from './lib/list-sort';
