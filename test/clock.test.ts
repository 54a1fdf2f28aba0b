// One clock: no product source reads the wall clock except clock.ts. Stores, jobs and renderers
// take their time from the clock the composition root injects, so tests can set the date and the
// suite passes on any day (and with the system clock moved ahead, as CI also runs it).
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
/** Not product code: tests and benchmarks measure and set time themselves; web/ runs in the browser. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test', 'bench', 'web', 'data', 'coverage']);
const CLOCK_MODULE = 'clock.ts';

/** Ways of reading the wall clock in JavaScript. */
const WALL_CLOCK_READS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'Date.now', pattern: /\bDate\.now\b/ },
  { name: 'new Date() without an argument', pattern: /\bnew Date\(\s*\)/ },
  { name: 'Date() called as a function', pattern: /(?<![\w.])(?<!new )Date\(\s*\)/ },
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name) ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Each line that reads the wall clock, as `file:line: what`; comments are not code. */
export function wallClockReads(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
    for (const read of WALL_CLOCK_READS) if (read.pattern.test(code)) found.push(`${file}:${index + 1}: ${read.name}`);
  });
  return found;
}

describe('one clock', () => {
  const files = sources(ROOT).map((file) => path.relative(ROOT, file));

  it('scans the product sources', () => {
    // A scan that found nothing to read would pass vacuously.
    expect(files).toEqual(
      expect.arrayContaining(['index.ts', 'clock.ts', path.join('storage', 'sqlite', 'sqliteBotState.ts'), path.join('routing', 'openingHours.ts')]),
    );
  });

  it('finds every way of reading the wall clock (the check itself)', () => {
    expect(wallClockReads('x.ts', 'const a = Date.now();\nconst b = new Date();\nconst c = Date();\nconst f = Date.now;')).toHaveLength(4);
    expect(wallClockReads('x.ts', 'const a = new Date(ms);\nconst b = new Date(now.getTime() - 5);\n// Date.now() in a comment\nconst c = toDate();')).toEqual(
      [],
    );
  });

  it('has no wall-clock reads outside clock.ts', () => {
    const reads = files.filter((file) => file !== CLOCK_MODULE).flatMap((file) => wallClockReads(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(reads).toEqual([]);
  });

  it('reads the wall clock in clock.ts', () => {
    expect(wallClockReads(CLOCK_MODULE, fs.readFileSync(path.join(ROOT, CLOCK_MODULE), 'utf8')).length).toBeGreaterThan(0);
  });
});
