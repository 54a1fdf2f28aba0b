import { ActivityTypes } from 'botbuilder';
import type { AnyMachineSnapshot } from 'xstate';
import { LOCALES, type AnswerValue, type Locale, type PromptMeta } from '../../flows/contract';
import type { SideSetId } from '../../flows/side';
import { synonymKey } from '../../understanding/answerReader';
import { fold, phrases, tokens } from '../../understanding/words';
import { parseAnswer } from '../answerParser';
import type { FlowHost } from '../flowHost';
import type { PersistedFlow } from '../flowTypes';
import { optionList, textMessage } from '../promptRenderer';
import type { SideEffect, SideEffects } from '../sideEffects';
import { renderSidePrompt, sidePressOf } from '../sidePresses';
import { advanceSide, readSide, sideContext, sideOutput, sidePrompt, sideRecord, startSide, type SideRun } from '../sideRun';
import type { Turn, TurnStep } from './turn';

/** The stored flow without any side conversation (also the shapes stored before the side sets). */
function withoutSide(persisted: PersistedFlow): PersistedFlow {
  const { side: _side, contactDraft: _draft, erasePending: _pending, ...rest } = persisted;
  return rest;
}

/**
 * True when the whole message is one answer: a yes/no word of the locales or one of the
 * question's labels or synonyms, in any language. An answer that cannot be undone is never
 * read from inside a sentence ("on minulla kuumetta" holds "on", a yes).
 */
function isWholeAnswer(host: FlowHost, prompt: PromptMeta, text: string): boolean {
  const typed = tokens(text).map(fold).join(' ');
  if (typed === '') return false;
  const lists = (locale: Locale) => [
    ...['yes', 'no', 'unsure'].map((key) => host.lexicon.text(locale, `yesNo.${key}`) ?? ''),
    ...(prompt.options ?? []).flatMap((o) => [host.lexicon.label(locale, o.labelKey) ?? '', host.lexicon.text(locale, synonymKey(o.labelKey)) ?? '']),
  ];
  return LOCALES.some((locale) => lists(locale).some((list) => phrases(list.replace(/,/g, '')).some((phrase) => phrase.join(' ') === typed)));
}

/**
 * The side conversations (feedback, contact request, erase confirmation), one generic step:
 * a pending side set reads the message as its answer with the same answer reader as the
 * topics; a message that starts one (the erase word, a closed queue's contact button, a
 * feedback button) starts it; at its end the set's effect runs with its output. Anything else
 * withdraws a pending side question (never a later "yes" to another question deleting data),
 * and an emergency sign passes the turn on for 112 first.
 */
