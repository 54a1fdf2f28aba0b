import fs from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'locales'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('project root (package.json with locales/) not found');
    dir = parent;
  }
}

/** The project root, found the same way from sources (ts-jest) and from the build output (dist/). */
export const PROJECT_ROOT = findProjectRoot(__dirname);
/** Wording: locales/<lng>/<namespace>.json. */
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
/** Static pages and their scripts. */
export const WEB_DIR = path.join(PROJECT_ROOT, 'web');
