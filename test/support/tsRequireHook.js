// Lets `node -r ./test/support/tsRequireHook.js some.ts` run the project's TypeScript sources
// directly (test/support/childServer.ts starts the service this way), so a child process always
// runs the current source rather than a possibly stale dist/. Transpile only, like ts-jest in
// this project: `npm run typecheck` is the type gate. Plain JavaScript so it needs no hook itself.
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

/** @type {import('typescript').CompilerOptions} */
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
  sourceMap: false,
  inlineSourceMap: true,
};

/**
 * @param {NodeJS.Module & { _compile(code: string, filename: string): void }} module
 * @param {string} filename
 */
function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
}

// eslint-disable-next-line n/no-deprecated-api -- require.extensions is the documented hook point for CommonJS loaders
require.extensions['.ts'] = /** @type {(m: NodeJS.Module, f: string) => void} */ (compileTs);
