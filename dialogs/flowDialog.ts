import type { TurnContext } from 'botbuilder';
import { currentPrompt, FlowHost } from './flowHost';
import type { FlowDialogOptions, PersistedFlow, PhotoSlot } from './flowTypes';
import { photoRoom } from './photoAnswers';
import { afterOutcome } from './turn/afterOutcome';
import { applyEvent } from './turn/applyEvent';
import { emergencyScreen } from './turn/emergencyScreen';
import { emergencySign } from './turn/emergencySign';
import { firstMessage } from './turn/firstMessage';
import { flowAnswer } from './turn/flowAnswer';
import { globalWord } from './turn/globalWord';
import { inputGuard } from './turn/inputGuard';
import { messageLength } from './turn/messageLength';
import { photoAnswer } from './turn/photoAnswer';
import { queueChat } from './turn/queueChat';
import { restoreFlow } from './turn/restoreFlow';
import { sideQuestion } from './turn/sideQuestion';
import { sideEffects } from './sideEffects';
import { signCheck } from './turn/signCheck';
import { summaryAnswer } from './turn/summaryAnswer';
import { topicUnderstanding } from './turn/topicUnderstanding';
import { describedTopic } from './turn/describedTopic';
import { identification } from './turn/identification';
import { newTurn, runSteps, type TurnStep } from './turn/turn';

export type { ClientQueueDesk, ErasePress, FlowDefinition, FlowDialogOptions, OutcomeRenderer, PersistedFlow, PhotoSlot } from './flowTypes';
export { currentPrompt, LOCALE_EVENT } from './flowHost';

/** The steps of a turn, in the order they run; the first that answers the client ends the turn. */
export function turnSteps(host: FlowHost): TurnStep[] {
  const { options } = host;
  const desk = options.queueDesk;
  const effects = sideEffects(host, desk, options.eraseData);
  return [
    emergencyScreen(options.detectEmergency, options.detectNegatedEmergency),
    // Side conversations come before the restore: "delete my data" works also when the flow expired.
    ...(Object.keys(effects).length > 0 ? [sideQuestion(host, effects)] : []),
    restoreFlow(host),
    ...(options.identification ? [identification(options.identification, desk)] : []),
    ...(desk ? [queueChat(host, desk)] : []),
    afterOutcome(host, desk),
    messageLength(host),
    photoAnswer(host),
    signCheck(host),
    emergencySign(),
    globalWord(host),
    inputGuard(host),
    summaryAnswer(host),
    ...(options.topicFinder && options.topicQuestion
      ? [topicUnderstanding(host, options.topicFinder), describedTopic(host, options.topicFinder), firstMessage(host, options.topicFinder)]
      : []),
    flowAnswer(host),
    applyEvent(host),
  ];
}

/**
 * Hosts one XState flow per conversation: restores the persisted snapshot, maps the
 * activity to a flow event, transitions with the pure `transition`, persists, and
 * renders the next prompt with `getFixedT(locale)`. The only bridge between a Bot
 * Framework turn and a flow; a turn is the ordered steps of `turnSteps`.
 */
export class FlowDialog {
  private readonly host: FlowHost;
  private readonly steps: TurnStep[];

  constructor(options: FlowDialogOptions) {
    this.host = new FlowHost(options);
    this.steps = turnSteps(this.host);
  }

  /** The step names in order (for tests and logs). */
  get stepNames(): string[] {
    return this.steps.map((step) => step.name);
  }

  /** Conversation start: welcome and the first question, unless the flow already runs. */
  async begin(turn: TurnContext): Promise<void> {
    const persisted = await this.host.options.state.get(turn);
    if (persisted) return;
    await this.host.startFresh(turn, this.host.incomingLocale(turn), [], true);
  }

  /** Handles one message or event of the client; returns the name of the step that answered. */
  async continue(turn: TurnContext): Promise<string | undefined> {
    const persisted = await this.host.options.state.get(turn);
    return runSteps(this.steps, newTurn(turn, persisted));
  }

  /** The photo question the stored flow waits at, if any, and how many photos it holds. */
  photoSlot(persisted: PersistedFlow | undefined): PhotoSlot | undefined {
    const restored = this.host.restore(persisted);
    if (!restored.snapshot || restored.snapshot.status === 'done') return undefined;
    const prompt = currentPrompt(restored.snapshot);
    if (prompt?.kind !== 'photo' || prompt.id === undefined) return undefined;
    const taken = persisted?.photoDraft?.questionId === prompt.id ? persisted.photoDraft.ids.length : 0;
    return { questionId: prompt.id, taken, max: photoRoom(prompt, this.host.photoLimits) };
  }
}
