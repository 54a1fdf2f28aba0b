// Retention and erasure (data protection): what is deleted when, and the client's or staff's
// "delete this data". Anonymous aggregates (feedback, the triage accuracy table) are never touched.
import { createHash } from 'node:crypto';
import { CLIENT_ACTOR } from '../handoff/caseTypes';
import type { LuotsiDatabase } from './database';
import { identificationResultKey } from '../identity/citizenIdentification';

const DAY_MS = 86_400_000;

/** How long each kind of data is kept, in days (config: ACTIVITY_, CASE_ and AUDIT_RETENTION_DAYS). */
export interface RetentionPeriods {
  /** Web channel log, bot state, and photos not linked to a case: counted from the last activity / write / upload. */
  activityDays: number;
  /** Closed and abandoned (incl. withdrawn) cases with their messages and linked photos: counted from when the case ended. */
  caseDays: number;
  /** Audit entries, incl. those of deleted cases: counted from when the entry was written. */
  auditDays: number;
}

/** The periods from the service configuration. */
export function retentionPeriods(config: { activityRetentionDays: number; caseRetentionDays: number; auditRetentionDays: number }): RetentionPeriods {
  return { activityDays: config.activityRetentionDays, caseDays: config.caseRetentionDays, auditDays: config.auditRetentionDays };
}

/** What one retention round deleted (counts only: nothing that identifies anyone). */
export interface RetentionCounts {
  conversations: number;
  states: number;
  photos: number;
  cases: number;
  casePhotos: number;
  auditEntries: number;
}

/** The stores retention and erasure work on. */
export type DataStores = Pick<LuotsiDatabase, 'activityLog' | 'botState' | 'blobStore' | 'handoff' | 'scrubDeleted'>;

/** Deletes everything older than its period; the caller runs it exclusively (one instance at a time). */
export async function runRetention(stores: DataStores, periods: RetentionPeriods, now: Date): Promise<RetentionCounts> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const activityCutoff = before(periods.activityDays);
  // Cases first: their photos go with them, and what is left unlinked is aged out next.
  const ended = await stores.handoff.purgeEndedBefore(before(periods.caseDays));
  const counts = {
    conversations: await stores.activityLog.purgeIdleBefore(activityCutoff),
    states: await stores.botState.purgeUpdatedBefore(activityCutoff),
    photos: await stores.blobStore.purgeCreatedBefore(activityCutoff),
    cases: ended.cases,
    casePhotos: ended.photos,
    auditEntries: await stores.handoff.purgeAuditBefore(before(periods.auditDays)),
  };
  // Every round, not only when it deleted something: it also finishes an erasure's scrub that a
  // busy reader kept from completing.
  await stores.scrubDeleted();
  return counts;
}

/** Which conversation to erase: the Bot Framework channel id is part of the state key. */
export interface ConversationAddress {
  channelId: string;
  conversationId: string;
}

/** What an erasure deleted. */
export interface ErasureCounts {
  activities: number;
  photos: number;
  cases: string[];
}

/** The bot state key ConversationState (namespace '') uses for a conversation. */
export function conversationStateKey(address: ConversationAddress): string {
  return `${address.channelId}/conversations/${address.conversationId}/`;
}

/**
 * A stand-in for a conversation id in the audit log: the log must record that an erasure
 * happened without keeping an identifier that the rest of the system still resolves.
 */
export function conversationIdHash(conversationId: string): string {
  return `conversation:${createHash('sha256').update(conversationId).digest('hex').slice(0, 32)}`;
}

/**
 * The client's "delete my data": every case of the conversation (withdrawn from the queue or from
 * the staff member holding it) with messages and photos, the conversation's photos, its bot state
 * and its activity log so far. Audited as `erase` by CLIENT_ACTOR per case, or once under the
 * conversation id's hash when there was no case. The caller drops the turn's cached state itself.
 */
export async function eraseClientConversation(stores: DataStores, address: ConversationAddress, now: Date): Promise<ErasureCounts> {
  const cases = await stores.handoff.eraseConversation(address.conversationId, now);
  if (cases.length === 0) {
    await stores.handoff.appendAudit({ caseId: conversationIdHash(address.conversationId), staffId: CLIENT_ACTOR, action: 'erase', at: now });
  }
  return { cases, ...(await eraseConversationRest(stores, address)) };
}

/**
 * What a deleted case leaves behind in its conversation: photos not linked to the case, the bot
 * state and the activity log (they hold the same answers). Used after a staff deletion.
 */
export async function eraseConversationRest(stores: DataStores, address: ConversationAddress): Promise<Omit<ErasureCounts, 'cases'>> {
  const photos = await stores.blobStore.deleteForConversation(address.conversationId);
  // The conversation's state, and an identification result it has not taken yet.
  await stores.botState.delete([conversationStateKey(address), identificationResultKey(address.conversationId)]);
  const activities = await stores.activityLog.eraseActivities(address.conversationId);
  // The rows are gone from SQL; this takes them out of the files as well.
  await stores.scrubDeleted();
  return { activities, photos };
}
