// The side step's behaviour, ported from the erase and feedback steps it replaced, and what the
// side sets add: typed answers, stored flows of the old shape, 112 first, and "I don't know"
// never read as yes or no. The queue desk is a stand-in recording calls (a unit test of the
// step alone); test/dialogs/queueDesk.test.ts and the handoff journey cover the real feedback.
import type { ClientQueueDesk } from '../../../dialogs/flowTypes';
import { textMessage } from '../../../dialogs/promptRenderer';
import { sideEffects } from '../../../dialogs/sideEffects';
import { sideRecord, startSide } from '../../../dialogs/sideRun';
import { emergencyScreen } from '../../../dialogs/turn/emergencyScreen';
import { sideQuestion } from '../../../dialogs/turn/sideQuestion';
import type { Turn } from '../../../dialogs/turn/turn';
import { detectEmergencySign } from '../../../flows';
import { DialogHarness, i18n, texts } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');

type FeedbackArgs = Parameters<ClientQueueDesk['feedback']>;
type ContactArgs = Parameters<ClientQueueDesk['fileContact']>;

function setUp(options: { refuse?: boolean } = {}) {
  const erased: string[] = [];
  const feedback: FeedbackArgs[] = [];
  const contact: ContactArgs[] = [];
  const bench = new StepBench();
  const desk = {
    feedback: async (...args: FeedbackArgs) => {
      feedback.push(args);
      if (options.refuse) return { activities: [textMessage('already', 'fi')] };
      return args[1].score === undefined ? { activities: [] } : { activities: [textMessage('thanks', 'fi')], recorded: args[1].caseId };
    },
    contactOffered: () => true,
    fileContact: async (...args: ContactArgs) => {
      contact.push(args);
      return [textMessage('saved', 'fi')];
    },
  } as Pick<ClientQueueDesk, 'feedback' | 'contactOffered' | 'fileContact'> as ClientQueueDesk;
  const step = sideQuestion(
    bench.host,
    sideEffects(bench.host, desk, async (context) => {
      erased.push(context.activity.conversation.id);
    }),
  );
  const screen = emergencyScreen(detectEmergencySign);
  /** The emergency screen, then the side step, as the pipeline runs them; the turn's state saved as at a turn's end. */
  const run = async (turn: Turn) => {
    await screen.run(turn);
    const outcome = await step.run(turn);
    await bench.state.saveChanges(turn.context, false);
    return outcome;
  };
  return { bench, run, step, erased, feedback, contact };
}

const stored = (bench: StepBench, turn: Turn) => bench.accessor.get(turn.context);