export function sideQuestion(host: FlowHost, effects: SideEffects): TurnStep {
  return {
    name: 'sideQuestion',
    async run(turn: Turn) {
      const { context } = turn;
      if (context.activity.type !== ActivityTypes.Message) return 'next';
      // Restored only when a side set needs it (the restore step does it again for the flow).
      let restored: { snapshot: AnyMachineSnapshot | undefined } | undefined;
      const flowNow = () => (restored ??= host.restore(turn.persisted)).snapshot;
      const locale = turn.persisted?.context.locale ?? host.incomingLocale(context);
      const given = turn.persisted?.feedbackGiven ?? [];
      const press = sidePressOf(context.activity.value);
      const pending = readSide(turn.persisted);
      const pendingEffect = pending ? effects[pending.set] : undefined;

      const withdraw = async () => {
        if (!turn.persisted || !(turn.persisted.side || turn.persisted.contactDraft || turn.persisted.erasePending)) return;
        turn.persisted = withoutSide(turn.persisted);
        await host.options.state.set(context, turn.persisted);
      };
      const store = async (run: SideRun) => {
        let base = turn.persisted;
        if (!base) {
          // Nothing to come back to (new, expired): keep a fresh flow for after the side question.
          await host.persist(context, host.engine.initial({ locale }));
          base = await host.options.state.get(context);
        }
        if (!base) return;
        turn.persisted = { ...withoutSide(base), side: sideRecord(run), lastInputAt: host.options.clock().getTime() };
        await host.options.state.set(context, turn.persisted);
      };
      const finishOrAsk = async (effect: SideEffect, run: SideRun) => {
        const output = sideOutput(run);
        if (output) {
          await withdraw();
          const flow = flowNow();
          const { recorded } = await effect.finish(context, output, flow, locale, given);
          if (recorded !== undefined && flow) await host.persist(context, flow, undefined, { feedbackGiven: [...given, recorded].slice(-20) });
          return;
        }
        const refusal = await effect.refusal?.(context, sideContext(run).about, sideContext(run).answers, locale, given);
        if (refusal) {
          await withdraw();
          await context.sendActivities(refusal);
          return;
        }
        await store(run);
        await context.sendActivities(renderSidePrompt(run, host.t(locale), locale));
      };
      const answered = (run: SideRun, answers: readonly AnswerValue[]) => answers.reduce((r, value) => advanceSide(r, { type: 'ANSWER', value }), run);

      // A press of a stateless set's buttons (feedback) carries every answer so far.
      const replayed = press ? effects[press.set] : undefined;
      if (press && replayed?.replays) {
        if (turn.sign !== null || (replayed.needsFlow && !flowNow())) return 'next';
        await finishOrAsk(replayed, answered(startSide(press.set, locale, press.about), press.answers));
        return 'handled';
      }

      if (pending && pendingEffect && turn.sign === null && !(pendingEffect.needsFlow && !flowNow())) {
        const answers = readAnswer(host, turn, pending, press?.set, press?.answers);
        if (answers.kind === 'answers') {
          await finishOrAsk(pendingEffect, answered(pending, answers.values));
          return 'handled';
        }
        if (answers.kind === 'reason') {
          await context.sendActivities([textMessage(answers.text, locale)]);
          return 'handled';
        }
      }
      // Not an answer to the pending side question (or none pending): it is withdrawn.
      await withdraw();
      if (press || turn.sign !== null) return 'next';

      for (const [set, effect] of Object.entries(effects) as [SideSetId, SideEffect][]) {
        const start = effect.start?.(context, turn.text, flowNow, locale);
        if (start === undefined) continue;
        if ('refusal' in start) await context.sendActivities(start.refusal);
        else await finishOrAsk(effect, startSide(set, locale, start.about));
        return 'handled';
      }
      return 'next';
    },
  };
}

type ReadAnswer = { kind: 'answers'; values: AnswerValue[] } | { kind: 'reason'; text: string } | { kind: 'none' };

/** The message as the answer to the pending side question: a press of its buttons, or typed words. */
function readAnswer(host: FlowHost, turn: Turn, run: SideRun, pressedSet: SideSetId | undefined, pressed: AnswerValue[] | undefined): ReadAnswer {
  if (pressedSet !== undefined) return pressedSet === run.set && pressed ? { kind: 'answers', values: pressed } : { kind: 'none' };
  const prompt = sidePrompt(run);
  const text = turn.typedText;
  // A global word or a language switch turns to something else.
  if (!prompt || text === undefined || host.words.match(text) !== undefined || host.requestedLocale(turn.context)) return { kind: 'none' };
  if (prompt.wholeAnswer && !isWholeAnswer(host, prompt, text)) return { kind: 'none' };
  const locale = sideContext(run).locale;
  // "I don't know" answers no side question (none has such an option), even where an option's
  // label is its first word (Finnish "En", no, in "en tiedä").
  if (prompt.kind !== 'text' && host.reader(locale).yesNo(text) === 'unsure') return { kind: 'none' };
  const parsed = parseAnswer(prompt, { text, value: turn.context.activity.value }, (key) => host.labels(key), [], host.reader(locale));
  if (parsed.kind === 'answer') return { kind: 'answers', values: [parsed.value] };
  // A written answer (the contact request) is asked again with the reason; a choice that is none withdraws.
  if (parsed.kind !== 'invalid' || prompt.kind !== 'text') return { kind: 'none' };
  const t = host.t(locale);
  const own = `${prompt.key.split(':')[0]}:errors.${parsed.errorKey.slice(parsed.errorKey.lastIndexOf('.') + 1)}`;
  const key = host.options.i18n.exists(own) ? own : parsed.errorKey;
  return { kind: 'reason', text: t(key, { options: optionList(prompt, t, undefined), ...(parsed.params ?? {}) }) };
}
