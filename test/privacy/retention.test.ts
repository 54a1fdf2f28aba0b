// Retention on this run's backend: each period deletes what it covers (photos included) and
// nothing else; the anonymous aggregates (feedback, triage accuracy) stay.
import { NotFoundError } from '../../errors';
import type { NewCase, StaffCaller } from '../../handoff';
import { conversationIdHash, eraseClientConversation, runRetention, type RetentionPeriods } from '../../storage/dataProtection';
import type { LuotsiDatabase } from '../../storage/database';
import type { NewPhoto } from '../../storage/blobStore';
import { openTestDatabase } from '../support/testDatabase';

const DAY_MS = 86_400_000;
const PERIODS: RetentionPeriods = { activityDays: 30, caseDays: 90, auditDays: 730 };
const T0 = new Date('2026-11-23T10:00:00Z');
const NURSE: StaffCaller = { staffId: 'nurse-1', queues: ['digital_clinic'] };

const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);

function photo(conversationId: string): NewPhoto {
  return { conversationId, questionId: 'skin.photo', contentType: 'image/jpeg', image: Buffer.from('img'), thumbnail: Buffer.from('th'), width: 1, height: 1 };
}

function newCase(conversationId: string): NewCase {
  return {
    conversationId,
    conversationReference: {},
    channel: 'webchat',
    queueId: 'digital_clinic',
    urgency: 'non_urgent',
    topic: 'skin',
    locale: 'fi',
    answers: { 'skin.describe': 'ihottuma' },
    photoIds: [],
  };
}

