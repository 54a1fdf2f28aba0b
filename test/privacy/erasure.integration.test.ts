// "Delete my data" through the real server (official Direct Line client, fi and sv, confirm and
// cancel), and staff data-subject requests: export and delete with access, session and CSRF checks.
import { WEB_CHANNEL_ID } from '../../channels/webChannelAdapter';
import fs from 'node:fs';
import path from 'node:path';
import type { Message } from 'botframework-directlinejs';
import type { NewCase } from '../../handoff';
import { createI18n } from '../../i18n/i18n';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { conversationIdHash } from '../../storage/dataProtection';
import { directLineClient, say, Transcript } from '../support/directLineClient';
import { TEST_BACKEND } from '../support/testDatabase';
import { discardTestData, startTestServer, tempDataDir, type TestServer } from '../support/testServer';

const i18n = createI18n();
const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');
const PASSWORD = 'pitkä-ja-hyvä-salasana-2026';
const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z'); // 10.00 in Helsinki: customer service open

interface Session {
  cookie: string;
  csrf: string;
}

async function staffLogin(server: TestServer, username: string, queues: string[]): Promise<Session> {
  await createStaffAccount(
    server.service.database.staff,
    { username, displayName: username, role: 'nurse', queues },
    PASSWORD,
    DEFAULT_CATALOG.queues.map((q) => q.id),
    MONDAY_MORNING,
    { logN: 10, r: 8, p: 1 },
  );
  const res = await fetch(`${server.url}/staff/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

async function startChat(server: TestServer) {
  const dl = `${server.url}/v3/directline`;
  const { token, conversationId } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string; conversationId: string };
  const client = directLineClient({ url: server.url, token, webSocket: true });
  return { client, conversationId, transcript: new Transcript(client) };
}

function button(message: Message, title: string): { title: string; value: unknown } {
  const action = (message.suggestedActions?.actions ?? []).find((a) => a.title === title);
  if (!action) throw new Error(`no button ${title}`);
  return { title, value: (action as { value?: unknown }).value };
}

async function loggedTexts(server: TestServer, conversationId: string): Promise<string[]> {
  const logged = await server.service.database.activityLog.listAfter(conversationId, 0, 1000);
  return logged.map((l) => l.activity.text ?? `(${l.activity.type})`);
}

describe('delete my data', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }, tempDataDir(), { clock: () => MONDAY_MORNING });
  });

  afterAll(async () => {
    await server.stop();
    await discardTestData(server);
  });

  it('fi: a queued client confirms; the case leaves the queue and everything of the conversation is deleted', async () => {
    const { client, conversationId, transcript } = await startChat(server);
    try {
      await transcript.waitForBot((m) => m.text === fi('entry:language.question'));
      await say(client, 'ihminen');
      const offer = await transcript.waitForBot((m) =>
        (m.suggestedActions?.actions ?? []).some((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue !== undefined),
      );
      const join = offer.suggestedActions!.actions.find((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue)!;
      await say(client, join.title ?? '', (join as { value?: unknown }).value);
      await transcript.waitForBot((m) => m.text === fi('common:handoff.positionUnknown', { position: 1 }));
      const queued = await server.service.database.handoff.findOpenByConversation(conversationId);
      expect(queued?.status).toBe('waiting');
      const marker = `MARKER_ERASE_${conversationId.slice(0, 8)} soita +358409998877`;
      await say(client, marker);
      await transcript.waitForBot(() => transcript.botMessages().length > 0);

      await say(client, 'Poista tietoni');
      const question = await transcript.waitForBot((m) => m.text === fi('erase:confirm.question'));
      expect(question.suggestedActions?.actions.map((a) => a.title)).toEqual([fi('erase:confirm.options.yes'), fi('erase:confirm.options.no')]);
      const yes = button(question, fi('erase:confirm.options.yes'));
      await say(client, yes.title, yes.value);
      await transcript.waitForBot((m) => m.text === fi('common:erase.done'));

      const db = server.service.database;
      expect(await db.handoff.findOpenByConversation(conversationId)).toBeUndefined();
      expect(await db.handoff.auditTrailUnchecked(queued!.id)).toEqual([expect.objectContaining({ staffId: 'client', action: 'erase' })]);
      // The log keeps nothing but the confirmation; the bot state is gone.
      expect(await loggedTexts(server, conversationId)).toEqual([fi('common:erase.done')]);
      expect(await db.botState.read([`${WEB_CHANNEL_ID}/conversations/${conversationId}/`])).toEqual({});

      // Gone from the files too, not only from SQL (SQLite here; PostgreSQL: see secureErase.test.ts).
      if (TEST_BACKEND === 'sqlite') {
        for (const name of fs.readdirSync(server.dataDir).filter((n) => n.startsWith('luotsi.db'))) {
          expect(fs.readFileSync(path.join(server.dataDir, name)).includes(Buffer.from(marker))).toBe(false);
        }
      }

      // The next message starts afresh.
      await say(client, 'hei');
      await transcript.waitForBot((m) => m.text === fi('common:welcome'));
    } finally {
      client.end();
    }
  });

  it('sv: "no" keeps everything and repeats the question; "ja" later deletes (no case: audited under the hash)', async () => {
    const { client, conversationId, transcript } = await startChat(server);
    try {
      await transcript.waitForBot((m) => m.text === fi('entry:language.question'));
      await say(client, 'svenska');
      await transcript.waitForBot((m) => m.text === sv('entry:privacy.question'));

      await say(client, 'radera mina uppgifter');
      const question = await transcript.waitForBot((m) => m.text === sv('erase:confirm.question'));
      const no = button(question, sv('erase:confirm.options.no'));
      await say(client, no.title, no.value);
      await transcript.waitForBot((m) => m.text === sv('common:erase.kept'));
      // The conversation carries on where it was: the privacy question again, then onwards.
      await transcript.waitForBot(
        (m) =>
          m.text === sv('entry:privacy.question') &&
          transcript.botMessages().indexOf(m) > transcript.botMessages().findIndex((k) => k.text === sv('common:erase.kept')),
      );
      const before = await loggedTexts(server, conversationId);
      expect(before).toContain(sv('entry:privacy.notice'));

      await say(client, 'Radera mina uppgifter');
      await transcript.waitForBot(
        (m) => m.text === sv('erase:confirm.question') && transcript.botMessages().filter((k) => k.text === sv('erase:confirm.question')).length === 2,
      );
      await say(client, 'ja');
      await transcript.waitForBot((m) => m.text === sv('common:erase.done'));
      expect(await loggedTexts(server, conversationId)).toEqual([sv('common:erase.done')]);
      const trail = await server.service.database.handoff.auditTrailUnchecked(conversationIdHash(conversationId));
      expect(trail).toEqual([expect.objectContaining({ staffId: 'client', action: 'erase' })]);
    } finally {
      client.end();
    }
  });
});

describe('staff data-subject requests', () => {
  let server: TestServer;
  let nurse: Session;
  let social: Session;

  beforeAll(async () => {
    server = await startTestServer({ STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    nurse = await staffLogin(server, 'nurse.dsr', ['digital_clinic']);
    social = await staffLogin(server, 'social.dsr', ['social_guidance']);
  });

  afterAll(async () => {
    await server.stop();
    await discardTestData(server);
  });

  const call = async (method: string, path: string, session?: Session, csrf?: string | null) => {
    const headers: Record<string, string> = {};
    if (session) headers.cookie = session.cookie;
    const token = csrf === undefined ? session?.csrf : csrf;
    if (token) headers['x-csrf-token'] = token;
    const res = await fetch(`${server.url}${path}`, { method, headers });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
  };

  async function caseWithPhoto(): Promise<string> {
    const db = server.service.database;
    const input: NewCase = {
      conversationId: `conv-dsr-${Math.random().toString(36).slice(2)}`,
      conversationReference: {},
      channel: 'webchat',
      queueId: 'digital_clinic',
      urgency: 'non_urgent',
      topic: 'skin',
      locale: 'fi',
      answers: { 'skin.describe': 'ihottuma' },
      photoIds: [],
    };
    const [photo] = await db.blobStore.put([
      {
        conversationId: input.conversationId,
        questionId: 'skin.photo',
        contentType: 'image/jpeg',
        image: Buffer.from('jpeg-bytes'),
        thumbnail: Buffer.from('t'),
        width: 1,
        height: 1,
      },
    ]);
    const created = await db.handoff.create({ ...input, photoIds: [photo!.id] }, new Date());
    await db.blobStore.linkToCase(input.conversationId, created.id, 'digital_clinic');
    await db.handoff.addMessage(created.id, { kind: 'client', conversationId: input.conversationId }, 'viesti', new Date());
    return created.id;
  }

  it('refuses without a session (401) and outside own queues (403)', async () => {
    const id = await caseWithPhoto();
    expect((await call('GET', `/staff/api/cases/${id}/export`)).status).toBe(401);
    expect((await call('DELETE', `/staff/api/cases/${id}`)).status).toBe(401);
    expect((await call('GET', `/staff/api/cases/${id}/export`, social)).status).toBe(403);
    expect((await call('DELETE', `/staff/api/cases/${id}`, social)).status).toBe(403);
    expect((await call('GET', '/staff/api/cases/no-such-case/export', nurse)).status).toBe(404);
    // Still there, and no export was recorded.
    expect((await server.service.database.handoff.auditTrailUnchecked(id)).map((e) => e.action)).toEqual([]);
  });

  it('exports the case with messages, photo bytes and the audit trail, audited as export', async () => {
    const id = await caseWithPhoto();
    const res = await call('GET', `/staff/api/cases/${id}/export`, nurse);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.case).toMatchObject({ id, answers: { 'skin.describe': 'ihottuma' } });
    expect(res.body.messages).toEqual([expect.objectContaining({ from: 'client', text: 'viesti' })]);
    expect(res.body.photos).toHaveLength(1);
    expect(Buffer.from(res.body.photos[0].imageBase64 as string, 'base64').toString()).toBe('jpeg-bytes');
    expect(res.body.audit).toEqual([expect.objectContaining({ action: 'export' })]);
    const trail = await server.service.database.handoff.auditTrailUnchecked(id);
    expect(trail).toEqual([expect.objectContaining({ action: 'export', staffId: res.body.exportedBy })]);
  });

  it('deletes the case with photos only with the CSRF token; the delete entry outlives the case', async () => {
    const id = await caseWithPhoto();
    const db = server.service.database;
    const conversationId = (await db.handoff.exportCase({ staffId: 'x', queues: ['digital_clinic'] }, id, new Date())).case.conversationId;
    expect((await call('DELETE', `/staff/api/cases/${id}`, nurse, null)).status).toBe(403);
    expect((await call('DELETE', `/staff/api/cases/${id}`, nurse, social.csrf)).status).toBe(403);
    expect(await db.blobStore.countForQuestion(conversationId, 'skin.photo')).toBe(1);

    const res = await call('DELETE', `/staff/api/cases/${id}`, nurse);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: id, conversationErased: true });
    expect((await call('GET', `/staff/api/cases/${id}/export`, nurse)).status).toBe(404);
    expect(await db.blobStore.countForQuestion(conversationId, 'skin.photo')).toBe(0);
    const trail = await db.handoff.auditTrailUnchecked(id);
    expect(trail.at(-1)).toMatchObject({ action: 'delete' });
    expect(trail.at(-1)?.staffId).not.toBe('x');
  });
});
