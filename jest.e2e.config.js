// End-to-end specs drive the platform through the gateway over HTTP with real Postgres and NATS.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
