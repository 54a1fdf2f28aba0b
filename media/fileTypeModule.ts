import { createRequire } from 'node:module';

/** The part of file-type's API that Luotsi uses. */
export interface FileTypeModule {
  fileTypeFromBuffer(input: Uint8Array): Promise<{ ext: string; mime: string } | undefined>;
}

let loaded: FileTypeModule | undefined;

/**
 * file-type is ESM only, and this project compiles to CommonJS. Node 20.19+ loads ESM through
 * require(), so a real Node require does it. Under jest, `node:module`'s createRequire is jest's
 * own resolver (it cannot load ESM); process.getBuiltinModule hands out Node's real module
 * system, so the same code path loads the same library in tests and in production.
 */
export function fileTypeModule(): FileTypeModule {
  if (loaded) return loaded;
  const nodeModule = process.getBuiltinModule?.('node:module') ?? { createRequire };
  loaded = nodeModule.createRequire(__filename)('file-type') as FileTypeModule;
  return loaded;
}
