import type { AnyMachineSnapshot } from 'xstate';
import type { PromptMeta, StateMeta } from '../../flows/contract';
import { parseAnswer } from '../answerParser';
import type { FlowHost } from '../flowHost';
import { currentPrompt } from '../flowHost';
import { isTopicMenuPress, topicsToOffer } from '../topicOffer';
import type { TopicFinder } from '../../understanding/topicFinder';
import { tokens } from '../../understanding/words';
import { textMessage } from '../promptRenderer';
import { flowOf, type Turn, type TurnStep } from './turn';

// A description is a sentence; one or two words are an answer for the option matching.
const MIN_DESCRIPTION_WORDS = 3;

/**
 * The topic finder as one step. At the topic menu a typed description offers the matching
 * question set (or the two or three best as buttons); as the very first message it answers
 * the language question with the language it is written in and keeps only the topic ids
 * (no text: consent is asked first) to offer at the menu. Runs after the emergency steps,
 * so it never hides an emergency answer, and it only chooses a set whose red flags it asks.
 */
export function topicUnderstanding(host: FlowHost, finder: TopicFinder): TurnStep {
  const question = host.options.topicQuestion!;
  const topicsOf = (menu: PromptMeta | undefined) => (id: string) => (menu?.options ?? []).some((o) => o.id === `${question.optionPrefix}${id}`);
  return {
    name: 'topicUnderstanding',
    async run(turn: Turn) {
      if (turn.event !== undefined) return 'next';
      const { snapshot, locale } = flowOf(turn);
      const prompt = currentPrompt(snapshot);
      const atMenu = host.isTopicPrompt(prompt);
      const atFirst = prompt?.id === question.firstPromptId;
      if (!prompt || (!atMenu && !atFirst)) return 'next';
      const offer = turn.persisted?.topicOffer ?? [];
      if (atMenu && isTopicMenuPress(turn.context.activity.value)) {
        await showMenu(host, turn, snapshot);
        return 'handled';
      }
      const typed = turn.typedText?.trim();
      if (!typed) return 'next';
      if (atMenu && offer.length === 1) {
        const reading = host.reader(locale).yesNo(typed);
        if (reading === 'yes') {
          turn.event = { type: 'ANSWER', value: `${question.optionPrefix}${offer[0]}` };
          return 'next';
        }
        if (reading === 'no') {
          await showMenu(host, turn, snapshot);
          return 'handled';
        }
      }
      // An option's exact label or number is an answer, not a description.
      const exact = parseAnswer(prompt, { text: typed, value: undefined }, (key) => host.labels(key), host.words.skipWords());
      if (exact.kind !== 'invalid' || tokens(typed).length < MIN_DESCRIPTION_WORDS) return 'next';
      if (atMenu) {
        const { guesses } = await finder.find(locale, typed);
        const topics = topicsToOffer(guesses, topicsOf(prompt));
        if (topics.length === 0) return 'next';
        await host.persist(turn.context, snapshot, undefined, { topicOffer: topics });
        await turn.context.sendActivities(host.topicOffer(snapshot, topics));
        return 'handled';
      }
      const menu = menuPrompt(host, snapshot);
      const found = await finder.find(undefined, typed);
      const topics = menu ? topicsToOffer(found.guesses, topicsOf(menu)) : [];
      if (topics.length === 0) return 'next';
      // The first message was a description: go on in its language, and offer its topic at the menu.
      turn.event = { type: 'ANSWER', value: `${question.firstOptionPrefix}${found.locale}` };
      turn.topicOffer = topics;
      turn.notes.push(textMessage(host.t(found.locale)('understanding:topicOffer.noted'), found.locale));
      return 'next';
    },
  };
}

/** The topic menu's prompt as the flow defines it (the flow's own data, for the option ids). */
function menuPrompt(host: FlowHost, snapshot: AnyMachineSnapshot): PromptMeta | undefined {
  const id = host.options.topicQuestion?.promptId;
  const machine = snapshot.machine as unknown as { idMap?: Map<string, { meta?: StateMeta }> };
  for (const node of machine.idMap?.values() ?? []) {
    const prompt = node.meta?.prompt;
    if (prompt?.id === id) return prompt;
  }
  return undefined;
}

async function showMenu(host: FlowHost, turn: Turn, snapshot: AnyMachineSnapshot): Promise<void> {
  await host.persist(turn.context, snapshot, undefined, { topicOffer: [] });
  await turn.context.sendActivities(host.renderState(snapshot, flowOf(turn).t, false));
}
