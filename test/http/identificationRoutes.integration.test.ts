// The identification pages on the real service (embedded default: the marked test provider):
// one address opening them too fast is asked to wait, in the page's language, and nothing of the
// sign-in ends (the wait page does not tell the chat a result); other addresses are not affected.
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

const LIMIT = 3;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ IDENTIFY_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' });
  expect(server.service.config.identity.identification.provider).toBe('test');
});

afterAll(async () => {
  await server.stop();
  await discardTestData(server);
});

async function open(path: string, address: string): Promise<{ status: number; body: string; retryAfter: string | null }> {
  const response = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: { 'x-forwarded-for': address } });
  return { status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') };
}

test('an unknown ticket gets the expired page until the address has used its pages; then a localized wait page', async () => {
  const address = '203.0.113.7';
  for (let i = 0; i < LIMIT; i += 1) {
    const page = await open('/identify/start?t=no-such-ticket&lang=fi', address);
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-identification="expired"');
  }
  const finnish = await open('/identify/start?t=no-such-ticket&lang=fi', address);
  expect(finnish.status).toBe(429);
  expect(Number(finnish.retryAfter)).toBeGreaterThan(0);
  expect(finnish.body).toContain('Liian monta yritystä');
  // The wait page reports nothing to the chat: the sign-in it interrupted can still finish.
  expect(finnish.body).not.toContain('identified.js');
  expect(finnish.body).not.toContain('data-identification');

  const swedish = await open('/identify/callback?state=x&lang=sv', address);
  expect(swedish.status).toBe(429);
  expect(swedish.body).toContain('För många försök');
  expect((await open('/identify/test?state=x&lang=en', address)).body).toContain('Too many attempts');
});

test('another address still gets its pages', async () => {
  const page = await open('/identify/start?t=no-such-ticket&lang=sv', '198.51.100.20');
  expect(page.status).toBe(200);
  expect(page.body).toContain('data-identification="expired"');
});
