// Two instances on one PostgreSQL schema: a console's live stream on instance B hears a new
// case, a claim and a client message stored through instance A (LISTEN/NOTIFY on the staff
// signal channel), and nothing of a queue that is not the nurse's.
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import type { StaffSignal } from '../../handoff/staffSignals';
import { openStaffEvents, type SseFrame } from '../support/staffEventStream';
import { sharedTestDatabase } from '../support/testDatabase';
import { discardTestData, startTestServer, tempDataDir, type TestServer } from '../support/testServer';

const PASSWORD = 'pitkä-ja-hyvä-salasana-2026';
const NOW = new Date('2026-11-23T08:00:00Z');
const signal = (frame: SseFrame) => (frame.event === 'signal' ? (frame.data as StaffSignal) : undefined);

describe('staff signals across two instances', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const env = { ...sharedTestDatabase(tempDataDir()).env, DIRECTLINE_TOKEN_SECRET: 'k'.repeat(48) };
    a = await startTestServer(env, tempDataDir(), { clock: () => new Date(NOW) });
    b = await startTestServer(env, tempDataDir(), { clock: () => new Date(NOW) });
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await discardTestData(a);
  });

  it('reach a console on B from changes made on A', async () => {
    await createStaffAccount(
      b.service.database.staff,
      { username: 'nurse.b', displayName: 'Hoitaja B', role: 'nurse', queues: ['digital_clinic'] },
      PASSWORD,
      DEFAULT_CATALOG.queues.map((q) => q.id),
      NOW,
      { logN: 10, r: 8, p: 1 },
    );
    const login = await fetch(`${b.url}/staff/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nurse.b', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const stream = await openStaffEvents(b.url, (login.headers.get('set-cookie') ?? '').split(';')[0]!);
    try {
      await stream.next((f) => f.event === 'ready');
      const base = { conversationReference: {}, channel: 'directline', urgency: 'urgent' as const, locale: 'fi' as const, answers: {}, photoIds: [] };
      const hidden = await a.service.handoff.create({ ...base, conversationId: 'conv-x-1', queueId: 'social_guidance' }, NOW);
      const shown = await a.service.handoff.create({ ...base, conversationId: 'conv-x-2', queueId: 'digital_clinic' }, NOW);
      const arrived = await stream.next((f) => signal(f)?.kind === 'case' && (signal(f) as { caseId: string }).caseId === shown.id);
      expect(signal(arrived)).toEqual({ kind: 'case', caseId: shown.id, change: 'new', queueId: 'digital_clinic', urgency: 'urgent' });
      await a.service.handoff.addMessage(shown.id, { kind: 'client', conversationId: 'conv-x-2' }, 'viesti', NOW);
      const message = await stream.next((f) => signal(f)?.kind === 'case' && (signal(f) as { change: string }).change === 'message');
      expect(signal(message)).toEqual({ kind: 'case', caseId: shown.id, change: 'message', queueId: 'digital_clinic' });
      // NOTIFY keeps the order of one sender: the hidden case's signal, sent first, would be here by now.
      const caseIds = stream.frames.map(signal).flatMap((s) => (s?.kind === 'case' ? [(s as { caseId: string }).caseId] : []));
      expect(caseIds).toContain(shown.id);
      expect(caseIds).not.toContain(hidden.id);
    } finally {
      stream.close();
    }
  });
});
