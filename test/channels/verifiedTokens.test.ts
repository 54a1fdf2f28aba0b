// The remembered verdicts of conversation tokens: the same answers as the signer, with the
// signature checked once a minute per token at most. A real TokenSigner counts its own checks.
import { ForbiddenError, UnauthorizedError } from '../../errors';
import { TokenSigner, type ChannelTokenClaims } from '../../channels/tokens';
import { VerifiedTokens } from '../../channels/verifiedTokens';

/** The real signer, counting how often it verifies (the cache must skip it on a hit). */
class CountingSigner extends TokenSigner {
  checks = 0;
  override verify(token: string, kind: ChannelTokenClaims['kind'], now: Date): ChannelTokenClaims {
    this.checks++;
    return super.verify(token, kind, now);
  }
}

describe('VerifiedTokens', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const later = (ms: number) => new Date(now.getTime() + ms);
  let signer: CountingSigner;
  let tokens: VerifiedTokens;

  beforeEach(() => {
    signer = new CountingSigner('k'.repeat(48));
    tokens = new VerifiedTokens(signer, 3, 60_000);
  });

  const issue = (cid: string, ttl = 3600, kind: ChannelTokenClaims['kind'] = 'conversation') => signer.issue({ cid, uid: 'dl_1', kind }, ttl, now);

  it('verifies a token once and answers its next requests from memory with the same claims', () => {
    const token = issue('conv-a');
    const first = tokens.verifyConversation(token, now);
    const second = tokens.verifyConversation(token, later(1000));
    expect(second).toEqual(first);
    expect(second.cid).toBe('conv-a');
    expect(signer.checks).toBe(1);
  });

  it('refuses a remembered token once it has expired, with the signer’s error', () => {
    const token = issue('conv-a', 30);
    tokens.verifyConversation(token, now);
    expect(() => tokens.verifyConversation(token, later(31_000))).toThrow(ForbiddenError);
    expect(tokens.size).toBe(0);
  });

  it('checks the signature again after the remembering time', () => {
    const token = issue('conv-a');
    tokens.verifyConversation(token, now);
    tokens.verifyConversation(token, later(60_000));
    expect(signer.checks).toBe(2);
  });

  it('never remembers a refused token: a forged one is refused every time', () => {
    const [payload] = issue('conv-a').split('.');
    const forged = `${payload}.${'A'.repeat(43)}`;
    expect(() => tokens.verifyConversation(forged, now)).toThrow(UnauthorizedError);
    expect(() => tokens.verifyConversation(forged, now)).toThrow(UnauthorizedError);
    expect(signer.checks).toBe(2);
    expect(tokens.size).toBe(0);
  });

  it('refuses a stream token where a conversation token is needed', () => {
    expect(() => tokens.verifyConversation(issue('conv-a', 60, 'stream'), now)).toThrow(UnauthorizedError);
  });

  it('holds at most its bound, dropping the longest remembered, and forgets what is older than a minute', () => {
    const all = ['a', 'b', 'c', 'd'].map((cid) => issue(cid));
    for (const token of all) tokens.verifyConversation(token, now);
    expect(tokens.size).toBe(3);
    // 'a' went first: it costs a check again; 'd' is still remembered.
    tokens.verifyConversation(all[3]!, now);
    expect(signer.checks).toBe(4);
    tokens.verifyConversation(all[0]!, now);
    expect(signer.checks).toBe(5);
    // A minute later one new verdict sweeps the old ones out.
    tokens.verifyConversation(issue('e'), later(61_000));
    expect(tokens.size).toBe(1);
  });
});
