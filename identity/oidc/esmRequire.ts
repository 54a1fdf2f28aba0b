import { createRequire } from 'node:module';

/**
 * Loads an ESM-only package (openid-client 6, oidc-provider 9, jose 6) from this CommonJS build.
 * Node 20.19+ loads ESM through require(); under jest, `node:module`'s createRequire is jest's own
 * resolver (it cannot load ESM), and process.getBuiltinModule hands out Node's real module system,
 * so tests and production load the same library the same way (as media/fileTypeModule.ts does).
 */
export function requireEsm<T>(name: string, from: string = __filename): T {
  const nodeModule = process.getBuiltinModule?.('node:module') ?? { createRequire };
  return nodeModule.createRequire(from)(name) as T;
}
