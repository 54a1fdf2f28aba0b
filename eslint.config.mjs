// The module map of DESIGN.md as lint rules, so a crossing is a failed `npm test`, not a review
// comment. Each zone says which folder may not import which; the few exceptions are named with
// the reason they exist, and each is a step still to take (README, "Architecture").
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Every product folder: what flows/ may not reach. */
const PRODUCT = [
  'bots',
  'dialogs',
  'routing',
  'handoff',
  'channels',
  'storage',
  'media',
  'http',
  'i18n',
  'understanding',
  'identity',
  'staff',
  'metrics',
  'scripts',
  'bench',
  'test',
  'types',
  'locales',
];
const topLevel = (folders) => folders.map((f) => `./${f}`);
/** The top-level modules (composition root, config, clock, errors...) outside any folder. */
const ROOT_FILES = ['./index.ts', './config.ts', './workers.ts', './threadPool.ts', './paths.ts', './logger.ts'];

/** One zone: files under `target` may not import from `from`, but for the files in `except` (relative to `from`). */
const zone = (target, from, message, except) => ({ target, from, message, ...(except && { except }) });

const DOMAIN = ['./handoff', './understanding', './identity', './staff', './media', './metrics', './storage'];
const PRODUCT_FOLDERS = [
  './bots',
  './dialogs',
  './flows',
  './routing',
  './handoff',
  './channels',
  './storage',
  './media',
  './http',
  './i18n',
  './understanding',
  './identity',
  './staff',
  './metrics',
];

const zones = [
  zone('./flows', [...topLevel(PRODUCT), ...ROOT_FILES, './clock.ts', './errors.ts'], 'flows/ is pure: it imports only xstate and its own files.'),
  zone(
    './routing',
    [...topLevel(['bots', 'dialogs', 'handoff', 'channels', 'storage', 'media', 'http', 'understanding', 'identity', 'staff', 'metrics']), ...ROOT_FILES],
    'routing/ is pure and data-driven: flows, its catalog data and the clock only.',
  ),
  // Still to move behind ports (steps of the one-storage-layer work): the photo store's type and
  // the client's erasure (storage), the web channel's adapter and photo links (photo intake).
  zone('./dialogs', './storage', 'dialogs/ bridges Bot Framework and the flows: it does not reach storage.', ['./blobStore.ts', './dataProtection.ts']),
  zone('./dialogs', './channels', 'dialogs/ bridges Bot Framework and the flows: it does not reach the channel.', [
    './webChannelAdapter.ts',
    './photoLinks.ts',
  ]),
  zone(
    './dialogs',
    ['./http', './bots', './index.ts', './workers.ts'],
    'dialogs/ bridges Bot Framework and the flows: it does not reach HTTP or the composition root.',
  ),
  zone(
    './bots',
    ['./storage', './channels', './http', './handoff', './routing', './understanding', './identity', './staff'],
    'bots/ is thin: it hands turns to dialogs/.',
  ),
  // Not HTTP at all, only kept in http/ for now: the token buckets, the rate limiter and the
  // JSON object check of a parsed body.
  zone('./channels', './http', 'channels/ is the web channel; its HTTP routes are in http/.', ['./rateLimit.ts', './tokenBuckets.ts', './jsonBody.ts']),
  zone(
    './channels',
    ['./dialogs', './bots', './handoff', './staff', './index.ts', './workers.ts'],
    'channels/ carries activities; it knows no dialog, case or staff.',
  ),
  zone(DOMAIN, './http', 'domain and storage modules do not depend on HTTP.', ['./tokenBuckets.ts', './jsonBody.ts']),
  zone(
    DOMAIN,
    ['./dialogs', './bots', './channels', './index.ts', './workers.ts'],
    'domain and storage modules do not depend on the Bot Framework bridge or the channel.',
  ),
  zone([...PRODUCT_FOLDERS, ...ROOT_FILES], ['./test', './bench'], 'product code does not import tests or benchmarks.'),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'web/**', 'coverage/**', '**/*.mjs', '**/*.js'] },
  // Directives written for rules this config does not turn on (yet) are not errors.
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true, 'ts-nocheck': true }],
    },
  },
  {
    // Packages flows/ may use: xstate only.
    files: ['flows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!xstate$)(?!\\.{1,2}/)', message: 'flows/ imports only xstate.' }] }],
    },
  },
  {
    // Tests may say `any` where they hand the service deliberately wrong input.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
