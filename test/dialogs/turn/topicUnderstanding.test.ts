// The topic finder step through the real dialog, the real corpus and the real NLP.js model.
import type { Activity } from 'botbuilder';
import { keyChain } from '../../../dialogs/promptRenderer';
import { DialogHarness, i18n, texts } from '../../support/dialogHarness';

const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');
const en = i18n.getFixedT('en');
const titles = (replies: Partial<Activity>[]) => replies[replies.length - 1]?.suggestedActions?.actions.map((a) => a.title) ?? [];

/** Through consent, "none" at the emergency screen and "myself", as typed words. */
async function toMenu(h: DialogHarness, words: [string, string, string]): Promise<Partial<Activity>[]> {
  await h.send(words[0]);
  await h.send(words[1]);
  return h.send(words[2]);
}

describe('topic from a sentence', () => {
  it('at the topic menu offers the question set a typed description is about, and starts it on "joo"', async () => {
    const h = new DialogHarness();
    await h.join();
    await h.send('suomi');
    const menu = await toMenu(h, ['sopii', 'ei mikään näistä', 'omani']);
    expect(texts(menu)).toEqual([fi('entry:topic.question')]);
    const offer = await h.send('mulla on ollut hammassärkyä eilisestä');
    expect(h.lastStep).toBe('topicUnderstanding');
    expect(texts(offer)).toEqual([fi('understanding:topicOffer.one', { topic: fi('entry:topic.options.dental') })]);
    expect(titles(offer)).toEqual([fi('understanding:topicOffer.start'), fi('understanding:topicOffer.menu')]);
    const started = await h.send('joo');
    expect(texts(started)).toEqual([fi('dental:swellingBreathing.question')]);
  });

  it('remembers the topic of a description typed as the very first message, in its language, until the menu', async () => {
    const h = new DialogHarness();
    await h.join('fi-FI');
    const first = await h.send('mitt barn har fått utslag på armarna');
    expect(texts(first)).toEqual([sv('understanding:topicOffer.noted'), sv('entry:privacy.notice'), sv('entry:privacy.storage'), sv('entry:privacy.question')]);
    await h.send('det går bra');
    await h.send('inget av dessa');
    await h.send('mitt barn');
    const offer = await h.send('7–11 år');
    expect(texts(offer)).toEqual([sv('understanding:topicOffer.one', { topic: sv(keyChain('entry:topic.options.skin', 'child')) })]);
    const started = await h.send(DialogHarness.press(offer, sv('understanding:topicOffer.start')));
    expect(texts(started)[texts(started).length - 1]).toBe(sv('skin:airway.question_child'));
  });

  it('shows every topic when asked, and a plain answer or option word still answers the menu', async () => {
    const h = new DialogHarness({ locale: 'en-GB' });
    await h.join('en-GB');
    await h.send('english');
    await toMenu(h, ['ok', 'none of these', 'myself']);
    const offer = await h.send("I can't pay my rent this month");
    expect(texts(offer)[0]).toBe(en('understanding:topicOffer.one', { topic: en('entry:topic.options.money') }));
    const menu = await h.send(DialogHarness.press(offer, en('understanding:topicOffer.menu')));
    expect(texts(menu)).toEqual([en('entry:topic.question')]);
    expect(titles(menu)).toHaveLength(9);
    expect(texts(await h.send('teeth'))).toEqual([en('dental:swellingBreathing.question')]);
  });

  it('never lets a description hide an emergency: 112 comes first', async () => {
    const h = new DialogHarness();
    await h.join();
    const replies = await h.send('isällä on kova rintakipu ja hammassärkyä');
    expect(DialogHarness.outcome(replies)).toMatchObject({ outcome: 'emergency' });
    expect(h.lastStep).toBe('applyEvent');
  });

  it('passes a sentence it finds nothing in on to the ordinary answer (and its second-miss help)', async () => {
    const h = new DialogHarness();
    await h.join();
    await h.send('suomi');
    await toMenu(h, ['sopii', 'ei mikään näistä', 'omani']);
    const replies = await h.send('qwerty asdf zxcv');
    expect(h.lastStep).toBe('flowAnswer');
    expect(texts(replies)[texts(replies).length - 1]).toBe(fi('entry:topic.question'));
  });
});
