import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n as I18nInstance, type TFunction } from 'i18next';
import { LOCALES, type Locale } from '../flows/contract';
import { LOCALES_DIR } from '../paths';

export type { TFunction };

/** Resources of one language: namespace -> nested keys. */
export type LocaleResources = Record<string, Record<string, unknown>>;

/** Reads locales/<lng>/<namespace>.json for every language. */
export function loadLocaleResources(dir: string = LOCALES_DIR): Record<Locale, LocaleResources> {
  const result = {} as Record<Locale, LocaleResources>;
  for (const lng of LOCALES) {
    const lngDir = path.join(dir, lng);
    const resources: LocaleResources = {};
    for (const file of fs
      .readdirSync(lngDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      resources[path.basename(file, '.json')] = JSON.parse(fs.readFileSync(path.join(lngDir, file), 'utf8')) as Record<string, unknown>;
    }
    result[lng] = resources;
  }
  return result;
}

/** One initialised i18next instance; render with `getFixedT(locale)`, never changeLanguage per turn. */
export function createI18n(resources: Record<Locale, LocaleResources> = loadLocaleResources()): I18nInstance {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'fi',
    fallbackLng: 'fi',
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources.fi),
    defaultNS: 'common',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Maps a BCP 47 tag such as 'sv-FI' or 'en-US' to a supported locale, or undefined. */
export function toLocale(tag: unknown): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary ?? '') ? (primary as Locale) : undefined;
}
