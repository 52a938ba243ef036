// Shared Jest setup: TypeScript through ts-jest (transpile only; `npm run typecheck` does the type checking),
// and the @quadrant/* aliases of tsconfig.base.json pointed at the sources.
const { mkdirSync } = require('node:fs');
const { compilerOptions } = require('./tsconfig.base.json');

// The tiers write their reports here (`--outputFile`); Jest does not create the folder.
mkdirSync(`${__dirname}/test-output`, { recursive: true });

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = `<rootDir>/${target}`;
}

module.exports = (suffix, extra = {}) => ({
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/{libs,services,bench,e2e}/**/*.${suffix}.spec.ts`],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }] },
  moduleNameMapper,
  ...extra,
});
