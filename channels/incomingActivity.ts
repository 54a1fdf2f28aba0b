import type { Activity } from 'botbuilder';
import { BadRequestError } from '../errors';
import { asObject } from '../http/jsonBody';
import { WEB_BOT_ACCOUNT, WEB_CHANNEL_ID, WEB_SERVICE_URL } from './webChannelAdapter';
import { cleanClientText, cleanClientValue } from './clientText';

/** Activity types a web client may send. */
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);
const MAX_NAME = 100;
const MAX_LOCALE = 35;

function optionalString(record: Record<string, unknown>, field: string, max: number): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`activity.${field} must be a string`);
  if (value.length > max) throw new BadRequestError(`activity.${field} is too long`);
  return value;
}

/**
 * Validates a client's activity and rebuilds it from the allowed fields only: the
 * sender is the token's user (never what the body claims), the recipient the bot, and
 * ids, timestamps and service URL are the channel's.
 */
export function normalizeClientActivity(body: unknown, conversationId: string, userId: string): Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'> {
  const raw = asObject(body, 'activity');
  if (typeof raw.type !== 'string' || raw.type === '') throw new BadRequestError('activity.type is required', 'MissingActivityType');
  if (!CLIENT_TYPES.has(raw.type)) throw new BadRequestError(`activity type "${raw.type.slice(0, 40)}" is not accepted`, 'UnsupportedActivityType');
  // Length of text is the bot's to judge (it answers "too long" in the client's language);
  // the body limit already bounds it.
  const text = optionalString(raw, 'text', Number.MAX_SAFE_INTEGER);
  const name = optionalString(raw, 'name', MAX_NAME);
  const locale = optionalString(raw, 'locale', MAX_LOCALE);
  if (raw.attachments !== undefined && raw.attachments !== null) {
    if (!Array.isArray(raw.attachments)) throw new BadRequestError('activity.attachments must be an array');
    if (raw.attachments.length > 0) throw new BadRequestError('attachments are sent with the upload route', 'AttachmentsNotAccepted');
  }
  const from = raw.from === undefined || raw.from === null ? {} : asObject(raw.from, 'activity.from');
  const userName = optionalString(from, 'name', MAX_NAME);
  let channelData: Record<string, unknown> | undefined;
  if (raw.channelData !== undefined && raw.channelData !== null) {
    const given = asObject(raw.channelData, 'activity.channelData');
    // Web Chat matches its echo by clientActivityID; nothing else in channelData is used.
    const clientActivityID = optionalString(given, 'clientActivityID', 100);
    const clientTimestamp = optionalString(given, 'clientTimestamp', 40);
    channelData = { ...(clientActivityID && { clientActivityID }), ...(clientTimestamp && { clientTimestamp }) };
  }
  return {
    type: raw.type,
    ...(text !== undefined && { text: cleanClientText(text) }),
    ...(name !== undefined && { name }),
    ...(locale !== undefined && { locale }),
    ...(raw.value !== undefined && { value: cleanClientValue(raw.value) }),
    ...(channelData && { channelData }),
    from: { id: userId, name: cleanClientText(userName ?? ''), role: 'user' },
    recipient: { ...WEB_BOT_ACCOUNT },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    channelId: WEB_CHANNEL_ID,
    serviceUrl: WEB_SERVICE_URL,
  };
}
