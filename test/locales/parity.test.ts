// Locale parity: identical key sets in fi/sv/en for every namespace file, complete
// plurals, and every key the flows and the catalog reference present.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_SETS, SUMMARY_PROMPT } from '../../flows';
import { promptFor } from '../../flows/questionStates';
import { EMERGENCY_SIGNS } from '../../flows/emergencySigns';
import { DEFAULT_CATALOG } from '../../routing';

type Tree = { [key: string]: string | Tree };
const ROOT = join(__dirname, '..', '..', 'locales');
const LOCALES = ['fi', 'sv', 'en'] as const;
// common.json belongs to the bot's own wording and is checked with it.
const namespaces = readdirSync(join(ROOT, 'fi')).filter((f) => f.endsWith('.json') && f !== 'common.json').map((f) => f.replace(/\.json$/, ''));

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key).forEach((value, nested) => out.set(nested, value));
  }
  return out;
}

const load = (locale: string, ns: string) => flatten(JSON.parse(readFileSync(join(ROOT, locale, `${ns}.json`), 'utf8')) as Tree);
const all = new Map(LOCALES.map((l) => [l, new Map(namespaces.map((ns) => [ns, load(l, ns)]))]));

function has(locale: string, key: string): boolean {
  const [ns, path] = key.split(':');
  return all.get(locale as (typeof LOCALES)[number])?.get(ns!)?.has(path!) ?? false;
}

describe('locales', () => {
  it('have the same namespace files in every language', () => {
    for (const l of LOCALES) {
      expect(readdirSync(join(ROOT, l)).filter((f) => f !== 'common.json').sort()).toEqual(namespaces.map((n) => `${n}.json`).sort());
    }
    expect(namespaces.length).toBeGreaterThanOrEqual(12);
  });

  it.each(namespaces)('%s: identical keys in fi, sv and en, no empty strings', (ns) => {
    const fi = [...all.get('fi')!.get(ns)!.keys()].sort();
    for (const l of ['sv', 'en'] as const) expect([...all.get(l)!.get(ns)!.keys()].sort()).toEqual(fi);
    for (const l of LOCALES) for (const v of all.get(l)!.get(ns)!.values()) expect(v.trim()).not.toBe('');
  });

  it('has complete plurals (_one and _other) with {{count}}', () => {
    for (const l of LOCALES) {
      for (const [ns, keys] of all.get(l)!) {
        for (const [key, value] of keys) {
          const m = /^(.*)_(one|other)$/.exec(key);
          if (!m) continue;
          expect([ns, key, keys.has(`${m[1]}_one`) && keys.has(`${m[1]}_other`)]).toEqual([ns, key, true]);
          expect(value).toContain('{{count}}');
        }
      }
    }
  });

  it('has every key the question sets reference, with a third-person variant', () => {
    const missing: string[] = [];
    for (const set of ALL_SETS) {
      for (const q of set.questions) {
        const prompt = promptFor(set, q);
        const keys = [prompt.key, ...(prompt.intro ?? []), ...(prompt.options ?? []).map((o) => o.labelKey)];
        if (set.id !== 'entry') keys.push(`${prompt.key}_proxy`);
        for (const l of LOCALES) for (const k of keys) if (!has(l, k)) missing.push(`${l} ${k}`);
      }
    }
    const prompt = SUMMARY_PROMPT;
    for (const l of LOCALES) for (const k of [prompt.key, ...(prompt.intro ?? []), ...prompt.options!.map((o) => o.labelKey)]) if (!has(l, k)) missing.push(`${l} ${k}`);
    expect(missing).toEqual([]);
  });

  it('has every key the catalog and outcomes reference', () => {
    const keys = [
      ...DEFAULT_CATALOG.selfCare.flatMap((a) => [a.titleKey, ...a.sections.map((s) => s.key), ...a.seekCare.map((s) => s.key)]),
      ...DEFAULT_CATALOG.emergency.map((e) => e.textKey),
      ...EMERGENCY_SIGNS.map((s) => `routing:outcome.emergency.${s}`),
      ...['emergency', 'urgent', 'non_urgent', 'self_care'].map((u) => `routing:urgency.${u}`),
      ...[1, 2, 3, 4].map((s) => `routing:segment.${s}`),
      ...['advice', 'client_guidance', 'intensive'].map((g) => `routing:guidance.${g}`),
    ];
    const missing = LOCALES.flatMap((l) => keys.filter((k) => !has(l, k)).map((k) => `${l} ${k}`));
    expect(missing).toEqual([]);
  });

  it('uses the county Swedish terms', () => {
    const sv = [...all.get('sv')!.values()].flatMap((m) => [...m.values()]).join(' ');
    for (const term of ['Jourhjälpen 116117', 'socialhandledning', 'egenvård', 'Brådskande']) expect(sv.toLowerCase()).toContain(term.toLowerCase());
  });
});
