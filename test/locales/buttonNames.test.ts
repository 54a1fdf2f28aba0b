// Button names in running text are quoted (”Jatka”) and are the labels the client actually
// sees, so an instruction never names a button that does not exist; the summary names its
// correction button by the label the buttons carry.

import { LOCALES } from '../../flows/contract';
import { allTexts } from './localeTexts';

const texts = allTexts();
const QUOTED = /[”“]([^”“]+)”/g;
// The phone's own camera setting, quoted as the phone shows it, not a button of ours.
const PHONE_SETTING = 'common:photo.refused.unreadable';

describe('button names in texts', () => {
  it('are labels of this language', () => {
    const unknown: string[] = [];
    let quoted = 0;
    for (const l of LOCALES) {
      const mine = texts.filter((t) => t.locale === l);
      const labels = new Set(mine.map((t) => t.value));
      for (const t of mine) {
        if (`${t.ns}:${t.key}` === PHONE_SETTING) continue;
        for (const m of t.value.matchAll(QUOTED)) {
          quoted++;
          if (!labels.has(m[1]!)) unknown.push(`${l} ${t.ns}:${t.key} quotes "${m[1]}", which no button shows`);
        }
      }
    }
    expect(unknown).toEqual([]);
    expect(quoted).toBeGreaterThanOrEqual(9);
  });

  it('name the correction button of the summary as its label reads', () => {
    for (const l of LOCALES) {
      const value = (ns: string, key: string): string => texts.find((t) => t.locale === l && t.ns === ns && t.key === key)!.value;
      const button = value('common', 'summary.correct').replace('{{n}}', '').trim();
      expect(value('entry', 'summary.intro')).toContain(button);
    }
  });
});
