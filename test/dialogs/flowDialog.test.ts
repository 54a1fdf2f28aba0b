import { MemoryStorage } from 'botbuilder';
import { startFlow } from '../../flows/startFlow';
import { LOCALE_EVENT } from '../../dialogs/flowDialog';
import { DialogHarness, i18n, texts } from '../support/dialogHarness';

const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');

describe('FlowDialog (start flow, unit test through TestAdapter)', () => {
  it('welcomes in the client language and asks the first question with buttons', async () => {
    const h = new DialogHarness(startFlow);
    const replies = await h.join('sv-FI');
    expect(texts(replies)).toEqual([sv('common:welcome'), sv('common:start.languageQuestion')]);
    expect(replies[1]!.suggestedActions?.actions.map((a) => a.title)).toEqual(['Suomi', 'Svenska', 'English']);
  });

  it.each([
    ['the button', (r: Parameters<typeof DialogHarness.press>[0]) => DialogHarness.press(r, 'Svenska')],
    ['the label typed without diacritics and in capitals', () => 'SVENSKA'],
    ["the option's number", () => '2'],
  ])('accepts %s as the answer', async (_how, answer) => {
    const h = new DialogHarness(startFlow);
    const start = await h.join();
    const replies = await h.send(answer(start));
    expect(texts(replies)).toEqual([sv('common:start.privacyNotice'), sv('common:start.consentQuestion')]);
    expect(replies.find((r) => r.type === 'event')).toMatchObject({ name: LOCALE_EVENT, value: 'sv' });
  });

  it('re-asks a yes/no question in the new language when the page switches language', async () => {
    const h = new DialogHarness(startFlow);
    await h.join();
    await h.send('1');
    const replies = await h.send({ type: 'event', name: LOCALE_EVENT, value: 'sv' });
    expect(texts(replies)).toEqual([sv('common:start.consentQuestion')]);
    expect(replies[replies.length - 1]!.suggestedActions?.actions.map((a) => a.title)).toEqual([sv('common:yes'), sv('common:no')]);
    expect(texts(await h.send('ja'))).toEqual([sv('common:start.consentGiven')]);
  });

  it('understands global words in every language at any point', async () => {
    const h = new DialogHarness(startFlow);
    await h.join();
    await h.send('1');
    expect(texts(await h.send('börja om'))).toEqual([fi('common:session.restarted'), fi('common:start.languageQuestion')]);
    expect(texts(await h.send('back'))).toEqual([fi('common:session.cannotGoBack'), fi('common:start.languageQuestion')]);
    expect(texts(await h.send('vaihda kieltä'))).toEqual([fi('common:start.languageQuestion')]);
    await h.send('suomi');
    expect(texts(await h.send('takaisin'))).toEqual([fi('common:start.languageQuestion')]);
    await h.send('suomi');
    expect(texts(await h.send('lopeta'))).toEqual([fi('common:session.ended')]);
  });

  it('answers a too long message with a note and keeps the question', async () => {
    const h = new DialogHarness(startFlow, { maxMessageLength: 20 });
    await h.join();
    const replies = await h.send('x'.repeat(21));
    expect(texts(replies)).toEqual([fi('common:errors.tooLong', { max: 20 }), fi('common:start.languageQuestion')]);
    expect(texts(await h.send('1'))).toContain(fi('common:start.consentQuestion'));
  });

  it('continues where it was with a new bot over the same storage (restart)', async () => {
    const storage = new MemoryStorage();
    const first = new DialogHarness(startFlow, { storage });
    await first.join();
    await first.send('1');
    const second = new DialogHarness(startFlow, { storage });
    expect(texts(await second.send('kyllä'))).toEqual([fi('common:start.consentGiven')]);
  });

  it('starts afresh with a note after the idle limit', async () => {
    const h = new DialogHarness(startFlow);
    await h.join();
    await h.send('1');
    h.now = new Date(h.now.getTime() + 31 * 60_000);
    expect(texts(await h.send('kyllä'))).toEqual([fi('common:session.expired'), fi('common:start.languageQuestion')]);
  });

  it('starts afresh with a note when the stored snapshot is from another flow version', async () => {
    const storage = new MemoryStorage();
    const old = new DialogHarness({ ...startFlow, version: '0' }, { storage });
    await old.join();
    await old.send('1');
    const current = new DialogHarness(startFlow, { storage });
    expect(texts(await current.send('kyllä'))).toEqual([fi('common:session.flowUpdated'), fi('common:start.languageQuestion')]);
  });

  it('starts afresh when the stored state no longer exists in the flow', async () => {
    const storage = new MemoryStorage();
    const h = new DialogHarness(startFlow, { storage });
    await h.join();
    // Corrupt the stored state value as an older deployment might have left it.
    const key = Object.keys((storage as unknown as { memory: Record<string, string> }).memory)[0]!;
    const record = JSON.parse((storage as unknown as { memory: Record<string, string> }).memory[key]!);
    record.flow.value = 'noSuchState';
    (storage as unknown as { memory: Record<string, string> }).memory[key] = JSON.stringify(record);
    expect(texts(await h.send('1'))).toEqual([fi('common:session.flowUpdated'), fi('common:start.languageQuestion')]);
  });

  it('refuses an attachment where none is asked for and keeps the question', async () => {
    const h = new DialogHarness(startFlow);
    await h.join();
    const replies = await h.send({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'x' }] });
    expect(texts(replies)).toEqual([fi('common:errors.attachmentNotExpected'), fi('common:start.languageQuestion')]);
  });
});
