import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.nx/**', 'test-output/**', '.data/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      // A service may not reach into another service: they talk through events and each other's APIs.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // A library's own tests may use the test infrastructure; the test infrastructure depends on nothing.
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'type:launcher', onlyDependOnLibsWithTags: ['type:service', 'type:lib', 'type:testing'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:service', 'type:lib', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            // The dashboard runs in a browser: it talks to the gateway over GraphQL, it imports no workspace code.
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Browser code: Node's globals and modules are not there (the folder's tsconfig has Node types for its tooling).
    // No browser globals to declare: TypeScript checks names (lib DOM), no-undef is off for TypeScript files.
    files: ['services/dashboard/src/**/*.ts', 'services/dashboard/src/**/*.tsx'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', '__filename', 'require', 'global'],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'The dashboard runs in a browser.' }] }],
    },
  },
];
