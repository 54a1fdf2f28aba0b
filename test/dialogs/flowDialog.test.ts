import { MemoryStorage } from 'botbuilder';
import { triageFlow } from '../../flows';
import { LOCALE_EVENT } from '../../dialogs/flowDialog';
import { DialogHarness, i18n, texts } from '../support/dialogHarness';

const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');
const PRIVACY = ['entry:privacy.notice', 'entry:privacy.storage', 'entry:privacy.question'];

/** A harness past language and consent, at the emergency screen. */
async function atEmergencyScreen(h: DialogHarness): Promise<void> {
  await h.join();
  await h.send('suomi');
  await h.send('sopii');
}

describe('FlowDialog (triage flow, unit test through TestAdapter)', () => {
  it('welcomes in the client language and asks the first question with buttons', async () => {
    const h = new DialogHarness();
    const replies = await h.join('sv-FI');
    expect(texts(replies)).toEqual([sv('common:welcome'), sv('entry:language.question')]);
    expect(replies[1]!.suggestedActions?.actions.map((a) => a.title)).toEqual(['Suomi', 'Svenska', 'English']);
  });

  it.each([
    ['the button', (r: Parameters<typeof DialogHarness.press>[0]) => DialogHarness.press(r, 'Svenska')],
    ['the label typed without diacritics and in capitals', () => 'SVENSKA'],
    ["the option's number", () => '2'],
  ])('accepts %s as the answer', async (_how, answer) => {
    const h = new DialogHarness();
    const start = await h.join();
    const replies = await h.send(answer(start));
    expect(texts(replies)).toEqual(PRIVACY.map((key) => sv(key)));
    expect(replies.find((r) => r.type === 'event')).toMatchObject({ name: LOCALE_EVENT, value: 'sv' });
  });

  it('re-asks the question in the new language when the page switches language', async () => {
    const h = new DialogHarness();
    await h.join();
    await h.send('1');
    const replies = await h.send({ type: 'event', name: LOCALE_EVENT, value: 'sv' });
    expect(texts(replies)).toEqual([sv('entry:privacy.question')]);
    expect(replies[replies.length - 1]!.suggestedActions?.actions.map((a) => a.title)).toEqual([
      sv('entry:privacy.options.accept'),
      sv('entry:privacy.options.decline'),
    ]);
  });

  it('understands global words in every language at any point', async () => {
    const h = new DialogHarness();
    await h.join();
    await h.send('1');
    expect(texts(await h.send('börja om'))).toEqual([fi('common:session.restarted'), fi('entry:language.question')]);
    expect(texts(await h.send('back'))).toEqual([fi('common:session.cannotGoBack'), fi('entry:language.question')]);
    expect(texts(await h.send('vaihda kieltä'))).toEqual([fi('common:languagePicker')]);
    await h.send('suomi');
    expect(texts(await h.send('takaisin'))).toEqual([fi('entry:language.question')]);
    await h.send('suomi');
    const ended = await h.send('lopeta');
    expect(texts(ended)).toEqual([fi('routing:outcome.ended'), fi('routing:emergency.safetyNet')]);
    expect(DialogHarness.outcome(ended)).toMatchObject({ outcome: 'ended' });
  });

  it('answers emergency signs typed at any point with 112 before anything else, in each language', async () => {
    for (const [locale, text, t] of [
      ['fi-FI', 'isällä on kova rintakipu', fi],
      ['sv-FI', 'min pappa andas inte', sv],
    ] as const) {
      const h = new DialogHarness({ locale });
      await h.join(locale);
      const replies = await h.send(text);
      expect(DialogHarness.outcome(replies)).toMatchObject({ outcome: 'emergency', recommendations: [{ kind: 'emergency', id: 'call_112' }] });
      expect(texts(replies)[0]).toBe(t(`routing:outcome.emergency.${locale === 'fi-FI' ? 'chest_pain' : 'breathing'}`));
      // One 112 line: the headline says it, no second "call 112" line after it.
      expect(texts(replies).filter((line) => line.includes('112'))).toHaveLength(1);
    }
  });

  it('lists the options again when an answer is not recognised', async () => {
    const h = new DialogHarness();
    await atEmergencyScreen(h);
    const replies = await h.send('banaani');
    expect(texts(replies)[0]).toMatch(new RegExp(`^${fi('common:errors.notUnderstood', { options: '' }).replace(/[.]$/, '').replace(/[()]/g, '.')}`));
    expect(texts(replies)[texts(replies).length - 1]).toBe(fi('entry:emergency.question'));
  });

  it('answers a too long message with a note and keeps the question', async () => {
    const h = new DialogHarness({ maxMessageLength: 20 });
    await h.join();
    const replies = await h.send('x'.repeat(21));
    expect(texts(replies)).toEqual([fi('common:errors.tooLong', { max: 20 }), fi('entry:language.question')]);
    expect(texts(await h.send('1'))).toContain(fi('entry:privacy.question'));
  });

  it('continues where it was with a new bot over the same storage (restart)', async () => {
    const storage = new MemoryStorage();
    const first = new DialogHarness({ storage });
    await first.join();
    await first.send('1');
    const second = new DialogHarness({ storage });
    expect(texts(await second.send('sopii'))).toEqual([fi('entry:emergency.intro'), fi('entry:emergency.question')]);
  });

  it('starts afresh with a note after the idle limit', async () => {
    const h = new DialogHarness();
    await h.join();
    await h.send('1');
    h.now = new Date(h.now.getTime() + 31 * 60_000);
    expect(texts(await h.send('sopii'))).toEqual([fi('common:session.expired'), fi('entry:language.question')]);
  });

  it('starts afresh with a note when the stored snapshot is from another flow version', async () => {
    const storage = new MemoryStorage();
    const old = new DialogHarness({ storage, flow: { ...triageFlow, version: '0' } });
    await old.join();
    await old.send('1');
    const current = new DialogHarness({ storage });
    expect(texts(await current.send('sopii'))).toEqual([fi('common:session.flowUpdated'), fi('entry:language.question')]);
  });

  it('starts afresh when the stored state no longer exists in the flow', async () => {
    const storage = new MemoryStorage();
    const h = new DialogHarness({ storage });
    await h.join();
    const memory = (storage as unknown as { memory: Record<string, string> }).memory;
    const key = Object.keys(memory)[0]!;
    const record = JSON.parse(memory[key]!);
    record.flow.value = 'noSuchState';
    memory[key] = JSON.stringify(record);
    expect(texts(await h.send('1'))).toEqual([fi('common:session.flowUpdated'), fi('entry:language.question')]);
  });

  it('refuses an attachment where none is asked for and keeps the question', async () => {
    const h = new DialogHarness();
    await h.join();
    const replies = await h.send({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'x' }] });
    expect(texts(replies)).toEqual([fi('common:errors.attachmentNotExpected'), fi('entry:language.question')]);
  });
});
