// The sealed identity on a case, on this run's backend: it goes onto the open case only, is not
// readable without the key, and the client's erasure and the retention sweep delete it with the case.
import type { NewCase } from '../../handoff/caseTypes';
import { caseContext, CitizenIdentification, type StartedAttempt, conversationContext, identificationResultKey } from '../../identity/citizenIdentification';
import { TestIdentityProvider } from '../../identity/identityProvider';
import { IdentitySealer } from '../../identity/identitySealer';
import { eraseClientConversation, runRetention } from '../../storage/dataProtection';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

const NOW = new Date('2026-11-24T08:00:00Z');
const IDENTITY = {
  givenName: 'Maija',
  familyName: 'Meikäläinen',
  identityCode: '010190-900P',
  assurance: 'test',
  provider: 'test' as const,
  identifiedAt: NOW.toISOString(),
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, undefined, { clock: () => NOW });
});
afterAll(async () => {
  await server.stop();
  await discardTestData(server);
});

function newCase(conversationId: string): NewCase {
  return {
    conversationId,
    conversationReference: {},
    channel: 'luotsi-web',
    queueId: 'digital_clinic',
    urgency: 'non_urgent',
    topic: 'skin',
    locale: 'fi',
    answers: {},
    photoIds: [],
  };
}

const sealer = new IdentitySealer(Buffer.alloc(32, 3));

/** The started attempt of `start`, failing the test when it refused or found no ticket. */
function attempt(result: StartedAttempt | 'otherBrowser' | undefined): StartedAttempt {
  if (result === undefined || result === 'otherBrowser') throw new Error(`the sign-in did not start: ${String(result)}`);
  return result;
}

test('an identity goes onto the open case only, sealed with that case id', async () => {
  const db = server.service.database;
  expect(await db.caseIdentity.attachToOpenCase('conv-none', () => 'never')).toBeUndefined();
  const created = await db.handoff.create(newCase('conv-open'), NOW);
  const caseId = await db.caseIdentity.attachToOpenCase('conv-open', (id) => sealer.seal(JSON.stringify(IDENTITY), caseContext(id)));
  expect(caseId).toBe(created.id);
  const stored = await db.caseIdentity.sealedOf(created.id);
  expect(stored?.queueId).toBe('digital_clinic');
  expect(stored?.sealed).not.toContain(IDENTITY.identityCode);
  expect(JSON.parse(sealer.open(stored!.sealed!, caseContext(created.id)))).toEqual(IDENTITY);
  // Copied to another case it does not open.
  expect(() => sealer.open(stored!.sealed!, caseContext('another-case'))).toThrow();
  const again = await db.handoff.findOpenByConversation('conv-open');
  expect(again?.identitySealed).toBe(stored?.sealed);
});

test("the client's erasure deletes the identity with the case, and an untaken result with the conversation", async () => {
  const db = server.service.database;
  const created = await db.handoff.create(newCase('conv-erase'), NOW);
  await db.caseIdentity.attachToOpenCase('conv-erase', (id) => sealer.seal(JSON.stringify(IDENTITY), caseContext(id)));
  await db.botState.write({
    [identificationResultKey('conv-erase')]: {
      ok: true,
      sealed: sealer.seal(JSON.stringify(IDENTITY), conversationContext('conv-erase')),
      expiresAt: NOW.getTime() + 60_000,
    },
  });
  await eraseClientConversation(db, { channelId: 'luotsi-web', conversationId: 'conv-erase' }, NOW);
  expect(await db.caseIdentity.sealedOf(created.id)).toBeUndefined();
  expect(await db.botState.read([identificationResultKey('conv-erase')])).toEqual({});
});

test('retention deletes an ended case with its identity', async () => {
  const db = server.service.database;
  const created = await db.handoff.create(newCase('conv-retention'), NOW);
  await db.caseIdentity.attachToOpenCase('conv-retention', (id) => sealer.seal(JSON.stringify(IDENTITY), caseContext(id)));
  await db.handoff.withdraw('conv-retention', NOW);
  await runRetention(db, { activityDays: 1, caseDays: 1, auditDays: 30 }, new Date(NOW.getTime() + 400 * 86_400_000));
  expect(await db.caseIdentity.sealedOf(created.id)).toBeUndefined();
});

test('a result is taken once, and an expired ticket starts nothing', async () => {
  let now = NOW;
  const service = new CitizenIdentification({
    storage: server.service.database.botState,
    sealer,
    provider: new TestIdentityProvider(() => 'fixed-state-1'),
    clock: () => now,
  });
  const ticket = await service.createTicket('conv-ticket', 'sv', false);
  expect(await service.ticketLocale(ticket)).toBe('sv');
  const started = attempt(await service.start(ticket, () => false));
  expect(started.redirectTo).toBe('/identify/test?state=fixed-state-1');
  const callback = new URL('http://x/identify/callback?state=fixed-state-1&test_person=maija');
  // Another browser (no or another binding cookie) cannot finish it.
  expect(await service.finish(callback, 'not-the-binding')).toEqual({ locale: 'sv', outcome: 'state' });
  expect(await service.takeResult('conv-ticket')).toEqual({ ok: false, reason: 'state' });
  const second = attempt(await service.start(ticket, () => false));
  expect(await service.finish(callback, second.binding)).toEqual({ locale: 'sv', outcome: 'ok' });
  expect(await service.finish(callback, second.binding)).toEqual({ locale: undefined, outcome: 'state' });
  const result = await service.takeResult('conv-ticket');
  expect(result).toMatchObject({ ok: true, identity: { givenName: 'Maija', identityCode: '010190-900P', provider: 'test' } });
  expect(await service.takeResult('conv-ticket')).toBeUndefined();
  now = new Date(NOW.getTime() + 11 * 60_000);
  expect(await service.start(ticket, () => true)).toBeUndefined();
});

test("a web chat's ticket starts a sign-in only in the browser that holds that chat", async () => {
  const service = new CitizenIdentification({
    storage: server.service.database.botState,
    sealer,
    provider: new TestIdentityProvider(() => 'bound-state'),
    clock: () => NOW,
  });
  const ticket = await service.createTicket('conv-bound', 'fi', true);
  const asked: string[] = [];
  // A forwarded link: the opening browser does not hold conv-bound.
  expect(await service.start(ticket, (conversationId) => (asked.push(conversationId), false))).toBe('otherBrowser');
  expect(asked).toEqual(['conv-bound']);
  expect(await service.takeResult('conv-bound')).toBeUndefined();
  // The chat's own browser: the sign-in starts.
  expect(attempt(await service.start(ticket, (conversationId) => conversationId === 'conv-bound')).redirectTo).toBe('/identify/test?state=bound-state');
});

test('a sign-in sealed under a key that has changed since fails cleanly and is reported to the chat', async () => {
  const storage = server.service.database.botState;
  const before = new CitizenIdentification({ storage, sealer, provider: new TestIdentityProvider(() => 'rotated-state'), clock: () => NOW });
  const ticket = await before.createTicket('conv-rotated', 'fi', false);
  const started = attempt(await before.start(ticket, () => false));
  const after = new CitizenIdentification({
    storage,
    sealer: new IdentitySealer(Buffer.alloc(32, 4)),
    provider: new TestIdentityProvider(() => 'unused'),
    clock: () => NOW,
  });
  const callback = new URL('http://x/identify/callback?state=rotated-state&test_person=maija');
  expect(await after.finish(callback, started.binding)).toEqual({ locale: 'fi', outcome: 'rejected' });
  expect(await after.takeResult('conv-rotated')).toEqual({ ok: false, reason: 'rejected' });
});
