module.exports = require('./jest.preset')('esdb', {
  globalSetup: '<rootDir>/libs/testing/src/esdb-global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 120000,
});
