// Every simple path of each side set's machine (xstate/graph) driven through the real side
// step, typed as a person would in Finnish and in Swedish: after each message the stored side
// state must be the one the model predicts and the question rendered in the conversation's
// language; at the end the set's effect gets the model's answers. The queue desk and the
// eraser here are stand-ins that record what they are given (a unit test of the step and its
// effects' inputs); test/dialogs/queueDesk.test.ts and the integration tests cover the real ones.

import { getSimplePaths } from 'xstate/graph';
import type { AnswerValue, FlowEvent } from '../../flows/contract';
import { SIDE_MACHINES, SIDE_SETS, type SideSetId } from '../../flows/side';
import type { ClientQueueDesk } from '../../dialogs/flowTypes';
import { textMessage } from '../../dialogs/promptRenderer';
import { sideEffects } from '../../dialogs/sideEffects';
import { sideRecord, startSide } from '../../dialogs/sideRun';
import { emergencyScreen } from '../../dialogs/turn/emergencyScreen';
import { sideQuestion } from '../../dialogs/turn/sideQuestion';
import { detectEmergencySign } from '../../flows';
import { i18n } from '../support/dialogHarness';
import { serializeSide, sideEvents, sidePromptOf } from '../flows/sideModel';
import { flowAfter, StepBench, textsOf } from './turn/stepBench';

/** How a person types each answer, per language (colloquial forms and number words included). */
const TYPED: Record<'fi' | 'sv', Record<string, string>> = {
  fi: {
    'helped.yes': 'joo',
    'helped.partly': 'osittain',
    'helped.no': 'en saanut',
    'score.1': 'yksi',
    'score.2': 'kaksi',
    'score.3': '3',
    'score.4': 'neljä',
    'score.5': 'viisi',
    'erase:true': 'kyllä',
    'erase:false': 'ei kiitos',
    text: 'Tarvitsen apua.',
  },
  sv: {
    'helped.yes': 'ja',
    'helped.partly': 'delvis',
    'helped.no': 'inte alls',
    'score.1': 'ett',
    'score.2': 'två',
    'score.3': '3',
    'score.4': 'fyra',
    'score.5': 'fem',
    'erase:true': 'ja',
    'erase:false': 'nej',
    text: 'Tarvitsen apua.',
  },
};

/** The message that gives `event`, or undefined for an event a person cannot type (an id that is no option). */
function typedFor(event: FlowEvent, set: SideSetId, locale: 'fi' | 'sv', kind: string | undefined): string | undefined {
  // Turning to something else: a global word (for a written answer any other text is the answer).
  if (event.type === 'END') return locale === 'fi' ? 'lopeta' : 'avsluta';
  if (event.type !== 'ANSWER') return undefined;
  if (kind === 'text') return typeof event.value === 'string' ? (event.value === 'Tarvitsen apua.' ? TYPED[locale].text : event.value) : undefined;
  if (kind === 'yesNo') return typeof event.value === 'boolean' ? TYPED[locale][`${set}:${event.value}`] : undefined;
  return typeof event.value === 'string' ? TYPED[locale][event.value] : undefined;
}

interface Recorded {
  feedback: { caseId: string; helped?: string; score?: number }[];
  contact: { queueId: string; message: string; reachBy: string }[];
  erased: number;
}

function bench(): { bench: StepBench; recorded: Recorded; steps: ReturnType<typeof sideQuestion>[] } {
  const b = new StepBench();
  const recorded: Recorded = { feedback: [], contact: [], erased: 0 };
  const desk = {
    feedback: async (_turn: unknown, press: Recorded['feedback'][number]) => {
      if (press.score === undefined) return { activities: [] };
      recorded.feedback.push(press);
      return { activities: [textMessage('thanks', 'fi')], recorded: press.caseId };
    },
    contactOffered: () => true,
    fileContact: async (_turn: unknown, _output: unknown, request: Recorded['contact'][number]) => {
      recorded.contact.push(request);
      return [textMessage('saved', 'fi')];
    },
  } as Pick<ClientQueueDesk, 'feedback' | 'contactOffered' | 'fileContact'> as ClientQueueDesk;
  const effects = sideEffects(b.host, desk, async () => {
    recorded.erased += 1;
  });
  return { bench: b, recorded, steps: [emergencyScreen(detectEmergencySign), sideQuestion(b.host, effects)] };
}

describe.each(['fi', 'sv'] as const)('side sets, every model path through the real side step, typed in %s', (locale) => {
  it.each(Object.keys(SIDE_SETS) as SideSetId[])('%s', async (set) => {
    const machine = SIDE_MACHINES[set];
    const paths = getSimplePaths(machine, { input: { locale, about: 'about-1' }, events: sideEvents, serializeState: serializeSide });
    let driven = 0;
    for (const path of paths) {
      const { bench: b, recorded, steps } = bench();
      const flow = flowAfter(locale, { type: 'HUMAN' });
      await b.store(flow, { side: sideRecord(startSide(set, locale, 'about-1')) });
      let typedAll = true;
      for (const step of path.steps.slice(1)) {
        const before = step.state;
        const prompt = sidePromptOf(path.steps[path.steps.indexOf(step) - 1]!.state);
        const text = typedFor(step.event, set, locale, prompt?.kind);
        if (text === undefined) {
          typedAll = false;
          break;
        }
        const turn = await b.turn(text);
        let outcome: 'handled' | 'next' = 'next';
        for (const s of steps) if ((outcome = await s.run(turn)) === 'handled') break;
        await b.state.saveChanges(turn.context, false);
        const sent = b.sent();
        const stored = (await b.accessor.get(b.context({ text: '' })))?.side;
        if (before.status === 'done') {
          expect(stored).toBeUndefined();
          if (before.output?.outcome === 'withdrawn') expect(outcome).toBe('next');
          else expect(outcome).toBe('handled');
        } else {
          expect(outcome).toBe('handled');
          expect(stored?.value).toEqual(before.value);
          const asked = sidePromptOf(before)!;
          const reprompted = serializeSide(before) === serializeSide(path.steps[path.steps.indexOf(step) - 1]!.state);
          // A question asked anew is rendered in the conversation's language; a written answer that
          // is too long or empty hears its reason and the question stays.
          if (!reprompted) expect(textsOf(sent)).toEqual([i18n.getFixedT(locale)(asked.key)]);
          else expect(textsOf(sent)).toHaveLength(1);
        }
      }
      if (!typedAll) continue;
      driven += 1;
      const end = path.state;
      const answers = end.output?.outcome === 'done' ? end.output.answers : undefined;
      const effect = (a: Record<string, AnswerValue>) =>
        set === 'feedback'
          ? recorded.feedback.map((f) => ({ 'feedback.helped': `helped.${f.helped}`, 'feedback.score': `score.${f.score}` }))
          : set === 'contact'
            ? recorded.contact.map((c) => ({ 'contact.message': c.message, 'contact.reach': c.reachBy }))
            : Array.from({ length: recorded.erased }, () => a);
      if (answers === undefined) {
        expect(effect({})).toEqual([]);
      } else if (set === 'erase' && answers['erase.confirm'] === false) {
        expect(recorded.erased).toBe(0);
      } else {
        expect(effect(answers)).toEqual([answers]);
      }
    }
    // Paths with an id no one can type are the machine's own checks (test/flows/sideSets.model.test.ts).
    expect(driven).toBeGreaterThanOrEqual(SIDE_SETS[set].questions.length + 1);
  });
});
