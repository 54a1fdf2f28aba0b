import type { IncomingMessage } from 'node:http';
import { clientIp, trustedHops } from '../../http/clientIp';

function request(forwardedFor: string | string[] | undefined, peer = '10.0.0.1'): IncomingMessage {
  return { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
}

describe('clientIp', () => {
  it('takes the entry the trusted proxy appended, never the client-written first one (M1)', () => {
    expect(clientIp(request('203.0.113.9, 198.51.100.20'), 1)).toBe('198.51.100.20');
    expect(clientIp(request('spoofed, 203.0.113.9, 198.51.100.20'), 2)).toBe('203.0.113.9');
    // Two header lines count as one list, in order.
    expect(clientIp(request(['spoofed', '198.51.100.20']), 1)).toBe('198.51.100.20');
  });

  it('falls back to the socket peer without trusted proxies, without the header or with fewer entries than proxies', () => {
    expect(clientIp(request('203.0.113.9'), 0)).toBe('10.0.0.1');
    expect(clientIp(request(undefined), 1)).toBe('10.0.0.1');
    expect(clientIp(request(' , '), 1)).toBe('10.0.0.1');
    expect(clientIp(request('198.51.100.20'), 2)).toBe('10.0.0.1');
  });

  it('trusts proxies only when TRUST_PROXY is on', () => {
    expect(trustedHops({ trustProxy: false, proxyHops: 2 })).toBe(0);
    expect(trustedHops({ trustProxy: true, proxyHops: 2 })).toBe(2);
    expect(trustedHops({ trustProxy: true })).toBe(1);
  });
});
