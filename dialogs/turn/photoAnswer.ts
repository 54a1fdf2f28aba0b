import type { AnyMachineSnapshot } from 'xstate';
import type { TurnContext } from 'botbuilder';
import type { FlowHost } from '../flowHost';
import { currentPrompt, flowContext } from '../flowHost';
import { photoStep, type PhotoDraft } from '../photoAnswers';
import { textMessage } from '../promptRenderer';
import { flowOf, type Turn, type TurnStep } from './turn';

/** A refusal at a photo question: why, then the question again (or "continue" once photos are in). */
async function replyAtPhoto(host: FlowHost, context: TurnContext, snapshot: AnyMachineSnapshot, draft: PhotoDraft | undefined, message: string): Promise<void> {
  const prompt = currentPrompt(snapshot);
  const { locale } = flowContext(snapshot);
  if (prompt?.kind === 'photo' && draft !== undefined && draft.questionId === prompt.id && draft.ids.length > 0) {
    await context.sendActivities([host.collectingMessage(message, host.t(locale), locale)]);
    return;
  }
  await host.reprompt(context, snapshot, message);
}

/**
 * Photos at a photo question gather in a draft until "continue" or the limit; an upload
 * anywhere else is refused. Not while an emergency is typed or the language switches.
 */
export function photoAnswer(host: FlowHost): TurnStep {
  return {
    name: 'photoAnswer',
    async run(turn: Turn) {
      if (turn.sign !== null || host.requestedLocale(turn.context)) return 'next';
      const { snapshot, t, locale } = flowOf(turn);
      const draft = turn.persisted?.photoDraft;
      const photo = photoStep(currentPrompt(snapshot), draft, turn.context.activity, t, host.photoLimits);
      if (photo.kind === 'refused') {
        await replyAtPhoto(host, turn.context, snapshot, draft, photo.message);
        return 'handled';
      }
      if (photo.kind === 'collecting') {
        await host.persist(turn.context, snapshot, photo.draft);
        await turn.context.sendActivities([host.collectingMessage(photo.note, t, locale)]);
        return 'handled';
      }
      if (photo.kind === 'answer') {
        turn.event = { type: 'ANSWER', value: photo.ids };
        if (photo.note) turn.notes.push(textMessage(photo.note, locale));
      }
      return 'next';
    },
  };
}