describe('side step: the erase confirmation', () => {
  it('asks for confirmation on the word and marks the question pending', async () => {
    const { bench, run, erased } = setUp();
    await bench.store(flowAfter('fi'));
    const turn = await bench.turn('poista tietoni');
    expect(await run(turn)).toBe('handled');
    const sent = bench.sent();
    expect(textsOf(sent)).toEqual([fi('erase:confirm.question')]);
    expect(sent[0]!.suggestedActions?.actions.map((a) => [a.title, a.value])).toEqual([
      [fi('erase:confirm.options.yes'), { eraseData: true }],
      [fi('erase:confirm.options.no'), { eraseData: false }],
    ]);
    expect((await stored(bench, turn))?.side).toMatchObject({ set: 'erase', value: { erase: 'confirm' } });
    expect(erased).toEqual([]);
  });

  it.each(['kyllä', 'joo', 'Kyllä, poista', 'poista', 'ja', 'radera', 'yes'])('erases on a typed "%s" while the question is pending', async (typed) => {
    const { bench, run, erased } = setUp();
    await bench.store(flowAfter('fi'));
    await run(await bench.turn('poista tietoni'));
    bench.sent();
    expect(await run(await bench.turn(typed))).toBe('handled');
    expect(erased).toEqual(['conversation-1']);
    expect(textsOf(bench.sent())).toEqual([fi('common:erase.done')]);
  });

  it('carries on where the client was on no, and withdraws the question on anything else', async () => {
    const { bench, run, erased } = setUp();
    await bench.store(flowAfter('fi'), { erasePending: true });
    expect(await run(await bench.turn({ text: 'Ei', value: { eraseData: false } }))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('common:erase.kept'), fi('entry:language.question')]);

    await bench.store(flowAfter('fi'), { erasePending: true });
    const other = await bench.turn('suomi');
    expect(await run(other)).toBe('next');
    expect(other.persisted?.erasePending).toBeUndefined();
    expect((await stored(bench, other))?.erasePending).toBeUndefined();
    expect(erased).toEqual([]);
  });

  it.each(['en tiedä', 'vet inte', "don't know", 'ehkä', 'on minulla kuumetta', 'kyllä mä vähän mietin', '1'])(
    'never erases on "%s": not a whole yes, the question is withdrawn',
    async (typed) => {
      const { bench, run, erased } = setUp();
      await bench.store(flowAfter('fi'), { erasePending: true });
      const turn = await bench.turn(typed);
      expect(await run(turn)).toBe('next');
      expect(erased).toEqual([]);
      expect((await stored(bench, turn))?.side).toBeUndefined();
      expect((await stored(bench, turn))?.erasePending).toBeUndefined();
      // A "yes" after it answers nothing of the erasure.
      expect(await run(await bench.turn('kyllä'))).toBe('next');
      expect(erased).toEqual([]);
    },
  );

  it('reads a pending "delete my data?" stored before the side sets (erasePending) in Swedish', async () => {
    const { bench, run, erased } = setUp();
    await bench.store(flowAfter('sv'), { erasePending: true });
    expect(await run(await bench.turn('nej'))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([sv('common:erase.kept'), sv('entry:language.question')]);
    expect(erased).toEqual([]);
  });

  it('lets an emergency through while the question is pending, and withdraws it', async () => {
    const { bench, run, erased } = setUp();
    await bench.store(flowAfter('fi'), { erasePending: true });
    const turn = await bench.turn('kyllä, rintakipu');
    expect(await run(turn)).toBe('next');
    expect(turn.sign).toBe('chest_pain');
    expect(erased).toEqual([]);
    expect((await stored(bench, turn))?.erasePending).toBeUndefined();
  });

  it('ignores an old erase button pressed when nothing is pending', async () => {
    const { bench, run, erased } = setUp();
    await bench.store(flowAfter('fi'));
    expect(await run(await bench.turn({ text: 'Kyllä, poista', value: { eraseData: true } }))).toBe('next');
    expect(erased).toEqual([]);
  });
});

