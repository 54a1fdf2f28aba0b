import type { FlowHost } from '../flowHost';
import { currentPrompt, flowContext } from '../flowHost';
import { keyChain } from '../promptRenderer';
import { descriptionOfferPressOf, renderDescriptionOffer, topicsToOffer } from '../topicOffer';
import type { TopicFinder } from '../../understanding/topicFinder';
import { tokens } from '../../understanding/words';
import { flowOf, type Turn, type TurnStep } from './turn';

const MIN_DESCRIPTION_WORDS = 3;
/** Questions between the topic menu and the description, at most (the need, a child's condition). */
const MAX_STEPS_BACK_TO_MENU = 4;

/**
 * Under "something else", the description goes through the topic finder: a confident match
 * offers that question set (back to the menu and on to the set, in one turn); "no" keeps the
 * description as typed, and the general queue gets it as before. Unsure or nothing found: the
 * description is simply the answer.
 */
export function describedTopic(host: FlowHost, finder: TopicFinder): TurnStep {
  const question = host.options.topicQuestion!;
  return {
    name: 'describedTopic',
    async run(turn: Turn) {
      if (turn.event !== undefined || question.describePromptId === undefined) return 'next';
      const flow = flowOf(turn);
      const { snapshot, t, locale } = flow;
      if (currentPrompt(snapshot)?.id !== question.describePromptId) return 'next';
      const offered = turn.persisted?.topicOffer?.[0];
      const press = descriptionOfferPressOf(turn.context.activity.value);
      const typed = turn.typedText?.trim();
      const yes = offered !== undefined && typed !== undefined && host.reader(locale).yesNo(typed) === 'yes';
      const switchTo = press?.switchTopic ?? (yes ? offered : undefined);
      if (switchTo !== undefined && switchTo === offered) {
        // Back to the menu (the description is not recorded), then the set's first question. The
        // description may sit a few questions into "something else" (its need, a child's condition).
        let atMenu = snapshot;
        for (let step = 0; step < MAX_STEPS_BACK_TO_MENU && !host.isTopicPrompt(currentPrompt(atMenu)); step += 1) {
          atMenu = host.engine.transition(atMenu, { type: 'BACK' });
        }
        if (!host.isTopicPrompt(currentPrompt(atMenu))) return 'next';
        turn.flow = { ...flow, snapshot: atMenu };
        turn.event = { type: 'ANSWER', value: `${question.optionPrefix}${switchTo}` };
        return 'next';
      }
      if (press?.describe !== undefined) {
        turn.event = { type: 'ANSWER', value: press.describe };
        return 'next';
      }
      if (!typed || tokens(typed).length < MIN_DESCRIPTION_WORDS) return 'next';
      const { guesses } = await finder.find(locale, typed);
      const [topic, ...others] = topicsToOffer(guesses, (id) => id !== question.describeTopic && guesses.some((g) => g.topic === id));
      if (topic === undefined || others.length > 0 || guesses[0]?.topic !== topic) return 'next';
      const label = t(keyChain(`entry:topic.options.${topic}`, flowContext(snapshot).subject?.kind));
      await host.persist(turn.context, snapshot, undefined, { topicOffer: [topic] });
      await turn.context.sendActivities(renderDescriptionOffer(label, topic, typed, t, locale));
      return 'handled';
    },
  };
}
