/**
 * Sums a V8 `.cpuprofile` (from `node --cpu-prof`) by function and by file or package: self
 * time (the function itself, natives it calls included) and inclusive time (each sample counted
 * once per distinct function on its stack). Prints the top N of each, in µs per turn when the
 * number of turns is given.
 *
 *   node dist/bench/cpuProfile.js <file.cpuprofile> [top=30] [turns] [inclusive-filter-regexp]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A node's file, shortened to `node_modules/<package>/…` or the project's own path. */
function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const packaged = /\/node_modules\/(.*)$/.exec(url);
  if (packaged) return `node_modules/${packaged[1]}`;
  const own = /\/dist\/(.*)$/.exec(url);
  return own ? `dist/${own[1]}` : url.replace(/^file:\/\//, '');
}

/** The package (node_modules/<name> or node_modules/@scope/name) or the file a node belongs to. */
function moduleOf(url: string): string {
  const short = shortUrl(url);
  if (!short.startsWith('node_modules/')) return short;
  const parts = short.split('/');
  return parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/');
}

const keyOf = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

function add(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

function main(): void {
  const [file, topArg, turnsArg, filterArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpuProfile.js <file.cpuprofile> [top] [turns] [inclusive-filter]');
  const top = Number(topArg ?? 30);
  const turns = turnsArg === undefined ? undefined : Number(turnsArg);
  const filter = filterArg === undefined ? undefined : new RegExp(filterArg);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, index) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfByNode) {
    const node = nodes.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    busy += micros;
    add(byFunction, keyOf(node), micros);
    add(byModule, moduleOf(node.callFrame.url), micros);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const key = keyOf(nodes.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, micros);
    }
  }
  const figure = (micros: number) =>
    `${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %${turns ? ` ${(micros / turns).toFixed(1).padStart(8)} µs/turn` : ''}`;
  const print = (title: string, map: Map<string, number>, keep: (key: string) => boolean = () => true) => {
    process.stdout.write(`--- ${title}\n`);
    for (const [key, micros] of [...map]
      .filter(([key]) => keep(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top))
      process.stdout.write(`${figure(micros)}  ${key}\n`);
  };
  process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms${turns ? `, ${(busy / turns).toFixed(0)} µs per turn` : ''}\n`);
  print('self time by function', byFunction);
  print('self time by file or package', byModule);
  print('inclusive time by function', inclusive, (key) => !key.startsWith('(root)') && (filter === undefined || filter.test(key)));
}

main();
