// "Something else" with a description the topic finder recognises, through the real dialog and model.
import type { Activity } from 'botbuilder';
import { DialogHarness, i18n, texts } from '../../support/dialogHarness';

const fi = i18n.getFixedT('fi');

async function atDescription(h: DialogHarness): Promise<void> {
  await h.join();
  for (const line of ['suomi', 'sopii', 'ei mikään näistä', 'omani']) await h.send(line);
  // The topic "something else", then its need "something else" (not medicines, a fall, housing or paperwork).
  expect(texts(await h.send('jokin muu'))).toEqual([fi('other:need.question')]);
  expect(texts(await h.send('jokin muu'))).toEqual([fi('other:description.question')]);
}

describe('a description under "something else"', () => {
  it('offers the set it recognises and goes there on "start", without recording the description', async () => {
    const h = new DialogHarness();
    await atDescription(h);
    const offer = await h.send('en pysty enää maksamaan vuokraa ja rahat on loppu');
    expect(h.lastStep).toBe('describedTopic');
    expect(texts(offer)).toEqual([fi('understanding:topicOffer.one', { topic: fi('entry:topic.options.money') })]);
    const started = await h.send(DialogHarness.press(offer, fi('understanding:topicOffer.start')));
    expect(texts(started)[texts(started).length - 1]).toBe(fi('money:situation.question'));
  });

  it('keeps the description as typed on "no, carry on", and the set goes on as before', async () => {
    const h = new DialogHarness();
    await atDescription(h);
    const offer: Partial<Activity>[] = await h.send('en pysty enää maksamaan vuokraa ja rahat on loppu');
    const kept = await h.send(DialogHarness.press(offer, fi('understanding:topicOffer.keepDescription')));
    expect(texts(kept)).toEqual([fi('other:area.question')]);
  });

  it('takes a description it does not recognise as the answer, as before', async () => {
    const h = new DialogHarness();
    await atDescription(h);
    expect(texts(await h.send('qwerty asdf zxcv'))).toEqual([fi('other:area.question')]);
  });
});
