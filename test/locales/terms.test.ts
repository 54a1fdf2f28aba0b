// The term list (locales/terms.json): each concept has the county's word in fi/sv/en, and no
// locale file contains a form the list forbids (Sweden-Swedish terms, made-up names, jargon).

import { LOCALES } from '../../flows/contract';
import { allTexts, forbiddenRegExp, termList, type ForbiddenForm } from './localeTexts';

const terms = termList();
// understanding.json is what people type, not what they read: it must know the colloquial and
// Sweden-Swedish forms ("sned mun", "vårdcentral") precisely so that they are understood.
const texts = allTexts().filter((t) => t.ns !== 'understanding');
const rules: Array<ForbiddenForm & { concept: string }> = terms.concepts.flatMap((c) => (c.forbidden ?? []).map((f) => ({ ...f, concept: c.id })));

describe('term list', () => {
  it('gives every concept a term in fi, sv and en, once', () => {
    const ids = terms.concepts.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const missing = terms.concepts.flatMap((c) => LOCALES.filter((l) => typeof c[l] !== 'string' || c[l].trim() === '').map((l) => `${c.id}.${l}`));
    expect(missing).toEqual([]);
    expect(terms.concepts.length).toBeGreaterThanOrEqual(30);
  });

  it('states each forbidden form for known languages and namespaces, with a reason', () => {
    const namespaces = new Set(texts.map((t) => t.ns));
    for (const r of rules) {
      // Exactly one of form and pattern.
      expect(Boolean(r.form)).not.toBe(Boolean(r.pattern));
      expect(r.why.trim()).not.toBe('');
      expect(r.locales.length).toBeGreaterThan(0);
      for (const l of r.locales) expect(LOCALES).toContain(l);
      expect((r.namespaces ?? []).filter((ns) => !namespaces.has(ns))).toEqual([]);
      expect(() => forbiddenRegExp(r)).not.toThrow();
    }
  });

  it('matches forms as the rules mean them', () => {
    const rule = (concept: string, index = 0): ForbiddenForm => rules.filter((r) => r.concept === concept)[index]!;
    const glas = forbiddenRegExp(rule('alcohol_unit'));
    expect(glas.test('1–2 glas')).toBe(true);
    expect(glas.test('sex glas eller mer')).toBe(true);
    expect(glas.test('ett glas (12 cl) vin')).toBe(false);
    const kela = forbiddenRegExp(rule('social_insurance', 1));
    expect(kela.test('ansök hos Kela')).toBe(true);
    expect(kela.test('hos FPA (kela.fi)')).toBe(false);
    const helg = forbiddenRegExp(rule('weekend'));
    expect(helg.test('Kvällar och helg')).toBe(true);
    expect(helg.test('helgdagar')).toBe(false);
    const helpline = forbiddenRegExp(rule('medical_helpline', 2));
    expect(helpline.test('call the medical helpline 116117')).toBe(true);
    expect(helpline.test('call the Medical Helpline 116117')).toBe(false);
  });

  it('finds no forbidden form in any locale file', () => {
    const found: string[] = [];
    for (const r of rules) {
      const re = forbiddenRegExp(r);
      for (const t of texts) {
        if (!r.locales.includes(t.locale) || (r.namespaces && !r.namespaces.includes(t.ns))) continue;
        const m = re.exec(t.value);
        if (m) found.push(`${t.locale}/${t.ns}.json ${t.key}: "${m[0]}" (${r.concept}: ${r.why})`);
      }
    }
    expect(found).toEqual([]);
  });
});
