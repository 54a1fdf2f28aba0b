// Every service a message names carries its number or address in that same message, as the
// catalog has them; Swedish texts link the Swedish page where the catalog or term list has one.

import { LOCALES, type Locale } from '../../flows/contract';
import { DEFAULT_CATALOG, resourceWeb } from '../../routing';
import { allTexts, names, termList, type LocaleText } from './localeTexts';

const terms = termList();
const texts = allTexts();
const host = (url: string): string => url.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');

/** Numbers and addresses by which a message may reach the service, in one language. */
function contacts(ref: string, locale: Locale): string[] {
  const [kind, id] = ref.split(':');
  if (kind === 'emergency') {
    const line = DEFAULT_CATALOG.emergency.find((e) => e.id === id);
    if (!line) throw new Error(`no emergency line ${id}`);
    return [line.phone];
  }
  if (kind === 'resource') {
    const r = DEFAULT_CATALOG.resources.find((x) => x.id === id);
    if (!r) throw new Error(`no resource ${id}`);
    const phones = r.phones.filter((p) => !p.locales || p.locales.includes(locale)).map((p) => p.number);
    const web = resourceWeb(r, locale);
    return [...phones, ...(web ? [host(web)] : [])];
  }
  const page = terms.pages.find((p) => p.id === id);
  if (kind !== 'page' || !page) throw new Error(`unknown catalog reference ${ref}`);
  return [page.web[locale]];
}

/**
 * What the client sees as one message: a self-care article is its title with the sections whose
 * conditions hold and one "when to seek care" section, so each section must carry its own numbers
 * (with the title, always shown).
 */
function messages(locale: Locale): Array<{ keys: string; text: string }> {
  const mine = texts.filter((t) => t.locale === locale && terms.serviceNamespaces.includes(t.ns));
  const byKey = new Map(mine.map((t) => [`${t.ns}:${t.key}`, t]));
  const grouped = new Set<string>();
  const out: Array<{ keys: string; text: string }> = [];
  for (const a of DEFAULT_CATALOG.selfCare) {
    grouped.add(a.titleKey);
    for (const section of [...a.sections, ...a.seekCare]) {
      // Every person form of the section (`_child`, `_adult`, `_proxy`) is a message of its own.
      const forms = [...byKey.keys()].filter((k) => k === section.key || k.startsWith(`${section.key}_`));
      for (const form of forms) {
        grouped.add(form);
        const keys = [a.titleKey, form];
        out.push({ keys: keys.join(' + '), text: keys.map((k) => byKey.get(k)?.value ?? '').join('\n') });
      }
    }
  }
  for (const [k, t] of byKey) if (!grouped.has(k)) out.push({ keys: k, text: t.value });
  return out;
}

describe('services named in texts', () => {
  it('list every catalog resource, or say why a resource is not looked for by name', () => {
    const listed = new Set(terms.services.map((s) => s.catalog));
    const missing = DEFAULT_CATALOG.resources.filter((r) => !listed.has(`resource:${r.id}`) && !(r.id in terms.unnamedResources)).map((r) => r.id);
    expect(missing).toEqual([]);
    for (const s of terms.services) for (const l of LOCALES) expect(contacts(s.catalog, l).length).toBeGreaterThan(0);
  });

  it('carry the number or address in the same message', () => {
    const bare: string[] = [];
    let named = 0;
    for (const l of LOCALES) {
      for (const m of messages(l)) {
        for (const s of terms.services) {
          const name = s.names[l].find((n) => names(m.text, n));
          if (!name) continue;
          named++;
          const ways = contacts(s.catalog, l);
          if (!ways.some((w) => m.text.toLowerCase().includes(w.toLowerCase()))) bare.push(`${l} ${m.keys}: names "${name}" without ${ways.join(' / ')}`);
        }
      }
    }
    expect(bare).toEqual([]);
    // The check looked at real texts: 116117 alone is named in a dozen messages per language.
    expect(named).toBeGreaterThan(30);
  });

  it('finds a name given without its number (the check itself)', () => {
    const s = terms.services.find((x) => x.catalog === 'resource:senior_info_phone')!;
    const text = 'Seniorinfo ger råd om tjänster på vardagar.';
    expect(s.names.sv.some((n) => names(text, n))).toBe(true);
    expect(contacts(s.catalog, 'sv').some((w) => text.includes(w))).toBe(false);
  });
});

describe('Swedish pages', () => {
  const swedishPages = [
    ...DEFAULT_CATALOG.resources.filter((r) => r.web && r.webIn?.sv).map((r) => ({ id: r.id, main: host(r.web!), sv: host(r.webIn!.sv!) })),
    ...terms.pages.filter((p) => p.web.sv !== p.web.fi).map((p) => ({ id: p.id, main: p.web.fi, sv: p.web.sv })),
  ];

  it('exist in the catalog for the county and the national services that have one', () => {
    for (const id of ['county_customer_service', 'mieli_crisis_line', 'suomi_fi_mandates']) expect(swedishPages.map((p) => p.id)).toContain(id);
    for (const p of swedishPages) expect(p.sv).not.toBe(p.main);
  });

  it('are what a Swedish text links where it names the site', (): void => {
    const wrong: string[] = [];
    const check = (t: LocaleText, p: { main: string; sv: string }): void => {
      const mentionsSite = t.value.toLowerCase().includes(p.main.toLowerCase());
      if (t.locale === 'sv' && mentionsSite && !t.value.includes(p.sv)) wrong.push(`sv ${t.ns}:${t.key} links ${p.main}, not ${p.sv}`);
      if (t.locale !== 'sv' && t.value.includes(p.sv) && p.sv.includes('/sv')) wrong.push(`${t.locale} ${t.ns}:${t.key} links the Swedish page ${p.sv}`);
    };
    for (const t of texts) for (const p of swedishPages) check(t, p);
    expect(wrong).toEqual([]);
    expect(texts.some((t) => t.locale === 'sv' && t.value.includes('mielenterveystalo.fi/sv'))).toBe(true);
  });

  it('are chosen per language by the catalog', () => {
    const mieli = DEFAULT_CATALOG.resources.find((r) => r.id === 'mieli_crisis_line')!;
    expect(resourceWeb(mieli, 'sv')).toBe('https://mieli.fi/sv');
    expect(resourceWeb(mieli, 'fi')).toBe('https://mieli.fi');
    expect(resourceWeb(mieli, 'en')).toBe('https://mieli.fi');
  });
});
