// Lint: typescript-eslint recommended plus Nx module boundaries (apps never import apps,
// libraries never import apps, only public index.ts entry points, tag constraints).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'e2e/**/*.ts', 'libs/testing/**/*.ts', 'apps/*/test/**/*.ts'];

/**
 * Tag rules; `type:testing` (libs/testing) is allowed only from test code; `type:rules` (libs/numbering:
 * pure check-digit, date and region rules, no imports) may be used by every project, the message
 * library included, so a payload rule is written once.
 */
function moduleBoundaries({ testCode }) {
  const shared = [...(testCode ? ['type:testing'] : []), 'type:rules'];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    banTransitiveDependencies: false,
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:data-access', 'type:util', ...shared] },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:util', 'type:data-access', ...shared] },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:domain', ...shared] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', ...shared] },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', ...shared] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:data-access', 'type:util', 'type:testing', 'type:rules'] },
      { sourceTag: 'type:rules', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway'] },
      { sourceTag: 'scope:permits', onlyDependOnLibsWithTags: ['scope:shared', 'scope:permits'] },
      { sourceTag: 'scope:presale', onlyDependOnLibsWithTags: ['scope:shared', 'scope:presale'] },
      { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: ['scope:shared', 'scope:contracts'] },
      { sourceTag: 'scope:escrow', onlyDependOnLibsWithTags: ['scope:shared', 'scope:escrow'] },
      { sourceTag: 'scope:alerts', onlyDependOnLibsWithTags: ['scope:shared', 'scope:alerts'] },
      { sourceTag: 'scope:exchange', onlyDependOnLibsWithTags: ['scope:shared', 'scope:exchange'] },
      // the browser console talks to the gateway over HTTP only: no project of the platform is imported
      { sourceTag: 'scope:console', onlyDependOnLibsWithTags: [] },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tmp/**', '.nx/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*/**/libs/*', '**/apps/*/src/**'], message: 'Import other projects through their @hn/* entry point.' }] }],
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ testCode: false })],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // only test code may import the test kit (@hn/testing, tagged type:testing)
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ testCode: true })],
    },
  },
);
