import { infrastructureProblem, isDatabaseUnavailable } from './infrastructure-problem';
import { RpcProblemFilter } from './rpc-problem.filter';

const pgError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('infrastructureProblem', () => {
  it('maps an unreachable or restarting database to a retryable 503 DATABASE_UNAVAILABLE', () => {
    for (const err of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('query failed'), { driverError: { code: '57P01' } }),
      new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], ''),
    ]) {
      expect(isDatabaseUnavailable(err)).toBe(true);
      expect(infrastructureProblem(err)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    }
  });

  it('maps Postgres data exceptions (22021 bad byte sequence, 22P05 untranslatable character, 22003 out of range) to 400', () => {
    for (const code of ['22021', '22P05', '22003'])
      expect(infrastructureProblem(pgError(code))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('leaves other errors alone (the caller answers 500)', () => {
    expect(infrastructureProblem(new Error('boom'))).toBeUndefined();
    expect(infrastructureProblem(pgError('23505'))).toBeUndefined();
    expect(infrastructureProblem(null)).toBeUndefined();
  });
});

describe(RpcProblemFilter.name, () => {
  it('answers a database outage as 503 over RPC, anything unknown as 500', () => {
    const filter = new RpcProblemFilter();
    expect(filter.toProblem(pgError('57P01'))).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(filter.toProblem(new Error('bug'))).toMatchObject({ status: 500, code: 'INTERNAL' });
  });
});
