import { ForbiddenError, UnauthorizedError } from '../../errors';
import { assertConversation, bearerToken, TokenSigner } from '../../channels/tokens';

describe('TokenSigner', () => {
  const signer = new TokenSigner('k'.repeat(48));
  const now = new Date('2026-11-22T12:00:00Z');

  it('verifies its own token and returns the claims', () => {
    const token = signer.issue({ cid: 'conv-a', uid: 'dl_1', kind: 'conversation' }, 3600, now);
    const claims = signer.verify(token, 'conversation', now);
    expect(claims).toMatchObject({ cid: 'conv-a', uid: 'dl_1', kind: 'conversation' });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('refuses a token signed with another key', () => {
    const other = new TokenSigner('o'.repeat(48)).issue({ cid: 'conv-a', uid: 'dl_1', kind: 'conversation' }, 3600, now);
    expect(() => signer.verify(other, 'conversation', now)).toThrow(UnauthorizedError);
  });

  it('refuses a token whose claims were edited', () => {
    const token = signer.issue({ cid: 'conv-a', uid: 'dl_1', kind: 'conversation' }, 3600, now);
    const [, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ cid: 'conv-b', uid: 'dl_1', kind: 'conversation', iat: 0, exp: 9e9 })).toString('base64url');
    expect(() => signer.verify(`${forged}.${sig}`, 'conversation', now)).toThrow(UnauthorizedError);
  });

  it('refuses an expired token with ForbiddenError', () => {
    const token = signer.issue({ cid: 'conv-a', uid: 'dl_1', kind: 'conversation' }, 60, now);
    expect(() => signer.verify(token, 'conversation', new Date(now.getTime() + 61_000))).toThrow(ForbiddenError);
  });

  it('refuses a stream token where a conversation token is needed', () => {
    const token = signer.issue({ cid: 'conv-a', uid: 'dl_1', kind: 'stream' }, 60, now);
    expect(() => signer.verify(token, 'conversation', now)).toThrow(UnauthorizedError);
  });

  it.each(['', 'abc', 'a.b.c', '.x', 'x.'])('refuses malformed token %j', (token) => {
    expect(() => signer.verify(token, 'conversation', now)).toThrow(UnauthorizedError);
  });

  it('binds a token to its conversation', () => {
    const claims = signer.verify(signer.issue({ cid: 'conv-a', uid: 'u', kind: 'conversation' }, 60, now), 'conversation', now);
    expect(() => assertConversation(claims, 'conv-a')).not.toThrow();
    expect(() => assertConversation(claims, 'conv-b')).toThrow(ForbiddenError);
  });

  it('reads bearer headers', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc.def ')).toBe('abc.def');
    expect(() => bearerToken(undefined)).toThrow(UnauthorizedError);
    expect(() => bearerToken('Basic xyz')).toThrow(UnauthorizedError);
  });
});
