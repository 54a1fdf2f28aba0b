// Migration 51 moves the local web channel's conversations from 'webchat' (also Azure's Web Chat
// channel id) to its own 'luotsi-web' (audit finding L3): bot state keys, cases and the channel id
// in stored references and logged activities; what belongs to Azure conversations stays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { WEB_CHANNEL_ID } from '../../channels/webChannelAdapter';
import type { NewCase } from '../../handoff';
import type { LuotsiDatabase } from '../../storage/database';
import { PgDb } from '../../storage/postgres/pgClient';
import { openSqliteDatabase, SQLITE_FILE } from '../../storage/sqlite/sqliteDatabase';
import { dropSchema, freshSchema, openPostgresSchema, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

const T0 = new Date('2026-11-23T10:00:00Z');

function oldCase(conversationId: string): NewCase {
  return {
    conversationId,
    conversationReference: { channelId: 'webchat', conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' } },
    channel: 'webchat',
    queueId: 'digital_clinic',
    urgency: 'non_urgent',
    topic: 'skin',
    locale: 'fi',
    answers: {},
    photoIds: [],
  };
}

/** Opens the database, and runs SQL beside it, on this run's backend. */
function backend(): { open(): Promise<LuotsiDatabase>; sql(text: string): Promise<void>; cleanUp(): Promise<void> } {
  if (TEST_BACKEND === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-mig-'));
    return {
      open: async () => openSqliteDatabase(dir),
      async sql(text) {
        const raw = new BetterSqlite3(path.join(dir, SQLITE_FILE));
        raw.exec(text);
        raw.close();
      },
      cleanUp: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = freshSchema();
  return {
    open: () => openPostgresSchema(testPostgresUrl(), schema),
    async sql(text) {
      const pg = new PgDb({ url: testPostgresUrl(), schema, poolSize: 1, connectTimeoutMs: 5000 }, () => undefined);
      await pg.query(text);
      await pg.close();
    },
    cleanUp: () => dropSchema(testPostgresUrl(), schema),
  };
}

describe(`local channel id migration (${TEST_BACKEND})`, () => {
  it('moves the local conversations to luotsi-web and leaves Azure Web Chat conversations alone', async () => {
    const db = backend();
    try {
      // A database as the previous version left it.
      const before = await db.open();
      await before.activityLog.createConversation({ id: 'conv-local', userId: 'u1', locale: 'fi', createdAt: T0.getTime() });
      await before.activityLog.append('conv-local', { type: 'message', text: 'hei', channelId: 'webchat' }, T0);
      await before.botState.write({ 'webchat/conversations/conv-local/': { flow: { n: 1 } }, 'webchat/conversations/azure-conv/': { flow: { n: 2 } } });
      const local = await before.handoff.create(oldCase('conv-local'), T0);
      const azure = await before.handoff.create(oldCase('azure-conv'), T0);
      await before.close();
      await db.sql('DELETE FROM schema_migrations WHERE version = 51');

      const after = await db.open();
      try {
        expect(
          Object.keys(
            await after.botState.read([
              `${WEB_CHANNEL_ID}/conversations/conv-local/`,
              'webchat/conversations/conv-local/',
              'webchat/conversations/azure-conv/',
            ]),
          ).sort(),
        ).toEqual([`${WEB_CHANNEL_ID}/conversations/conv-local/`, 'webchat/conversations/azure-conv/']);
        const movedCase = await after.handoff.findOpenByConversation('conv-local');
        expect(movedCase).toMatchObject({ id: local.id, channel: WEB_CHANNEL_ID, conversationReference: { channelId: WEB_CHANNEL_ID } });
        expect(await after.handoff.findOpenByConversation('azure-conv')).toMatchObject({
          id: azure.id,
          channel: 'webchat',
          conversationReference: { channelId: 'webchat' },
        });
        const [logged] = await after.activityLog.listAfter('conv-local', 0, 10);
        expect(logged?.activity.channelId).toBe(WEB_CHANNEL_ID);
      } finally {
        await after.close();
      }
    } finally {
      await db.cleanUp();
    }
  });
});
