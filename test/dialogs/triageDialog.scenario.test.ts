import type { Activity } from 'botbuilder';
import { DialogHarness, i18n, texts } from '../support/dialogHarness';

const sv = i18n.getFixedT('sv');
const press = (choice: string): Partial<Activity> => ({ type: 'message', value: { choice } });
const yesNo = (yes: boolean): Partial<Activity> => ({ type: 'message', value: { choice: yes ? 'yes' : 'no' } });

describe('a mother with urinary symptoms on a Saturday night, in Swedish, through the dialog', () => {
  it('summarises, lets her correct an answer, and routes with the queue closed until it opens', async () => {
    const h = new DialogHarness({ locale: 'sv-FI' });
    h.now = new Date('2026-11-28T21:30:00Z'); // Saturday 23.30 in Helsinki
    await h.join('sv-FI');
    await h.send('svenska');
    await h.send('det går bra');
    await h.send(press('emergency.none'));
    await h.send(press('subject.self'));
    const firstQuestion = await h.send(press('topic.urinary'));
    expect(texts(firstQuestion).length).toBeGreaterThan(0);
    await h.send(yesNo(false));
    await h.send(press('sex.female'));
    const card = await h.send({ type: 'message', value: { multiChoice: true, choices: 'symptoms.burning,symptoms.frequency' } });
    expect(card.some((r) => (r.attachments ?? []).length > 0) || texts(card).length > 0).toBe(true);
    for (let i = 0; i < 4; i += 1) await h.send(yesNo(false));
    await h.send(press('duration.days'));
    const summary = await h.send(yesNo(false));

    // The summary lists her answers in Swedish and offers a correction button per topic answer.
    const [list, question] = texts(summary);
    expect(list!.startsWith(sv('entry:summary.intro'))).toBe(true);
    expect(list).toContain(sv('urinary:symptoms.options.burning'));
    expect(question!.startsWith(sv('entry:summary.question'))).toBe(true);
    const buttons = summary[summary.length - 1]!.suggestedActions!.actions;
    expect(buttons[0]!.title).toBe(sv('entry:summary.options.confirm'));
    const durationButton = buttons.find((b) => (b.value as { correct?: string }).correct === 'urinary.duration');
    expect(durationButton).toBeDefined();

    // Correcting one answer asks just that question again, then returns to the summary.
    const reasked = await h.send({ type: 'message', value: durationButton!.value });
    expect(texts(reasked)[texts(reasked).length - 1]).toBe(sv('urinary:duration.question'));
    const back = await h.send(press('duration.days'));
    expect(texts(back)[texts(back).length - 1]!.startsWith(sv('entry:summary.question'))).toBe(true);

    const outcome = await h.send(press('summary.confirm'));
    const payload = DialogHarness.outcome(outcome) as {
      topic: string;
      urgency: string;
      subject: { kind: string };
      recommendations: { kind: string; id: string }[];
    };
    expect(payload).toMatchObject({ topic: 'urinary', urgency: 'non_urgent', subject: { kind: 'self' } });
    expect(payload.recommendations[0]).toEqual({ kind: 'selfcare', id: 'urinary_infection' });
    expect(payload.recommendations[payload.recommendations.length - 1]).toEqual({ kind: 'emergency', id: 'safety_net' });

    // The closed queue is not offered as "chat now" but with its next opening, in Swedish, in Helsinki time.
    const lines = texts(outcome);
    expect(lines).toContain(sv('routing:urgency.non_urgent'));
    expect(lines.some((l) => l.includes(sv('routing:queue.openNow')))).toBe(false);
    const closed = lines.find((l) => l.includes(sv('routing:queue.closed', { time: '' }).split(' ')[0]!));
    expect(closed).toMatch(/måndag/);
    expect(lines[lines.length - 1]).toBe(sv('routing:emergency.safetyNet'));
  });
});
