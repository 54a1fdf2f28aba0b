// The four customer paths of the source model, end to end through the flow and routing.

import { DEFAULT_CATALOG, route, buildOutcomePayload } from '../../routing';
import { answers, entryFor, send, start } from './drive';

// Tuesday 2026-11-24 10:00 in Helsinki (08:00 UTC): weekday office hours.
const TUESDAY_MORNING = new Date('2026-11-24T08:00:00Z');

describe('customer paths of the source model', () => {
  it("1: a daughter for her father's long-standing rash", () => {
    const s = send(
      start(),
      ...entryFor({ adult: 'parent', consent: 'agrees' }, 'skin'),
      ...answers(false, false, false, 'spread.several', 'duration.months', ['symptoms.itch'], 'cause.unknown', 'selfCareTried.triedNoHelp'),
      { type: 'SKIP' },
      ...answers('summary.confirm'),
    );
    expect(s.output).toMatchObject({
      outcome: 'completed',
      topic: 'skin',
      urgency: 'non_urgent',
      subject: { kind: 'adult', relationship: 'parent', consent: 'agrees' },
    });
    const recs = route(s.output!, DEFAULT_CATALOG, TUESDAY_MORNING);
    expect(recs.map((r) => `${r.kind}:${r.id}`)).toEqual([
      'selfcare:skin_rash',
      // He knows and agrees, so he can give his daughter a mandate.
      'resource:suomi_fi_mandates',
      'queue:digital_clinic',
      'queue:general_customer_service',
      'emergency:safety_net',
    ]);
  });

  it("2: a parent for a 3-year-old's skin changes, with a photo", () => {
    const s = send(
      start('fi'),
      ...entryFor({ child: '1to6' }, 'skin'),
      ...answers(
        false,
        'childCondition.asUsual',
        false,
        false,
        'spread.several',
        'duration.days',
        ['symptoms.itch', 'symptoms.blisters'],
        'cause.unknown',
        'selfCareTried.notTried',
        ['upload-1'],
      ),
      ...answers('summary.confirm'),
    );
    expect(s.output).toMatchObject({ topic: 'skin', urgency: 'non_urgent', subject: { kind: 'child', ageBand: '1to6' } });
    expect(s.output?.answers['skin.photo']).toEqual(['upload-1']);
    expect(s.output?.flags).toContain('photo_attached');
    const recs = route(s.output!, DEFAULT_CATALOG, TUESDAY_MORNING);
    expect(recs).toContainEqual({ kind: 'queue', id: 'digital_clinic', open: true });
    expect(buildOutcomePayload(s.output!, recs)).toMatchObject({ topic: 'skin', urgency: 'non_urgent', segment: null });
  });

  it('3: an unemployed man whose rent is too high', () => {
    const s = send(
      start(),
      ...entryFor('self', 'money'),
      ...answers(['situation.jobLoss', 'situation.rent'], false, false, false, false, 'work.unemployed'),
      ...answers('coping.temporarilyDifficult', 'needs.few', 'duration.temporary', 'summary.confirm'),
    );
    expect(s.output).toMatchObject({ topic: 'money', urgency: 'non_urgent', segment: 2, guidanceLevel: 'client_guidance' });
    const ids = route(s.output!, DEFAULT_CATALOG, TUESDAY_MORNING).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['money_matters', 'debt_line', 'debt_advice', 'kela', 'social_guidance']));
    expect(ids.indexOf('debt_advice')).toBeLessThan(ids.indexOf('social_guidance'));
  });

  it('4: a mother with urinary symptoms handled without a visit', () => {
    const s = send(
      start(),
      ...entryFor('self', 'urinary'),
      ...answers(false, 'sex.female', ['symptoms.burning', 'symptoms.frequency'], false, false, false, false, 'duration.days', false, 'summary.confirm'),
    );
    expect(s.output).toMatchObject({ topic: 'urinary', urgency: 'non_urgent' });
    expect(s.output?.segment).toBeUndefined();
    const recs = route(s.output!, DEFAULT_CATALOG, TUESDAY_MORNING);
    expect(recs[0]).toEqual({ kind: 'selfcare', id: 'urinary_infection' });
    expect(recs).toContainEqual({ kind: 'queue', id: 'digital_clinic', open: true });
    expect(recs[recs.length - 1]).toEqual({ kind: 'emergency', id: 'safety_net' });
  });
});
