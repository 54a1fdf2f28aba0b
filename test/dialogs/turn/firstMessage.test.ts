// The first message of a conversation that is neither a language nor a topic, through the real
// dialog, the real corpus and the real NLP.js model.
import type { Activity } from 'botbuilder';
import { DialogHarness, i18n, texts } from '../../support/dialogHarness';

const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');
const en = i18n.getFixedT('en');
const titles = (replies: Partial<Activity>[]) => replies[replies.length - 1]?.suggestedActions?.actions.map((a) => a.title) ?? [];
const privacy = (t: typeof fi) => [t('entry:privacy.notice'), t('entry:privacy.storage'), t('entry:privacy.question')];

describe('an unrecognised first message', () => {
  it.each([
    ['fi', 'kiitos paljon', fi],
    ['sv', 'jag undrar', sv],
    ['en', 'thank you', en],
  ] as const)('goes on in the language its words tell (%s), saying so, with no "not recognised"', async (_, text, t) => {
    const h = new DialogHarness();
    await h.join();
    const replies = await h.send(text);
    expect(h.lastStep).toBe('applyEvent');
    expect(texts(replies)).toEqual([t('understanding:firstMessage.goingOn'), ...privacy(t)]);
  });

  it.each([
    ['hei', fi],
    ['god morgon', sv],
    ['hello', en],
  ] as const)('takes the language from a greeting of understanding.json (%s)', async (text, t) => {
    const h = new DialogHarness();
    await h.join();
    expect(texts(await h.send(text))).toEqual([t('understanding:firstMessage.goingOn'), ...privacy(t)]);
  });

  it('leaves a sentence the topic finder knows to the finder', async () => {
    const h = new DialogHarness();
    await h.join();
    const replies = await h.send('mulla on ollut hammassärkyä eilisestä');
    expect(texts(replies)).toEqual([fi('understanding:topicOffer.noted'), ...privacy(fi)]);
  });

  it('asks the language again with its buttons and a line in all three languages when the words do not tell', async () => {
    const h = new DialogHarness();
    await h.join();
    const replies = await h.send('ok');
    expect(h.lastStep).toBe('firstMessage');
    expect(texts(replies)).toEqual([fi('understanding:firstMessage.chooseLanguage'), fi('entry:language.question')]);
    expect(titles(replies)).toEqual(['Suomi', 'Svenska', 'English']);
    // A second such message also offers a person and starting over (never the same dead end twice).
    const again = await h.send('???');
    expect(titles(again)).toEqual(['Suomi', 'Svenska', 'English', fi('understanding:deadEnd.human'), fi('understanding:deadEnd.restart')]);
    expect(texts(await h.send('svenska'))).toEqual(privacy(sv));
  });

  it('still reads a language answer and an emergency as before', async () => {
    const h = new DialogHarness();
    await h.join();
    expect(texts(await h.send('english'))).toEqual(privacy(en));
    const other = new DialogHarness();
    await other.join();
    expect(DialogHarness.outcome(await other.send('äidillä on kova rintakipu'))).toMatchObject({ outcome: 'emergency' });
  });
});
