// Questions are rendered once per prompt, language and person, and handed out as copies: what a
// caller or channel does to a sent activity never shows in the next time the question is asked.
import { DialogHarness, texts } from '../support/dialogHarness';

const buttons = (replies: Awaited<ReturnType<DialogHarness['send']>>) => replies.flatMap((r) => r.suggestedActions?.actions ?? []).map((a) => a.title);

describe('memoized questions', () => {
  it('a question asked again is the same after the first copy was changed', async () => {
    const harness = new DialogHarness({ understanding: false });
    await harness.join('fi-FI');
    const first = await harness.send('mitä ihmettä');
    const firstTexts = texts(first);
    const firstButtons = buttons(first);
    expect(firstButtons.length).toBeGreaterThan(1);
    // Change everything the caller could reach in the activities it got.
    for (const reply of first) {
      reply.text = 'muutettu';
      reply.suggestedActions?.actions.push({ type: 'imBack', title: 'lisätty', value: 'x' });
      reply.suggestedActions?.actions.forEach((action) => (action.title = 'muutettu'));
    }
    // The second miss adds the dead-end help and its two buttons after the same question.
    const again = await harness.send('mitä ihmettä');
    expect(texts(again).at(-1)).toBe(firstTexts.at(-1));
    expect(buttons(again).slice(0, firstButtons.length)).toEqual(firstButtons);
    expect(buttons(again)).toHaveLength(firstButtons.length + 2);
  });

  it('the same question in another language is rendered in that language', async () => {
    const fi = new DialogHarness({ understanding: false });
    const sv = new DialogHarness({ understanding: false });
    const inFinnish = buttons(await fi.join('fi-FI'));
    const inSwedish = buttons(await sv.join('sv-FI'));
    expect(inFinnish.length).toBeGreaterThan(1);
    expect(inSwedish).toHaveLength(inFinnish.length);
    expect(texts(await sv.send('vad då'))).not.toEqual(texts(await fi.send('mitä ihmettä')));
  });
});
