// Behind a trusted proxy, the per-IP limits count the address the proxy appended: rotating the
// client-written X-Forwarded-For entries gets nothing past them (audit finding M1).
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

describe('rate limits behind TRUST_PROXY', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      TRUST_PROXY: 'true',
      TOKEN_RATE_LIMIT_PER_MINUTE: '3',
      STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      STAFF_LOGIN_RATE_LIMIT_PER_USERNAME_PER_MINUTE: '4',
    });
  });
  afterAll(async () => {
    await server.stop();
    await discardTestData(server);
  });

  const generate = (forwardedFor: string) =>
    fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'X-Forwarded-For': forwardedFor } }).then((r) => r.status);
  const login = (forwardedFor: string, username: string) =>
    fetch(`${server.url}/staff/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
      body: JSON.stringify({ username, password: 'wrong-password-123' }),
    }).then((r) => r.status);

  it('token generation: a different first hop on every request does not refill the budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await generate(`203.0.113.${i}, 192.0.2.10`));
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    // Another client behind the same proxy has a budget of its own.
    expect(await generate('203.0.113.1, 192.0.2.11')).toBe(200);
  });

  it('staff login: rotating first hops is limited per address, and rotating real addresses per username', async () => {
    const perAddress: number[] = [];
    for (let i = 0; i < 5; i++) perAddress.push(await login(`198.51.100.${i}, 192.0.2.20`, `ghost${i}`));
    expect(perAddress).toEqual([401, 401, 401, 429, 429]);

    const perUsername: number[] = [];
    for (let i = 0; i < 6; i++) perUsername.push(await login(`192.0.2.${100 + i}`, 'maija'));
    expect(perUsername).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
