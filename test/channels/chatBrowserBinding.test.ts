import { ChatBrowserBinding, chatBindingSetCookie, CHAT_BINDING_COOKIE } from '../../channels/chatBrowserBinding';

const binding = new ChatBrowserBinding('a test secret of the web channel');

test('a browser holds the conversations it started, and no others', () => {
  const cookie = binding.cookieAfter(undefined, 'conv-a');
  expect(binding.holds(cookie, 'conv-a')).toBe(true);
  expect(binding.holds(cookie, 'conv-b')).toBe(false);
  expect(binding.holds(undefined, 'conv-a')).toBe(false);
  // The cookie holds a MAC, not the conversation id.
  expect(cookie).not.toContain('conv-a');
});

test('another key does not recognise the cookie', () => {
  const cookie = binding.cookieAfter(undefined, 'conv-a');
  expect(new ChatBrowserBinding('another secret').holds(cookie, 'conv-a')).toBe(false);
});

test('a browser with several chats keeps the newest four, without repeats', () => {
  let cookie: string | undefined;
  for (const id of ['c1', 'c2', 'c3', 'c4', 'c5', 'c5']) cookie = binding.cookieAfter(cookie, id);
  expect(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => binding.holds(cookie, id))).toEqual([false, true, true, true, true]);
  expect(cookie!.split('.')).toHaveLength(4);
});

test('a tampered or oversized cookie holds nothing and does not throw', () => {
  const cookie = binding.cookieAfter(undefined, 'conv-a');
  const flipped = `${cookie.slice(0, -1)}${cookie.endsWith('A') ? 'B' : 'A'}`;
  expect(binding.holds(flipped, 'conv-a')).toBe(false);
  expect(binding.holds(`${cookie}.${'x'.repeat(5000)}`, 'conv-a')).toBe(false);
  expect(binding.holds('<script>', 'conv-a')).toBe(false);
  // A value that is not a MAC is dropped when the cookie is written again.
  expect(binding.cookieAfter('junk!.<x>', 'conv-a')).toBe(cookie);
});

test('the cookie is HttpOnly, Lax and Secure when asked', () => {
  expect(chatBindingSetCookie('v', true)).toBe(`${CHAT_BINDING_COOKIE}=v; Path=/; HttpOnly; SameSite=Lax; Secure`);
  expect(chatBindingSetCookie('v', false)).not.toContain('Secure');
});
