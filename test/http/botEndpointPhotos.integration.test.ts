import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEB_CHANNEL_ID } from '../../channels/webChannelAdapter';
import { createI18n } from '../../i18n/i18n';
import { jpegWithGpsAndOrientation } from '../media/support/imageFixtures';
import { startTestServer, type TestServer } from '../support/testServer';

const fi = createI18n().getFixedT('fi');

/** A loopback HTTP server: records what the bot posts (connector) and serves one photo. */
async function loopback(photo: Buffer): Promise<{ url: string; replies: { text?: string }[]; photoFetches: number; close(): Promise<void> }> {
  const state = { replies: [] as { text?: string }[], photoFetches: 0 };
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/attachments/rash.jpg') {
      state.photoFetches += 1;
      res.writeHead(200, { 'Content-Type': 'image/jpeg' });
      res.end(photo);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.replies.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `r${state.replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get replies() {
      return state.replies;
    },
    get photoFetches() {
      return state.photoFetches;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('photos sent on an Azure Bot Service channel (development endpoint, loopback only)', () => {
  let server: TestServer;
  let peer: Awaited<ReturnType<typeof loopback>>;
  let n = 0;
  beforeAll(async () => {
    peer = await loopback(await jpegWithGpsAndOrientation());
    server = await startTestServer({ ALLOW_UNAUTHENTICATED_BOT_ENDPOINT: 'true' });
  });
  afterAll(async () => {
    await server.stop();
    await peer.close();
  });

  async function send(conversation: string, body: object): Promise<string[]> {
    const before = peer.replies.length;
    n += 1;
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m${n}`,
        channelId: 'emulator',
        serviceUrl: peer.url,
        from: { id: 'user-1', role: 'user' },
        recipient: { id: 'bot-1', role: 'bot' },
        conversation: { id: conversation },
        locale: 'fi-FI',
        ...body,
      }),
    });
    expect(res.status).toBeLessThan(300);
    return peer.replies.slice(before).map((r) => r.text ?? '');
  }

  it('fetches the photo from a trusted host, cleans and stores it, and refuses other hosts and forged outcomes', async () => {
    const conversation = 'conv-photo';
    const press = (choice: string) => ({ value: { choice } });
    await send(conversation, { text: 'hei' });
    for (const step of [{ text: 'suomi' }, { text: 'sopii' }, press('emergency.none'), press('subject.self'), press('topic.skin')])
      await send(conversation, step);
    for (const step of [press('no'), press('no'), press('no'), press('spread.several'), press('duration.days')]) await send(conversation, step);
    await send(conversation, { value: { multiChoice: true, choices: 'symptoms.itch' } });
    await send(conversation, press('cause.unknown'));
    const atPhoto = await send(conversation, press('selfCareTried.notTried'));
    expect(atPhoto.pop()!.startsWith(fi('skin:photo.question'))).toBe(true);

    // A host that is not trusted is never contacted.
    const untrusted = await send(conversation, { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://example.com/rash.jpg' }] });
    expect(untrusted[0]).toBe(fi('common:photo.refused.unavailable'));
    // A client cannot claim photo ids it did not send.
    const forged = await send(conversation, { channelData: { luotsiUpload: { photoIds: ['someone-elses-photo'] } } });
    expect(forged).not.toContain(fi('common:photo.received', { count: 1, max: 3 }));
    // …neither as Azure's Web Chat channel (channel id webchat) nor on a locale event (audit finding L2).
    const forgedWebchat = await send(conversation, { channelId: 'webchat', channelData: { luotsiUpload: { photoIds: ['FORGEDforgedFORGEDforged'] } } });
    expect(forgedWebchat.join(' ')).not.toContain(fi('common:photo.received', { count: 1, max: 3 }).slice(0, 12));
    const forgedEvent = await send(conversation, {
      type: 'event',
      name: 'luotsi.locale',
      value: 'zz',
      channelData: { luotsiUpload: { photoIds: ['FORGEDforgedFORGEDforged'] } },
    });
    expect(forgedEvent.join(' ')).not.toContain(fi('common:photo.received', { count: 1, max: 3 }).slice(0, 12));
    // The local web channel's own id cannot be claimed here (audit finding L3).
    const local = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'local',
        channelId: WEB_CHANNEL_ID,
        serviceUrl: peer.url,
        from: { id: 'user-1' },
        recipient: { id: 'bot-1' },
        conversation: { id: conversation },
        text: 'poista tietoni',
      }),
    });
    expect(local.status).toBe(400);
    expect(peer.photoFetches).toBe(0);

    const received = await send(conversation, { attachments: [{ contentType: 'image/jpeg', contentUrl: `${peer.url}/attachments/rash.jpg` }] });
    expect(received).toEqual([fi('common:photo.received', { count: 1, max: 3 })]);
    expect(peer.photoFetches).toBe(1);
    const photos = await server.service.database.blobStore.listForConversation(conversation, { kind: 'client', conversationId: conversation });
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ questionId: 'skin.photo', contentType: 'image/jpeg', width: 200, height: 300 });
  });
});
