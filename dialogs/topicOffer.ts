import { ActionTypes, type Activity, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { PromptMeta, SubjectKind } from '../flows/contract';
import type { TopicGuess } from '../understanding/topicFinder';
import { keyChain, textMessage } from './promptRenderer';

/** Value of the "show all topics" button of a topic offer. */
export interface TopicMenuPress {
  topicMenu: true;
}

// The finder's score (0–1) at which one topic is offered on its own, and how far ahead of
// the next it must be; below ONE_TOPIC the two or three best are offered, below ANY none.
// Set on the held-out split (npm run bench:topics): wrong single offers cost a "no" press.
const ONE_TOPIC = 0.7;
const ONE_TOPIC_LEAD = 0.3;
const ANY = 0.25;
const CANDIDATE = 0.1;
const MAX_CANDIDATES = 3;

/** The topics to offer for the finder's guesses: one when sure, two or three when unsure, none when nothing fits. */
export function topicsToOffer(guesses: readonly TopicGuess[], isTopic: (id: string) => boolean): string[] {
  const known = guesses.filter((g) => isTopic(g.topic));
  const [top, second] = known;
  if (!top || top.score < ANY) return [];
  if (top.score >= ONE_TOPIC && (second?.score ?? 0) <= top.score - ONE_TOPIC_LEAD) return [top.topic];
  return known
    .filter((g) => g.score >= CANDIDATE)
    .slice(0, MAX_CANDIDATES)
    .map((g) => g.topic);
}

function button(title: string, value: Record<string, unknown>): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/**
 * "This sounds like a dental matter — shall we start with those questions?" with a start
 * button, or the two or three candidates as buttons; both with "show all topics". The buttons
 * are the topic question's own choices, so pressing one is an ordinary answer.
 */
export function renderTopicOffer(
  prompt: PromptMeta,
  topics: readonly string[],
  optionPrefix: string,
  t: TFunction,
  locale: string,
  subject: SubjectKind | undefined,
): Partial<Activity>[] {
  const options = (prompt.options ?? []).filter((o) => topics.includes(o.id.slice(optionPrefix.length)));
  const ordered = topics.map((topic) => options.find((o) => o.id === `${optionPrefix}${topic}`)).filter((o) => o !== undefined);
  const menu: TopicMenuPress = { topicMenu: true };
  const single = ordered.length === 1 ? ordered[0] : undefined;
  const message = single
    ? textMessage(t('understanding:topicOffer.one', { topic: t(keyChain(single.labelKey, subject)) }), locale)
    : textMessage(t('understanding:topicOffer.several'), locale);
  const choices = single
    ? [button(t('understanding:topicOffer.start'), { choice: single.id })]
    : ordered.map((option) => button(t(keyChain(option.labelKey, subject)), { choice: option.id }));
  message.suggestedActions = { to: [], actions: [...choices, button(t('understanding:topicOffer.menu'), { ...menu })] };
  return [message];
}

/** Value of the offer's buttons under "something else": switch to a set, or keep the description as typed. */
export interface DescriptionOfferPress {
  switchTopic?: string;
  describe?: string;
}

/** "This sounds like … — shall we start with those questions?" under "something else". */
export function renderDescriptionOffer(topicLabel: string, topic: string, description: string, t: TFunction, locale: string): Partial<Activity>[] {
  const message = textMessage(t('understanding:topicOffer.one', { topic: topicLabel }), locale);
  const start: DescriptionOfferPress = { switchTopic: topic };
  const keep: DescriptionOfferPress = { describe: description };
  message.suggestedActions = {
    to: [],
    actions: [button(t('understanding:topicOffer.start'), { ...start }), button(t('understanding:topicOffer.keepDescription'), { ...keep })],
  };
  return [message];
}

/** Reads a press of the description offer. */
export function descriptionOfferPressOf(value: unknown): DescriptionOfferPress | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.switchTopic === 'string') return { switchTopic: r.switchTopic };
  if (typeof r.describe === 'string') return { describe: r.describe };
  return undefined;
}

/** True when the value is the "show all topics" press. */
export function isTopicMenuPress(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Partial<TopicMenuPress>).topicMenu === true;
}
