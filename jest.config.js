/**
 * Jest runs TypeScript through ts-jest in transpile-only mode; `npm run typecheck` is the type gate.
 * `npm test` runs the suite twice: on SQLite, then with LUOTSI_TEST_BACKEND=postgres on a
 * PostgreSQL server that globalSetup starts. Files named *.postgres.test.ts need PostgreSQL
 * itself (several instances, server restarts) and run in the PostgreSQL pass only; files named
 * *.sqlite.test.ts test what only the embedded database does (a locked file) and run in the
 * SQLite pass only.
 */
const postgres = process.env.LUOTSI_TEST_BACKEND === 'postgres';
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', postgres ? '\\.sqlite\\.test\\.ts$' : '\\.postgres\\.test\\.ts$'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // Kysely 0.29 ships ES modules only; jest's CommonJS runtime gets it transpiled (Node itself requires it).
    '^.+/node_modules/kysely/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!kysely/)'],
  testTimeout: 30000,
};
