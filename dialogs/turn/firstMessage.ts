import { parseAnswer } from '../answerParser';
import type { FlowHost } from '../flowHost';
import { currentPrompt } from '../flowHost';
import { textMessage } from '../promptRenderer';
import { LOCALES, type Locale } from '../../flows/contract';
import type { TopicFinder } from '../../understanding/topicFinder';
import { containsAny, fold, tokens } from '../../understanding/words';
import { flowOf, type Turn, type TurnStep } from './turn';

/**
 * A typed message at the language question that is neither a language nor a topic the finder
 * knows (a greeting, a question, a word of one's own): not an error. When its words tell the
 * language (the finder's vocabulary, then the greetings of understanding.json), the
 * conversation goes on in it, saying so; otherwise the language question comes again with its
 * buttons and a line in all three languages, never "not recognised". Runs after the emergency
 * steps and the topic finder, so an emergency or a description is answered as before.
 */
export function firstMessage(host: FlowHost, finder: TopicFinder): TurnStep {
  const question = host.options.topicQuestion!;
  return {
    name: 'firstMessage',
    async run(turn: Turn) {
      if (turn.event !== undefined) return 'next';
      const { snapshot, locale } = flowOf(turn);
      const prompt = currentPrompt(snapshot);
      const typed = turn.typedText?.trim();
      if (!typed || prompt?.id !== question.firstPromptId) return 'next';
      const parsed = parseAnswer(prompt, { text: typed, value: undefined }, (key) => host.labels(key), host.words.skipWords(), host.reader(locale));
      if (parsed.kind !== 'invalid') return 'next';
      const language = finder.languageOf(typed) ?? greetingLanguage(host, typed);
      if (language) {
        turn.event = { type: 'ANSWER', value: `${question.firstOptionPrefix}${language}` };
        turn.notes.push(textMessage(host.t(language)('understanding:firstMessage.goingOn'), language));
        return 'next';
      }
      await host.askAgain(turn.context, snapshot, host.t(locale)('understanding:firstMessage.chooseLanguage'), turn.persisted);
      return 'handled';
    },
  };
}

/** The one language whose greetings the text has (none, or several: undefined). */
function greetingLanguage(host: FlowHost, text: string): Locale | undefined {
  const folded = tokens(text).map(fold);
  const found = LOCALES.filter((l) => containsAny(folded, host.lexicon.list(l, 'greetings')));
  return found.length === 1 ? found[0] : undefined;
}
