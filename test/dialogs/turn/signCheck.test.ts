// A negated emergency word through the real dialog: the red-flag question is asked about it.
import type { Activity } from 'botbuilder';
import { DialogHarness, i18n, texts } from '../../support/dialogHarness';

const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');
const en = i18n.getFixedT('en');
const titles = (replies: Partial<Activity>[]) => replies[replies.length - 1]?.suggestedActions?.actions.map((a) => a.title) ?? [];
const question = (t: typeof fi, sign: string) => t('understanding:signCheck.question', { sign: t(`understanding:signCheck.signs.${sign}`) });

async function atEmergencyScreen(language: string, consent: string): Promise<DialogHarness> {
  const h = new DialogHarness();
  await h.join();
  await h.send(language);
  await h.send(consent);
  return h;
}

describe('a negated emergency word', () => {
  it('asks the red-flag question; "no" carries on at the question the client was at', async () => {
    const h = await atEmergencyScreen('suomi', 'sopii');
    const check = await h.send('ei rintakipua');
    expect(h.lastStep).toBe('signCheck');
    expect(DialogHarness.outcome(check)).toBeUndefined();
    expect(texts(check)).toEqual([question(fi, 'chest_pain')]);
    expect(titles(check)).toEqual([fi('understanding:signCheck.yes'), fi('understanding:signCheck.no')]);
    const back = await h.send('ei');
    expect(texts(back)).toEqual([fi('understanding:signCheck.thanks'), fi('entry:emergency.question')]);
    expect(texts(await h.send('ei mikään näistä'))).toEqual([fi('entry:subject.question')]);
  });

  it('ends in the emergency outcome on "yes" (typed or pressed)', async () => {
    const h = await atEmergencyScreen('svenska', 'det går bra');
    const check = await h.send('inget bröstsmärta');
    expect(texts(check)).toEqual([question(sv, 'chest_pain')]);
    expect(DialogHarness.outcome(await h.send('jo'))).toMatchObject({ outcome: 'emergency' });
    const pressed = await atEmergencyScreen('english', 'ok');
    const asked = await pressed.send('no chest pain');
    expect(DialogHarness.outcome(await pressed.send(DialogHarness.press(asked, en('understanding:signCheck.yes'))))).toMatchObject({ outcome: 'emergency' });
  });

  it('asks again with the 112 advice on an answer that is neither, and never lets a plain sign wait', async () => {
    const h = await atEmergencyScreen('english', 'ok');
    await h.send("i don't have chest pain");
    const again = await h.send('not sure');
    expect(texts(again)).toEqual([en('understanding:signCheck.again'), question(en, 'chest_pain')]);
    expect(DialogHarness.outcome(await h.send('i cannot breathe'))).toMatchObject({ outcome: 'emergency' });
  });

  it('does not ask about a sign named plainly beside a negation: 112 at once', async () => {
    const h = await atEmergencyScreen('suomi', 'sopii');
    expect(DialogHarness.outcome(await h.send('ei kuumetta mutta kova rintakipu'))).toMatchObject({ outcome: 'emergency' });
  });
});
