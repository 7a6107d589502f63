// two workers: jest's default (cores − 1) leaves one of the machine's two cores idle
module.exports = {
  ...require('./jest.preset'),
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
  maxWorkers: 2,
};