describe('side step: feedback', () => {
  const done = () => flowAfter('fi', { type: 'HUMAN' });

  it('asks the score after a "did you get help?" button, with buttons that carry the case', async () => {
    const { bench, run, feedback } = setUp();
    await bench.store(done());
    const turn = await bench.turn({ text: 'Kyllä', value: { feedback: { caseId: 'c1', helped: 'yes' } } });
    expect(await run(turn)).toBe('handled');
    const sent = bench.sent();
    expect(textsOf(sent)).toEqual([fi('feedback:score.question')]);
    expect(sent[0]!.suggestedActions?.actions.map((a) => a.value)).toEqual(
      [1, 2, 3, 4, 5].map((score) => ({ feedback: { caseId: 'c1', helped: 'yes', score } })),
    );
    expect(feedback.map((f) => f[1])).toEqual([{ caseId: 'c1', helped: 'yes' }]);
    expect((await stored(bench, turn))?.side).toMatchObject({ set: 'feedback', value: { feedback: 'score' }, context: { about: 'c1' } });
  });

  it('hands a score button to the desk and remembers the case it was given on', async () => {
    const { bench, run, feedback } = setUp();
    await bench.store(done());
    const turn = await bench.turn({ text: '5', value: { feedback: { caseId: 'c1', helped: 'yes', score: 5 } } });
    expect(await run(turn)).toBe('handled');
    expect(feedback.map((f) => f[1])).toEqual([{ caseId: 'c1', helped: 'yes', score: 5 }]);
    expect(textsOf(bench.sent())).toEqual(['thanks']);
    expect((await stored(bench, turn))?.feedbackGiven).toEqual(['c1']);
  });

  it.each([
    ['fi', 'neljä', 4],
    ['fi', 'annan viisi', 5],
    ['sv', 'fyra', 4],
    ['sv', 'tre', 3],
    ['fi', '2', 2],
  ] as const)('reads a typed score (%s "%s")', async (locale, typed, score) => {
    const { bench, run, feedback } = setUp();
    await bench.store(flowAfter(locale, { type: 'HUMAN' }));
    await run(await bench.turn({ text: 'x', value: { feedback: { caseId: 'c1', helped: 'partly' } } }));
    bench.sent();
    const turn = await bench.turn(typed);
    expect(await run(turn)).toBe('handled');
    expect(feedback.map((f) => f[1]).pop()).toEqual({ caseId: 'c1', helped: 'partly', score });
    expect((await stored(bench, turn))?.feedbackGiven).toEqual(['c1']);
  });

  it('asks no comment: typed text after a score is not feedback, nor is text at the score that names none', async () => {
    const { bench, run, feedback } = setUp();
    await bench.store(done());
    expect(await run(await bench.turn({ text: '3', value: { feedback: { caseId: 'c1', helped: 'partly', score: 3 } } }))).toBe('handled');
    expect(await run(await bench.turn('hyvä palvelu'))).toBe('next');
    expect(feedback).toHaveLength(1);

    await run(await bench.turn({ text: 'x', value: { feedback: { caseId: 'c2', helped: 'no' } } }));
    const other = await bench.turn('hyvä palvelu');
    expect(await run(other)).toBe('next');
    expect((await stored(bench, other))?.side).toBeUndefined();
    expect(feedback.filter((f) => f[1].score !== undefined)).toHaveLength(1);
  });

  it.each([
    ['fi', 'en tiedä'],
    ['fi', 'en oo varma'],
    ['sv', 'vet inte'],
    ['en', "don't know"],
  ] as const)('never reads %s "%s" at "did you get help?" (the Finnish "En" is no): withdrawn, nothing stored', async (locale, typed) => {
    const { bench, run, feedback } = setUp();
    await bench.store(flowAfter(locale, { type: 'HUMAN' }), { side: sideRecord(startSide('feedback', locale, 'c1')) });
    const turn = await bench.turn(typed);
    expect(await run(turn)).toBe('next');
    expect(feedback).toEqual([]);
    expect((await stored(bench, turn))?.side).toBeUndefined();
  });

  it('reads a typed answer at a pending "did you get help?" ("joo", "inte alls")', async () => {
    const { bench, run, feedback } = setUp();
    await bench.store(flowAfter('fi', { type: 'HUMAN' }), { side: sideRecord(startSide('feedback', 'fi', 'c1')) });
    expect(await run(await bench.turn('joo'))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('feedback:score.question')]);
    await bench.store(flowAfter('sv', { type: 'HUMAN' }), { side: sideRecord(startSide('feedback', 'sv', 'c2')) });
    expect(await run(await bench.turn('inte alls'))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([sv('feedback:score.question')]);
    expect(feedback.map((f) => f[1])).toEqual([
      { caseId: 'c1', helped: 'yes' },
      { caseId: 'c2', helped: 'no' },
    ]);
  });

  it("says the desk's refusal instead of the score (feedback already given, not a closed case)", async () => {
    const { bench, run } = setUp({ refuse: true });
    await bench.store(done());
    const turn = await bench.turn({ text: 'Kyllä', value: { feedback: { caseId: 'c1', helped: 'yes' } } });
    expect(await run(turn)).toBe('handled');
    expect(textsOf(bench.sent())).toEqual(['already']);
    expect((await stored(bench, turn))?.side).toBeUndefined();
  });

  it('lets an emergency through to the steps that answer it, also at a pending score ("rintakipu" during feedback)', async () => {
    const { bench, run, step, feedback } = setUp();
    await bench.store(done());
    const pressed = await bench.turn({ text: 'rintakipu', value: { feedback: { caseId: 'c1', helped: 'no' } } });
    pressed.sign = 'chest_pain';
    expect(await step.run(pressed)).toBe('next');
    await run(await bench.turn({ text: 'x', value: { feedback: { caseId: 'c1', helped: 'no' } } }));
    const typed = await bench.turn('rintakipu');
    expect(await run(typed)).toBe('next');
    expect(typed.sign).toBe('chest_pain');
    expect(feedback.filter((f) => f[1].score !== undefined)).toEqual([]);
  });
});

