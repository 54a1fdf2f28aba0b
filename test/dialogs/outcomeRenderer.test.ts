// The outcome speaks of the right person: every outcome key the renderer can reach has its
// third-person form in fi, sv and en (as the question test does for the questions), and a
// rendered outcome uses the child's and the relative's wording, the crisis numbers in the
// client's language, one 112 line and Swedish pages for Swedish answers.

import type { Activity } from 'botbuilder';
import type { AnyMachineSnapshot } from 'xstate';
import { EMERGENCY_SIGNS, type TriageResult } from '../../flows';
import { LOCALES } from '../../flows/contract';
import { createOutcomeRenderer } from '../../dialogs/outcomeRenderer';
import { keyChain } from '../../dialogs/promptRenderer';
import { DEFAULT_CATALOG } from '../../routing';
import { i18n } from '../support/dialogHarness';

const NIGHT = new Date('2026-12-02T01:00:00Z'); // Wed 03:00 Helsinki
const render = createOutcomeRenderer(DEFAULT_CATALOG, () => NIGHT);

function renderTexts(result: TriageResult): string[] {
  const snapshot = { output: result } as unknown as AnyMachineSnapshot;
  return render(snapshot, i18n.getFixedT(result.locale), result.locale)
    .filter((a: Partial<Activity>) => a.type === 'message')
    .map((a) => a.text ?? '');
}

/** Every key the renderer passes through the subject chain. */
function personKeys(): string[] {
  const catalog = DEFAULT_CATALOG;
  return [
    ...['emergency', 'urgent', 'non_urgent', 'self_care'].map((u) => `routing:urgency.${u}`),
    ...[1, 2, 3, 4].map((s) => `routing:segment.${s}`),
    ...[...EMERGENCY_SIGNS, 'reported'].map((s) => `routing:outcome.emergency.${s}`),
    'routing:poisoning.firstAid',
    ...catalog.emergency.map((l) => l.textKey),
    ...catalog.roundTheClock.map((r) => r.callScriptKey),
    ...['moodPositive', 'moodNegative', 'auditLow', 'auditRisk'].map((k) => `routing:screening.${k}`),
    // Titles name the advice and speak of nobody; the sections and "when to seek care" do.
    ...catalog.selfCare.flatMap((a) => [...a.sections, ...a.seekCare].map((s) => s.key)),
  ];
}

