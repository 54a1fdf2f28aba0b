// Pure transition tests of the triage machine: entry, global words, red flags,
// correction, persistence.

import { buildResult } from '../../flows/result';
import { summaryItems } from '../../flows/summary';
import { answers, entryFor, promptOf, roundTrip, send, start } from './drive';

describe('entry', () => {
  it('starts at the language question in the input locale and switches language by answer', () => {
    const s0 = start('sv');
    expect(promptOf(s0)?.key).toBe('entry:language.question');
    expect(s0.context.locale).toBe('sv');
    expect(send(s0, ...answers('language.en')).context.locale).toBe('en');
  });

  it('declining the privacy notice ends with nothing stored', () => {
    const s = send(start(), ...answers('language.fi', 'privacy.decline'));
    expect(s.status).toBe('done');
    expect(s.output).toEqual({ outcome: 'declined', locale: 'fi', answers: {}, flags: ['consent_declined'] });
    expect(s.context.answers).toEqual({});
  });

  it('an emergency sign on the screen ends in the emergency outcome at once', () => {
    const s = send(start(), ...answers('language.fi', 'privacy.accept', 'emergency.stroke'));
    expect(s.value).toBe('emergency');
    expect(s.output?.urgency).toBe('emergency');
    expect(s.output?.emergencySign).toBe('stroke');
  });

  it('an adult who does not know gets advice only, without health questions', () => {
    const s = send(start(), ...entryFor({ adult: 'parent', consent: 'unaware' }, 'skin'));
    expect(s.value).toBe('done');
    expect(s.output?.flags).toContain('adult_no_consent');
    expect(s.output?.urgency).toBeUndefined();
    expect(Object.keys(s.output?.answers ?? {}).some((id) => id.startsWith('skin.'))).toBe(false);
  });

  it('a teenager gets the confidentiality flag', () => {
    const s = send(
      start(),
      ...entryFor({ child: '12to17' }, 'other'),
      ...answers('need.somethingElse', 'childCondition.asUsual', 'Kiusaamista koulussa', 'area.social', false),
    );
    const done = send(s, ...answers('coping.easy', 'needs.few', 'duration.occasional', 'summary.confirm'));
    expect(done.output?.flags).toContain('teen_confidentiality');
    expect(done.output?.subject).toEqual({ kind: 'child', ageBand: '12to17' });
  });

  it('ignores invalid answers', () => {
    const s = send(start(), ...answers('language.fi'));
    expect(send(s, ...answers('privacy.maybe')).value).toEqual({ entry: 'privacy' });
    expect(send(s, ...answers(true)).value).toEqual({ entry: 'privacy' });
  });
});

describe('global words', () => {
  const inSkin = () => send(start(), ...entryFor('self', 'skin'));

  it('BACK returns to the previous question; RESTART to the start with the same language', () => {
    const s = send(inSkin(), ...answers(false));
    expect(s.value).toEqual({ skin: 'fever' });
    expect(send(s, { type: 'BACK' }).value).toEqual({ skin: 'airway' });
    expect(send(s, { type: 'BACK' }, { type: 'BACK' }).value).toEqual({ entry: 'topic' });
    const restarted = send(s, { type: 'SET_LOCALE', locale: 'sv' }, { type: 'RESTART' });
    expect(restarted.value).toEqual({ entry: 'language' });
    expect(restarted.context.answers).toEqual({});
    expect(restarted.context.locale).toBe('sv');
  });

  it('HUMAN carries what is known so far; END ends; EMERGENCY_SIGN goes to the emergency outcome', () => {
    const s = send(inSkin(), ...answers(false, true));
    const human = send(s, { type: 'HUMAN' });
    expect(human.output).toMatchObject({ outcome: 'human', topic: 'skin', answers: { 'skin.airway': false, 'skin.fever': true } });
    expect(send(s, { type: 'END' }).output?.outcome).toBe('ended');
    expect(send(s, { type: 'EMERGENCY_SIGN', sign: 'suicide' }).output).toMatchObject({ outcome: 'emergency', emergencySign: 'suicide' });
  });
});