describe('side step: the contact request', () => {
  const done = () => flowAfter('fi', { type: 'HUMAN' });

  it("starts on a closed queue's button, asks again with the set's own reason, files with the two answers", async () => {
    const { bench, run, contact } = setUp();
    await bench.store(done());
    expect(await run(await bench.turn({ text: 'Jätä', value: { contactQueue: 'general_customer_service' } }))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('contact:message.question')]);
    expect(await run(await bench.turn('   '))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('contact:errors.textEmpty')]);
    expect(await run(await bench.turn('Tarvitsen apua'))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('contact:reach.question')]);
    expect(await run(await bench.turn('x'.repeat(101)))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('contact:errors.textTooLong', { max: 100 })]);
    expect(await run(await bench.turn('040 123 4567'))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual(['saved']);
    expect(contact.map((c) => c[2])).toEqual([{ queueId: 'general_customer_service', message: 'Tarvitsen apua', reachBy: '040 123 4567' }]);
  });

  it('files a contact request stored before the side sets (contactDraft with its message)', async () => {
    const { bench, run, contact } = setUp();
    await bench.store(done(), { contactDraft: { queueId: 'general_customer_service', message: 'Laskusta' } });
    const turn = await bench.turn('050 765 4321');
    expect(await run(turn)).toBe('handled');
    expect(contact.map((c) => c[2])).toEqual([{ queueId: 'general_customer_service', message: 'Laskusta', reachBy: '050 765 4321' }]);
    expect((await stored(bench, turn))?.contactDraft).toBeUndefined();
  });

  it('asks the message of a contactDraft stored before the side sets without one', async () => {
    const { bench, run, contact } = setUp();
    await bench.store(done(), { contactDraft: { queueId: 'general_customer_service' } });
    const turn = await bench.turn('Laskusta');
    expect(await run(turn)).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('contact:reach.question')]);
    expect((await stored(bench, turn))?.side).toMatchObject({
      set: 'contact',
      value: { contact: 'reach' },
      context: { answers: { 'contact.message': 'Laskusta' } },
    });
    expect(contact).toEqual([]);
  });

  it('is withdrawn by a global word and drops out when the flow expired', async () => {
    const { bench, run, contact } = setUp();
    await bench.store(done(), { contactDraft: { queueId: 'general_customer_service' } });
    const word = await bench.turn('alusta');
    expect(await run(word)).toBe('next');
    expect((await stored(bench, word))?.contactDraft).toBeUndefined();

    await bench.store(done(), { contactDraft: { queueId: 'general_customer_service' } });
    bench.now = new Date(bench.now.getTime() + 31 * 60_000);
    expect(await run(await bench.turn('Laskusta'))).toBe('next');
    expect(contact).toEqual([]);
  });
});

describe('side sets in the whole pipeline', () => {
  it('answers a typed emergency at a pending feedback score with 112 first, and the score is not taken', async () => {
    const given: FeedbackArgs[] = [];
    const desk = {
      whileQueued: async () => undefined,
      feedback: async (...args: FeedbackArgs) => {
        given.push(args);
        return { activities: [] };
      },
      contactOffered: () => false,
    } as Pick<ClientQueueDesk, 'whileQueued' | 'feedback' | 'contactOffered'> as ClientQueueDesk;
    const h = new DialogHarness({ queueDesk: desk });
    await h.join();
    await h.send('ihminen');
    expect(texts(await h.send({ type: 'message', text: 'Kyllä', value: { feedback: { caseId: 'c1', helped: 'yes' } } }))).toEqual([
      fi('feedback:score.question'),
    ]);
    expect(texts(await h.send('rintakipu'))).toEqual([fi('routing:outcome.emergency.chest_pain')]);
    expect(h.lastStep).toBe('afterOutcome');
    expect(given.map((g) => g[1])).toEqual([{ caseId: 'c1', helped: 'yes' }]);
  });
});
