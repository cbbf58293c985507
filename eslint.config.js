// Lint keeps the process boundaries visible in the folder tree (see ../shared/notes/style.md):
// shared/ runs everywhere, so it imports no Electron, Node or DOM code (tsconfig gives it no DOM
// types either); renderer/ never reaches into Electron or Node; the preload only talks to
// Electron's bridge and the shared contract.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net',
  'os', 'path', 'process', 'stream', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];
const nodePatterns = ['node:*', ...nodeBuiltins];
const electronPatterns = ['electron', 'electron/*'];

function restrict(patterns, message) {
  return {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  };
}

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '.testbed/**'],
  },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: restrict([...electronPatterns, ...nodePatterns, 'vue', 'pinia', 'sip.js', 'sip.js/*', '../renderer/*', '../electron/*'],
      'shared/ runs in every process: no Electron, Node, DOM or renderer imports.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: restrict([...electronPatterns, ...nodePatterns, '../electron/*', '../../electron/*'],
      'renderer/ runs in a sandboxed page: talk to the host through PlatformAdapter, never Electron or Node.'),
  },
  {
    // The UI depends on the stores and the engine, never the other way round: a store, the engine
    // or a platform adapter that imported a component would drag the view into code that must
    // run (and be tested) without it.
    files: ['renderer/**/*.ts'],
    ignores: ['renderer/components/**', 'renderer/**/*.test.ts', 'renderer/main.ts'],
    rules: restrict([...electronPatterns, ...nodePatterns, '../electron/*', '../../electron/*', '../components/*', '../../components/*', '*.vue'],
      'renderer/ runs in a sandboxed page (no Electron or Node), and only components import components.'),
  },
  {
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(?!electron$|\\.\\./shared/|\\./).*',
          message: 'The sandboxed preload may only import electron and shared/ (it is bundled to one file).',
        }],
      }],
    },
  },
);