describe('red flags', () => {
  it('petechiae with fever ends the skin set as sepsis; without fever it does not', () => {
    const s = send(start(), ...entryFor({ child: '1to6' }, 'skin'), ...answers(false, 'childCondition.asUsual'));
    expect(send(s, ...answers(true, true)).output?.emergencySign).toBe('sepsis');
    expect(send(s, ...answers(false, true)).value).toEqual({ skin: 'spread' });
  });

  it('a suicide plan is an emergency; thoughts without a plan are a same-day crisis', () => {
    const s = send(start(), ...entryFor('self', 'mental'), ...answers(['concern.mood'], true));
    expect(send(s, ...answers(true)).output?.emergencySign).toBe('suicide');
    const rest = send(s, ...answers(false, false, true, true, 'auditFrequency.never'));
    const done = send(rest, ...answers('coping.difficult', 'needs.many', 'duration.continuous', 'summary.confirm'));
    expect(done.output).toMatchObject({ urgency: 'urgent', segment: 4, guidanceLevel: 'intensive' });
    expect(done.output?.flags).toEqual(expect.arrayContaining(['crisis', 'mood_screen_positive']));
  });
});

describe('summary and correction', () => {
  const toSummary = () =>
    send(start(), ...entryFor('self', 'urinary'), ...answers(false, 'sex.female', ['symptoms.burning'], false, false, false, false, 'duration.days', false));

  it('lists the answers on the path and confirms', () => {
    const s = toSummary();
    expect(promptOf(s)?.kind).toBe('summary');
    const items = summaryItems(s.context);
    expect(items.find((i) => i.questionId === 'urinary.sex')).toMatchObject({ valueKeys: ['urinary:sex.options.female'], correctable: true });
    expect(items.find((i) => i.questionId === 'entry.topic')?.correctable).toBe(false);
    expect(send(s, ...answers('summary.confirm')).output?.urgency).toBe('non_urgent');
  });

  it('correcting keeps answers that stay valid and asks only what the new answer needs', () => {
    const s = toSummary();
    const atSex = send(s, { type: 'CORRECT', questionId: 'urinary.sex' });
    expect(atSex.value).toEqual({ urinary: 'sex' });
    // Male: pregnancy and discharge no longer apply; the rest is kept and we are back at the summary.
    const back = send(atSex, ...answers('sex.male'));
    expect(back.value).toBe('summary');
    expect(back.context.answers['urinary.pregnant']).toBeUndefined();
    expect(back.context.answers['urinary.duration']).toBe('duration.days');
    expect(send(back, ...answers('summary.confirm')).output?.urgency).toBe('non_urgent');
    // Fever now: same-day.
    const fever = send(s, { type: 'CORRECT', questionId: 'urinary.fever' }, ...answers(true), ...answers('summary.confirm'));
    expect(fever.output?.urgency).toBe('urgent');
  });

  it('correcting an option that opens a new question asks it', () => {
    const s = send(start(), ...entryFor('self', 'mental'), ...answers(['concern.sleep'], false, false, false, false, 'auditFrequency.never'));
    const summary = send(s, ...answers('coping.easy', 'needs.few', 'duration.occasional'));
    expect(summary.value).toBe('summary');
    const corrected = send(summary, { type: 'CORRECT', questionId: 'mental.auditFrequency' }, ...answers('auditFrequency.fourPlusWeek'));
    expect(corrected.value).toEqual({ mental: 'auditQuantity' });
    const done = send(corrected, ...answers('auditQuantity.threeFour', 'auditBinge.monthly', 'sex.male', 'ageGroup.18to64'));
    expect(done.value).toBe('summary');
    expect(buildResult(done.context).flags).toContain('alcohol_risk');
  });

  it('BACK during a correction returns to the summary', () => {
    const s = send(toSummary(), { type: 'CORRECT', questionId: 'urinary.fever' }, { type: 'BACK' });
    expect(s.value).toBe('summary');
  });
});

describe('persistence', () => {
  it('continues identically after a JSON round trip mid-flow', () => {
    const s = send(start(), ...entryFor({ child: 'under1' }, 'respiratory'), ...answers(false, 'childCondition.asUsual'));
    const restored = roundTrip(s);
    const events = answers(['symptoms.fever'], 1, 'condition.good', 'duration.underWeek', false, 'summary.confirm');
    expect(send(restored, ...events).output).toEqual(send(s, ...events).output);
    expect(send(restored, ...events).output?.urgency).toBe('urgent');
  });
});

