// What the side conversations do, for the generic side step (dialogs/turn/sideQuestion.ts):
// when each may start, and what happens at its end with the side set's output. The effects
// themselves stay where they were: the queue desk stores feedback and files the contact
// request; the conversation eraser deletes the data.

import type { Activity, TurnContext } from 'botbuilder';
import type { AnyMachineSnapshot } from 'xstate';
import type { Locale } from '../flows/contract';
import type { SideOutput, SideSetId } from '../flows/side';
import type { HelpedAnswer } from '../handoff/caseTypes';
import type { FlowHost } from './flowHost';
import type { ClientQueueDesk } from './flowTypes';
import { textMessage } from './promptRenderer';

/** How a side set may start on this message: about what (a queue, a case), or a refusal to say instead. */
export type SideStart = { about?: string } | { refusal: Partial<Activity>[] };

/** What the side step needs to know and do for one side set. */
export interface SideEffect {
  /** The set asks about the triage flow's outcome or a case of it: without a restorable flow it is dropped. */
  needsFlow: boolean;
  /** Its buttons carry every answer so far, so a press starts it afresh (old buttons, pressed again). */
  replays: boolean;
  /** Whether the message starts the set (undefined: it does not); `flow` restores the stored flow when asked. */
  start?(turn: TurnContext, text: string | undefined, flow: () => AnyMachineSnapshot | undefined, locale: Locale): SideStart | undefined;
  /** Said instead of the next question when the run may not go on (feedback already given, no such case). */
  refusal?(
    turn: TurnContext,
    about: string | undefined,
    answers: SideOutput['answers'],
    locale: Locale,
    given: readonly string[],
  ): Promise<Partial<Activity>[] | undefined>;
  /** The set's end: performs the effect and says what follows; returns a case to remember as rated, if any. */
  finish(turn: TurnContext, output: SideOutput, flow: AnyMachineSnapshot | undefined, locale: Locale, given: readonly string[]): Promise<{ recorded?: string }>;
}

/** The effects of the side sets this dialog can run. */
export type SideEffects = Partial<Record<SideSetId, SideEffect>>;

function helpedOf(value: unknown): HelpedAnswer | undefined {
  const helped = typeof value === 'string' ? value.slice('helped.'.length) : '';
  return helped === 'yes' || helped === 'partly' || helped === 'no' ? helped : undefined;
}

function scoreOf(value: unknown): number | undefined {
  const score = typeof value === 'string' ? Number(value.slice('score.'.length)) : Number.NaN;
  return Number.isInteger(score) ? score : undefined;
}

/** The feedback set: stored by the queue desk, once per case. */
function feedbackEffect(desk: ClientQueueDesk, host: FlowHost): SideEffect {
  const press = (about: string | undefined, answers: SideOutput['answers']) => {
    const helped = helpedOf(answers['feedback.helped']);
    const score = scoreOf(answers['feedback.score']);
    return { caseId: about ?? '', ...(helped && { helped }), ...(score !== undefined && { score }) };
  };
  return {
    needsFlow: true,
    replays: true,
    async refusal(turn, about, answers, locale, given) {
      const said = await desk.feedback(turn, press(about, answers), given, host.t(locale), locale);
      return said.activities.length > 0 ? said.activities : undefined;
    },
    async finish(turn, output, _flow, locale, given) {
      const said = await desk.feedback(turn, press(output.about, output.answers), given, host.t(locale), locale);
      await turn.sendActivities(said.activities);
      return said.recorded === undefined ? {} : { recorded: said.recorded };
    },
  };
}

/** The contact request: offered by a closed queue's button after the outcome, filed by the queue desk. */
function contactEffect(desk: ClientQueueDesk, host: FlowHost): SideEffect {
  return {
    needsFlow: true,
    replays: false,
    start(turn, _text, flowNow, locale) {
      const queueId = (turn.activity.value as { contactQueue?: unknown } | null | undefined)?.contactQueue;
      if (typeof queueId !== 'string') return undefined;
      const flow = flowNow();
      if (flow?.status !== 'done') return undefined;
      if (!desk.contactOffered(flow.output, queueId)) return { refusal: [textMessage(host.t(locale)('common:handoff.contact.notOffered'), locale)] };
      return { about: queueId };
    },
    async finish(turn, output, flow, locale) {
      const { answers, about } = output;
      const message = answers['contact.message'];
      const reachBy = answers['contact.reach'];
      if (typeof message !== 'string' || typeof reachBy !== 'string' || about === undefined) throw new Error('the contact set ended without its answers');
      await turn.sendActivities(await desk.fileContact(turn, flow?.output, { queueId: about, message, reachBy }, host.t(locale), locale));
      return {};
    },
  };
}

/** "Delete my data": the word asks; yes erases and ends, no carries on where the client was. */
function eraseEffect(host: FlowHost, eraseData: (turn: TurnContext) => Promise<void>): SideEffect {
  return {
    needsFlow: false,
    replays: false,
    start(_turn, text) {
      return text !== undefined && host.words.match(text) === 'erase' ? {} : undefined;
    },
    async finish(turn, output, flow, locale) {
      const t = host.t(locale);
      if (output.answers['erase.confirm'] === true) {
        await eraseData(turn);
        await turn.sendActivities([textMessage(t('common:erase.done'), locale)]);
        return {};
      }
      if (!flow) {
        await host.startFresh(turn, locale, ['common:erase.kept'], false);
        return {};
      }
      await turn.sendActivities([textMessage(t('common:erase.kept'), locale), ...host.renderState(flow, t, false)]);
      return {};
    },
  };
}

/** The side sets a dialog with these options runs: feedback and contact requests with a queue desk, erasure with an eraser. */
export function sideEffects(host: FlowHost, desk: ClientQueueDesk | undefined, eraseData: ((turn: TurnContext) => Promise<void>) | undefined): SideEffects {
  return {
    ...(desk && { feedback: feedbackEffect(desk, host), contact: contactEffect(desk, host) }),
    ...(eraseData && { erase: eraseEffect(host, eraseData) }),
  };
}
