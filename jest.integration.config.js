// Integration specs talk to the real Postgres and NATS on the machine; each suite uses its own database.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
