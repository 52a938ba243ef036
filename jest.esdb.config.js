module.exports = require('./jest.preset')('esdb', {
  globalSetup: '<rootDir>/libs/testing/src/esdb-global-setup.ts',
  testTimeout: 120000,
});
