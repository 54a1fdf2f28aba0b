// Shared reading of the locale files and of locales/terms.json for the wording checks.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, type Locale } from '../../flows/contract';

type Tree = { [key: string]: string | Tree };

/** One locale string: where it lives and what it says. */
export interface LocaleText {
  locale: Locale;
  ns: string;
  key: string;
  value: string;
}

/** A form that must not appear: a whole word, or a regular expression. */
export interface ForbiddenForm {
  locales: Locale[];
  form?: string;
  pattern?: string;
  caseSensitive?: boolean;
  namespaces?: string[];
  why: string;
}

/** A concept and the county's word for it in each language. */
export interface Concept {
  id: string;
  fi: string;
  sv: string;
  en: string;
  note?: string;
  forbidden?: ForbiddenForm[];
}

/** A service a text may name only with its number or address; `catalog` is `kind:id`. */
export interface NamedService {
  catalog: string;
  names: Record<Locale, string[]>;
}

/** A web page that is not a catalog resource, with its address per language. */
export interface Page {
  id: string;
  web: Record<Locale, string>;
  source: string;
}

/** The shape of locales/terms.json. */
export interface TermList {
  about: string;
  concepts: Concept[];
  serviceNamespaces: string[];
  services: NamedService[];
  unnamedResources: Record<string, string>;
  pages: Page[];
}

export const LOCALES_ROOT = join(__dirname, '..', '..', 'locales');

function flatten(tree: Tree, prefix: string, out: Array<[string, string]>): void {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.push([key, v]);
    else flatten(v, key, out);
  }
}

/** Every string of every locale file, staff console included. */
export function allTexts(): LocaleText[] {
  return LOCALES.flatMap((locale) =>
    readdirSync(join(LOCALES_ROOT, locale))
      .filter((f) => f.endsWith('.json'))
      .flatMap((file) => {
        const pairs: Array<[string, string]> = [];
        flatten(JSON.parse(readFileSync(join(LOCALES_ROOT, locale, file), 'utf8')) as Tree, '', pairs);
        const ns = file.replace(/\.json$/, '');
        return pairs.map(([key, value]) => ({ locale, ns, key, value }));
      }),
  );
}

/** locales/terms.json. */
export function termList(): TermList {
  return JSON.parse(readFileSync(join(LOCALES_ROOT, 'terms.json'), 'utf8')) as TermList;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular expression a forbidden form stands for (whole words for plain forms). */
export function forbiddenRegExp(rule: Pick<ForbiddenForm, 'form' | 'pattern' | 'caseSensitive'>): RegExp {
  const source = rule.pattern ?? `(?<![\\p{L}\\p{N}])${escape(rule.form ?? '')}(?![\\p{L}\\p{N}])`;
  return new RegExp(source, rule.caseSensitive ? 'u' : 'iu');
}

/** Whether a text names a service: the name at the start of a word, any case. */
export function names(text: string, name: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}`, 'iu').test(text);
}
