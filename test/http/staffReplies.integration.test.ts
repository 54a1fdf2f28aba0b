// GET /staff/api/replies against the real server: a session is needed, only the caller's queues
// are answered, and a queue's replies come with every language.
import { createI18n } from '../../i18n/i18n';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

const PASSWORD = 'correct horse battery staple';
const en = createI18n().getFixedT('en');

describe('ready replies API', () => {
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    await createStaffAccount(
      server.service.database.staff,
      { username: 'nurse.replies', displayName: 'Nurse', role: 'nurse', queues: ['dental_care'] },
      PASSWORD,
      DEFAULT_CATALOG.queues.map((q) => q.id),
      new Date('2026-11-23T08:00:00Z'),
      { logN: 10, r: 8, p: 1 },
    );
    const res = await fetch(`${server.url}/staff/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nurse.replies', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  });
  afterAll(async () => {
    await server.stop();
    await discardTestData(server);
  });

  const get = async (query: string, withCookie = true) => {
    const res = await fetch(`${server.url}/staff/api/replies${query}`, { headers: withCookie ? { cookie } : {} });
    return {
      status: res.status,
      body: (await res.json()) as { replies?: { id: string; title: Record<string, string>; text: Record<string, string> }[]; error?: { code: string } },
    };
  };

  it('answers 401 without a session, 400 without a valid queue, 403 for a queue not the caller’s', async () => {
    expect((await get('?queue=dental_care', false)).status).toBe(401);
    expect((await get('')).status).toBe(400);
    expect((await get('?queue=Dental-Care')).status).toBe(400);
    const other = await get('?queue=digital_clinic');
    expect(other.status).toBe(403);
    expect(other.body.replies).toBeUndefined();
  });

  it("lists the queue's replies, common ones first, in every language", async () => {
    const { status, body } = await get('?queue=dental_care');
    expect(status).toBe(200);
    const ids = body.replies!.map((r) => r.id);
    expect(ids[0]).toBe('common.greeting');
    expect(ids).toContain('dental_care.pain');
    expect(ids).not.toContain('digital_clinic.photo');
    const pain = body.replies!.find((r) => r.id === 'dental_care.pain')!;
    expect(Object.keys(pain.text).sort()).toEqual(['en', 'fi', 'sv']);
    expect(pain.text.en).toBe(en('replies:dental_care.pain.text'));
  });
});