describe('retention (data protection)', () => {
  let db: LuotsiDatabase;

  beforeEach(async () => {
    // The stores stamp what they write with this clock, never the wall clock: the periods are counted from T0 whatever the date the suite runs.
    db = await openTestDatabase(undefined, () => T0);
  });

  afterEach(async () => {
    await db.close();
  });

  it('deletes each kind of data after its period and keeps the aggregates', async () => {
    // A closed case with a photo, a message and feedback; an abandoned one; one still waiting.
    await db.blobStore.put([photo('conv-closed')], T0);
    const closed = await db.handoff.create(newCase('conv-closed'), T0);
    await db.blobStore.linkToCase('conv-closed', closed.id, 'digital_clinic');
    await db.handoff.claim(NURSE, closed.id, T0);
    await db.handoff.addMessage(closed.id, { kind: 'client', conversationId: 'conv-closed' }, 'kiitos', T0);
    await db.handoff.close(NURSE, closed.id, { outcome: 'advice_given', staffUrgency: 'urgent' }, T0);
    await db.handoff.recordFeedback({ queueId: 'digital_clinic', topic: 'skin', botUrgency: 'non_urgent', helped: 'yes', score: 5 }, T0);
    const abandoned = await db.handoff.create(newCase('conv-left'), T0);
    await db.handoff.withdraw('conv-left', T0);
    const waiting = await db.handoff.create(newCase('conv-waiting'), T0);
    // A web conversation with its log, state and an unlinked photo.
    await db.activityLog.createConversation({ id: 'conv-web', userId: 'u1', locale: 'fi', createdAt: T0.getTime() });
    await db.activityLog.append('conv-web', { type: 'message', text: 'hei' }, T0);
    await db.botState.write({ 'webchat/conversations/conv-web/': { flow: { x: 1 } } });
    await db.blobStore.put([photo('conv-web')], T0);

    // Within every period: nothing goes.
    expect(await runRetention(db, PERIODS, at(29))).toEqual({ conversations: 0, states: 0, photos: 0, cases: 0, casePhotos: 0, auditEntries: 0 });

    // Past the activity period: the web conversation, its state and the unlinked photo go; the case's photo stays with its case.
    const afterActivity = await runRetention(db, PERIODS, at(31));
    expect(afterActivity).toMatchObject({ conversations: 1, photos: 1, cases: 0, casePhotos: 0 });
    expect(afterActivity.states).toBeGreaterThanOrEqual(1);
    expect(await db.activityLog.getConversation('conv-web')).toBeUndefined();
    expect(await db.botState.read(['webchat/conversations/conv-web/'])).toEqual({});
    expect(await db.blobStore.countForQuestion('conv-web', 'skin.photo')).toBe(0);
    expect(await db.blobStore.countForQuestion('conv-closed', 'skin.photo')).toBe(1);
    expect((await db.handoff.get(NURSE, closed.id, at(31))).status).toBe('closed');

    // Past the case period: ended cases go with messages and photos; the waiting case stays.
    const afterCases = await runRetention(db, PERIODS, at(92));
    expect(afterCases).toMatchObject({ cases: 2, casePhotos: 1 });
    await expect(db.handoff.get(NURSE, closed.id, at(92))).rejects.toBeInstanceOf(NotFoundError);
    await expect(db.handoff.get(NURSE, abandoned.id, at(92))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.blobStore.countForQuestion('conv-closed', 'skin.photo')).toBe(0);
    expect((await db.handoff.get(NURSE, waiting.id, at(92))).status).toBe('waiting');

    // The aggregates outlive the cases.
    const accuracy = await db.handoff.triageAccuracy(NURSE);
    expect(accuracy.total).toBe(1);
    expect(accuracy.matrix.non_urgent.urgent).toBe(1);
    expect(accuracy.underTriaged).toBe(1);
    const feedback = await db.handoff.feedbackSummary(NURSE);
    expect(feedback).toEqual([expect.objectContaining({ queueId: 'digital_clinic', topic: 'skin', count: 1, averageScore: 5 })]);
    // The audit trail of the deleted case is still there until the audit period.
    expect((await db.handoff.auditTrailUnchecked(closed.id)).map((e) => e.action)).toEqual(['claim', 'close', 'view']);

    // Past the audit period: the audit entries go too, the aggregates still stay.
    const partly = await runRetention(db, PERIODS, at(731));
    expect(partly.auditEntries).toBe(2);
    expect((await db.handoff.auditTrailUnchecked(closed.id)).map((e) => e.action)).toEqual(['view']);
    const afterAudit = await runRetention(db, PERIODS, at(31 + 731));
    expect(afterAudit.auditEntries).toBeGreaterThanOrEqual(1);
    expect(await db.handoff.auditTrailUnchecked(closed.id)).toEqual([]);
    expect((await db.handoff.triageAccuracy(NURSE)).total).toBe(1);
    expect((await db.handoff.feedbackSummary(NURSE))[0]?.count).toBe(1);
  });

  it('erases a conversation on the client’s request: cases (also one staff hold), photos, state, log; audit without personal data', async () => {
    await db.activityLog.createConversation({ id: 'conv-e', userId: 'u1', locale: 'fi', createdAt: T0.getTime() });
    await db.activityLog.append('conv-e', { type: 'message', text: 'salainen' }, T0);
    await db.botState.write({ 'webchat/conversations/conv-e/': { flow: { x: 1 } } });
    await db.blobStore.put([photo('conv-e'), photo('conv-e')], T0);
    const held = await db.handoff.create(newCase('conv-e'), T0);
    await db.blobStore.linkToCase('conv-e', held.id, 'digital_clinic');
    await db.handoff.claim(NURSE, held.id, T0);
    await db.handoff.addMessage(held.id, { kind: 'staff', caller: NURSE, internal: false }, 'Hei', T0);

    const erased = await eraseClientConversation(db, { channelId: 'webchat', conversationId: 'conv-e' }, at(1));
    expect(erased.cases).toEqual([held.id]);
    await expect(db.handoff.get(NURSE, held.id, at(1))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.handoff.listClaimedBy(NURSE)).toEqual([]);
    expect(await db.blobStore.countForQuestion('conv-e', 'skin.photo')).toBe(0);
    expect(await db.botState.read(['webchat/conversations/conv-e/'])).toEqual({});
    expect(await db.activityLog.listAfter('conv-e', 0, 100)).toEqual([]);
    const trail = await db.handoff.auditTrailUnchecked(held.id);
    expect(trail.at(-1)).toMatchObject({ staffId: 'client', action: 'erase' });

    // Without a case, the erasure is recorded under the conversation id's hash only.
    await eraseClientConversation(db, { channelId: 'webchat', conversationId: 'conv-none' }, at(1));
    const hashed = await db.handoff.auditTrailUnchecked(conversationIdHash('conv-none'));
    expect(hashed).toEqual([{ caseId: conversationIdHash('conv-none'), staffId: 'client', action: 'erase', at: at(1) }]);
    expect(conversationIdHash('conv-none')).not.toContain('conv-none');
  });
});
