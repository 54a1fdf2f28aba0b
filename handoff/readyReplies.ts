// Ready replies staff insert into the reply box: which replies each queue offers is data here,
// their wording is data in locales/<lng>/replies.json (`<group>.<id>.title` / `.text`, the
// group being `common` or the queue id). Validated at start-up: an unknown queue, a reply
// missing in a language, or a placeholder stops the service with an error that names it.
// Replies have no placeholders on purpose: nothing (least of all the client's name) is filled in.
import { LuotsiError } from '../errors';
import { LOCALES, type Locale } from '../flows/contract';

/** Reply ids offered in every queue, and per queue on top of them. */
export interface ReadyReplySet {
  common: readonly string[];
  queues: Readonly<Record<string, readonly string[]>>;
}

/** One ready reply as the console gets it: a title and a text in every language. */
export interface ReadyReply {
  id: string;
  title: Readonly<Record<Locale, string>>;
  text: Readonly<Record<Locale, string>>;
}

/**
 * Longest ready reply text. Fixed, not MAX_MESSAGE_LENGTH: a deployment's message limit must not
 * stop the start; a reply longer than its limit is refused when sent, as any message is.
 */
export const READY_REPLY_MAX_LENGTH = 1000;

/** The county's ready replies (texts in locales/<lng>/replies.json). */
export const READY_REPLIES: ReadyReplySet = {
  common: ['greeting', 'moreDetail', 'checking', 'noIdentityCode', 'safetyNet', 'closing'],
  queues: {
    digital_clinic: ['photo', 'appointment'],
    dental_care: ['pain'],
    general_customer_service: ['transfer', 'invoice'],
    social_guidance: ['contactLater'],
    family_centre: ['clinicTime'],
    home_care_nurse: ['visitChange'],
    senior_info: ['serviceNeeds'],
    mental_health: ['nextStep'],
  },
};

/** A ready reply that does not validate. */
export class ReadyReplyError extends LuotsiError {
  readonly code = 'ReadyReplyInvalid';
  constructor(
    readonly replyKey: string,
    reason: string,
  ) {
    super(`Ready reply '${replyKey}': ${reason}`);
  }
}

/** The replies namespace of one language, as locales/<lng>/replies.json holds it. */
export type ReplyTexts = (lng: Locale) => Record<string, unknown> | undefined;

const ID = /^[A-Za-z0-9_]{1,64}$/;

function textOf(bundle: Record<string, unknown> | undefined, group: string, id: string, field: 'title' | 'text'): unknown {
  const groupTexts = bundle?.[group] as Record<string, unknown> | undefined;
  const entry = groupTexts?.[id] as Record<string, unknown> | undefined;
  return entry?.[field];
}

/**
 * Checks the set against the catalog's queues and the texts of every language; returns the
 * replies per queue (common ones first). Throws ReadyReplyError on the first problem.
 */
export function validateReadyReplies(
  set: ReadyReplySet,
  queueIds: readonly string[],
  texts: ReplyTexts,
  maxLength: number,
): ReadonlyMap<string, readonly ReadyReply[]> {
  const bundles = Object.fromEntries(LOCALES.map((lng) => [lng, texts(lng)])) as Record<Locale, Record<string, unknown> | undefined>;
  const resolve = (group: string, id: string): ReadyReply => {
    const key = `${group}.${id}`;
    if (!ID.test(id)) throw new ReadyReplyError(key, 'the id must be letters, digits or _');
    const reply = { id: `${group}.${id}`, title: {} as Record<Locale, string>, text: {} as Record<Locale, string> };
    for (const lng of LOCALES) {
      for (const field of ['title', 'text'] as const) {
        const value = textOf(bundles[lng], group, id, field);
        if (typeof value !== 'string' || value.trim() === '') throw new ReadyReplyError(key, `no ${field} in locales/${lng}/replies.json`);
        if (/\{\{|\}\}/.test(value)) throw new ReadyReplyError(key, `the ${field} in ${lng} has a placeholder; ready replies fill in nothing`);
        if (field === 'text' && [...value].length > maxLength) throw new ReadyReplyError(key, `the text in ${lng} is longer than ${maxLength} characters`);
        reply[field][lng] = value;
      }
    }
    return reply;
  };
  const twice = (ids: readonly string[], where: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new ReadyReplyError(`${where}.${id}`, 'listed twice');
      seen.add(id);
    }
  };
  twice(set.common, 'common');
  const common = set.common.map((id) => resolve('common', id));
  const result = new Map<string, readonly ReadyReply[]>();
  for (const queueId of Object.keys(set.queues)) {
    if (!queueIds.includes(queueId)) throw new ReadyReplyError(queueId, 'no such queue in the service catalog');
  }
  for (const queueId of queueIds) {
    const own = set.queues[queueId] ?? [];
    twice(own, queueId);
    result.set(queueId, [...common, ...own.map((id) => resolve(queueId, id))]);
  }
  return result;
}