describe('poisoning fast path', () => {
  it('from the emergency screen: one question, then the Poison Information Centre or 112', () => {
    const screen = send(start('sv'), ...answers('language.sv', 'privacy.accept'));
    const asked = send(screen, ...answers('emergency.poisoning'));
    expect(asked.value).toEqual({ poisoning: 'symptoms' });
    expect(send(asked, ...answers(false)).output).toMatchObject({ outcome: 'emergency', urgency: 'emergency', emergencySign: 'poisoning' });
    expect(send(asked, ...answers(true)).output).toMatchObject({ outcome: 'emergency', emergencySign: 'poisoning_severe' });
  });

  it('from typed words at any question; other signs still go straight to 112', () => {
    const midway = send(start(), ...entryFor('self', 'money'), ...answers(['situation.rent']));
    expect(send(midway, { type: 'EMERGENCY_SIGN', sign: 'poisoning' }).value).toEqual({ poisoning: 'symptoms' });
    expect(send(midway, { type: 'EMERGENCY_SIGN', sign: 'stroke' }).output).toMatchObject({ outcome: 'emergency', emergencySign: 'stroke' });
  });
});

describe('children', () => {
  it('a limp or hard-to-wake child is an emergency in every health set', () => {
    for (const [topic, before] of [
      ['skin', [false]],
      ['respiratory', [false]],
      ['dental', [false]],
      ['urinary', [false]],
      ['other', ['need.somethingElse']],
    ] as const) {
      const s = send(start(), ...entryFor({ child: '1to6' }, topic), ...answers(...before, 'childCondition.limp'));
      expect(s.output?.emergencySign).toBe('child_limp');
    }
  });

  it('a fever under one year is never self-care or non-urgent', () => {
    const s = send(
      start(),
      ...entryFor({ child: 'under1' }, 'respiratory'),
      ...answers(false, 'childCondition.asUsual', ['symptoms.fever'], 0, 'condition.good', 'duration.underWeek', false, 'summary.confirm'),
    );
    expect(s.output?.urgency).toBe('urgent');
  });

  it('questions that make no sense for the age band are not asked', () => {
    const infant = send(start(), ...entryFor({ child: 'under1' }, 'mental'), ...answers(['concern.sleep']));
    expect(infant.value).toEqual({ mental: 'moodLow' });
    const afterMood = send(infant, ...answers(false, false));
    expect(afterMood.value).toEqual({ segment: 'coping' });
    // A school-age child's parent is asked whether the child copes at home and is often home alone.
    const child = send(start(), ...entryFor({ child: '7to11' }, 'homecare'), ...answers(false, false, true));
    expect(child.value).toEqual({ homecare: 'livesAlone' });
    // A small child's parent is asked about daily help, falls and the family's coping instead.
    const small = send(start(), ...entryFor({ child: '1to6' }, 'homecare'), ...answers(false, false));
    expect(small.value).toEqual({ homecare: 'dailyHelp' });
    const afterFall = send(small, ...answers('dailyHelp.sometimes', false));
    expect(afterFall.value).toEqual({ homecare: 'caregiverStrain' });
    // An older person's relative is asked about memory and medicines after falls.
    const adult = send(
      start(),
      ...entryFor({ adult: 'parent', consent: 'agrees' }, 'homecare'),
      ...answers(false, false, true, true, 'dailyHelp.daily', false),
    );
    expect(adult.value).toEqual({ homecare: 'memory' });
  });

  it('coping at home: the emergency answer names the sign the person said (stroke signs or sudden confusion)', () => {
    const relative = entryFor({ adult: 'parent', consent: 'agrees' }, 'homecare');
    const stroke = send(start(), ...relative, ...answers(true));
    expect([stroke.output?.urgency, stroke.output?.emergencySign]).toEqual(['emergency', 'stroke']);
    const confused = send(start(), ...relative, ...answers(false, true));
    expect([confused.output?.urgency, confused.output?.emergencySign]).toEqual(['emergency', 'deterioration']);
  });
});
