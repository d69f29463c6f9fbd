// Flat config. Besides the usual TypeScript rules it enforces the import directions of
// ../shared/design/ARCHITECTURE.md and keeps raw ipcMain/ipcRenderer inside the two
// wrappers that check every message.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noNode = { group: nodeBuiltins, message: 'This runtime has no Node built-ins.' };
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload import electron.' };
const noElectronStore = { name: 'electron-store', message: 'electron-store imports electron: inject the store from main.' };
const noRawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed wrappers: electron/main/ipc/handle.ts and electron/preload/.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tsbuild/**', 'node_modules/**', 'coverage/**', '.peers/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [noRawIpc] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [noNode, { group: ['**/electron/**'], message: 'The renderer talks to main only through window.countersign.' }],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [noNode, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing of ours but shared/.' }],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/workers/**/*.ts', 'electron/cli/**/*.ts', 'electron/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [{ group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'Services never reach up into main, preload or the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noRawIpc],
          patterns: [{ group: ['**/preview/**'], message: 'The preview transport is never part of the Electron app.' }],
        },
      ],
    },
  },
  {
    // The two wrappers: the only places raw IPC objects may appear.
    files: ['electron/main/ipc/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/preview/**'], message: 'The preview transport is never part of the Electron app.' }] },
      ],
    },
  },
);