describe('outcome wording for the person it is about', () => {
  it('every reachable outcome key has its third-person form in fi, sv and en', () => {
    const missing: string[] = [];
    for (const locale of LOCALES) {
      for (const key of new Set(personKeys())) {
        if (!i18n.exists(key, { lng: locale })) missing.push(`${locale} ${key}`);
        for (const kind of ['child', 'adult'] as const) {
          const [specific, proxy] = keyChain(key, kind);
          if (!i18n.exists(specific!, { lng: locale }) && !i18n.exists(proxy!, { lng: locale })) missing.push(`${locale} ${key} (${kind})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('an urgent child at night: 116117 first with what to say, in the child wording', () => {
    for (const locale of LOCALES) {
      const t = i18n.getFixedT(locale);
      const result: TriageResult = {
        outcome: 'completed',
        locale,
        topic: 'urinary',
        urgency: 'urgent',
        subject: { kind: 'child', ageBand: '7to11' },
        answers: {},
        flags: [],
      };
      const lines = renderTexts(result);
      expect(lines[0]).toBe(t('routing:urgency.urgent_child'));
      expect(lines).toContain(`${t('routing:emergency.call116117_child')}\n${t('routing:callScript.health_child')}`);
      expect(lines[lines.length - 1]).toBe(t('routing:emergency.safetyNet_child'));
    }
  });

  it('after a money or housing matter the safety net is the social and crisis emergency service, not "if you get worse"', () => {
    for (const locale of LOCALES) {
      const t = i18n.getFixedT(locale);
      const money: TriageResult = { outcome: 'completed', locale, topic: 'money', urgency: 'non_urgent', subject: { kind: 'self' }, answers: {}, flags: [] };
      const lines = renderTexts(money);
      expect(lines[lines.length - 1]).toBe(t('routing:emergency.safetyNetSocial'));
      expect(lines[lines.length - 1]).toContain('09 816 42439');
      const relative = renderTexts({ ...money, subject: { kind: 'adult', relationship: 'parent', consent: 'agrees' } });
      expect(relative[relative.length - 1]).toBe(t('routing:emergency.safetyNetSocial_proxy'));
      const health = renderTexts({ ...money, topic: 'skin' });
      expect(health[health.length - 1]).toBe(t('routing:emergency.safetyNet'));
    }
  });

  it('the crisis answer: warm, one 112 line, "stay with them" for a relative, MIELI numbers in the client language', () => {
    const sv = i18n.getFixedT('sv');
    const relative = renderTexts({
      outcome: 'emergency',
      locale: 'sv',
      urgency: 'emergency',
      emergencySign: 'suicide',
      subject: { kind: 'adult', consent: 'agrees' },
      answers: {},
      flags: [],
    });
    expect(relative[0]).toBe(sv('routing:outcome.emergency.suicide_proxy'));
    expect(relative.filter((l) => /\b112\b/.test(l))).toHaveLength(1);
    // The headline names the crisis line with its numbers too; the catalog line follows it.
    expect(relative[0]).toContain('09 2525 0112');
    const mieli = relative.slice(1).find((l) => l.includes('MIELI'))!;
    expect(mieli).toContain('09 2525 0112');
    expect(mieli).toContain('09 2525 0111');
    expect(mieli).toContain('https://mieli.fi/sv');
    const self = renderTexts({
      outcome: 'emergency',
      locale: 'fi',
      urgency: 'emergency',
      emergencySign: 'suicide',
      subject: { kind: 'self' },
      answers: {},
      flags: [],
    });
    expect(self[0]).toBe(i18n.getFixedT('fi')('routing:outcome.emergency.suicide'));
    expect(self.find((l) => l.includes('MIELI'))).toContain('09 2525 0111');
    expect(self.filter((l) => /\b112\b/.test(l))).toHaveLength(1);
  });

  it('a poisoning: the Poison Information Centre with its number and first aid for a child; no queue', () => {
    const fi = i18n.getFixedT('fi');
    const lines = renderTexts({
      outcome: 'emergency',
      locale: 'fi',
      urgency: 'emergency',
      emergencySign: 'poisoning',
      subject: { kind: 'child', ageBand: '1to6' },
      answers: {},
      flags: [],
    });
    expect(lines[0]).toBe(fi('routing:outcome.emergency.poisoning_child'));
    expect(lines[0]).toContain('0800 147 111');
    expect(lines[1]).toBe(fi('routing:poisoning.firstAid_child'));
    expect(lines.some((l) => l.includes(fi('routing:queue.openNow')))).toBe(false);
  });

  it('self-care covers the symptoms the person has, and times the follow-up from the duration they gave', () => {
    const en = i18n.getFixedT('en');
    const base: TriageResult = {
      outcome: 'completed',
      locale: 'en',
      topic: 'respiratory',
      urgency: 'self_care',
      subject: { kind: 'self' },
      answers: {},
      flags: [],
    };
    const cough = renderTexts({ ...base, answers: { 'respiratory.symptoms': ['symptoms.cough'], 'respiratory.duration': 'duration.underWeek' } }).join('\n');
    expect(cough).toContain(en('routing:selfCare.respiratory_infection.cough'));
    expect(cough).not.toContain(en('routing:selfCare.respiratory_infection.runnyNose'));
    const urinaryDays = renderTexts({ ...base, topic: 'urinary', urgency: 'non_urgent', answers: { 'urinary.duration': 'duration.days' } }).join('\n');
    expect(urinaryDays).toContain(en('routing:selfCare.urinary_infection.seekCareLonger'));
    expect(urinaryDays).not.toContain(en('routing:selfCare.urinary_infection.seekCare'));
    const toothache = renderTexts({ ...base, topic: 'dental', urgency: 'non_urgent', answers: { 'dental.pain': 'pain.mild' } }).join('\n');
    expect(toothache).not.toContain(en('routing:selfCare.oral_health.gums'));
    expect(toothache).toContain(en('routing:selfCare.oral_health.pain'));
    const childFever = renderTexts({ ...base, subject: { kind: 'child', ageBand: '1to6' }, answers: { 'respiratory.symptoms': ['symptoms.fever'] } }).join(
      '\n',
    );
    expect(childFever).toContain(en('routing:selfCare.respiratory_infection.fever_child'));
  });

  it('a service named is reachable from the same message: the queue phone, the Swedish page', () => {
    const human = renderTexts({ outcome: 'human', locale: 'sv', subject: { kind: 'self' }, answers: {}, flags: [] });
    expect(human.find((l) => l.startsWith('Allmän kundtjänst'))).toContain('029 151 2000');
    const declined = renderTexts({ outcome: 'declined', locale: 'sv', answers: {}, flags: ['consent_declined'] });
    expect(declined.join('\n')).toContain('https://www.luvn.fi/sv');
  });

  it('AUDIT-C and the mood screen in plain words, with the score and the limit', () => {
    const fi = i18n.getFixedT('fi');
    const lines = renderTexts({
      outcome: 'completed',
      locale: 'fi',
      topic: 'mental',
      urgency: 'non_urgent',
      subject: { kind: 'self' },
      flags: ['alcohol_risk'],
      answers: {
        'mental.moodLow': false,
        'mental.moodInterest': false,
        'mental.auditFrequency': 'auditFrequency.fourPlusWeek',
        'mental.auditQuantity': 'auditQuantity.fiveSix',
        'mental.auditBinge': 'auditBinge.weekly',
        'mental.sex': 'sex.male',
      },
    });
    expect(lines).toContain(fi('routing:screening.moodNegative'));
    expect(lines).toContain(fi('routing:screening.auditRisk', { score: 9, limit: 6 }));
    expect(lines.findIndex((l) => l.startsWith(fi('routing:selfCare.alcohol_use.title')))).toBeGreaterThan(-1);
    expect(lines.some((l) => l.startsWith(fi('routing:selfCare.mental_wellbeing.title')))).toBe(false);
  });
});
