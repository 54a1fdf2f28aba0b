// Which browser holds a web-channel conversation. The identification pages are opened from a link
// the chat shows; a link forwarded to someone else must not let them identify onto this chat's
// case (their identity would then be shown to the nurse as the client's). So when a browser starts
// or resumes a conversation it gets an HttpOnly cookie holding a keyed MAC of the conversation id;
// /identify/start proceeds only when the ticket's conversation is in it. The cookie's path is the
// whole site: the Direct Line routes that set it must also read it, to keep the browser's other chats.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The cookie that holds this browser's chat conversations (MACs, never the ids). */
export const CHAT_BINDING_COOKIE = 'luotsi_chat';
// A browser with several chat tabs open keeps the newest few; an older tab's link then asks for a new one.
const KEPT = 4;
const MAC_CHARS = 32;

/** Keyed MACs of conversation ids for the chat binding cookie. */
export class ChatBrowserBinding {
  private readonly key: Buffer;

  /** `secret`: the web channel's token secret; the MAC key is derived from it for this use only. */
  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'luotsi chat browser binding v1', 32));
  }

  private mac(conversationId: string): string {
    return createHmac('sha256', this.key).update(conversationId, 'utf8').digest('base64url').slice(0, MAC_CHARS);
  }

  /** The cookie's value once this browser holds `conversationId` too (newest first, at most four). */
  cookieAfter(current: string | undefined, conversationId: string): string {
    const mine = this.mac(conversationId);
    const others = macsOf(current).filter((m) => m !== mine);
    return [mine, ...others].slice(0, KEPT).join('.');
  }

  /** True when the cookie's value says this browser holds `conversationId`. */
  holds(cookie: string | undefined, conversationId: string): boolean {
    const mine = Buffer.from(this.mac(conversationId));
    return macsOf(cookie).some((m) => m.length === MAC_CHARS && timingSafeEqual(Buffer.from(m), mine));
  }
}

function macsOf(cookie: string | undefined): string[] {
  if (cookie === undefined || cookie.length > (MAC_CHARS + 1) * KEPT) return [];
  return cookie.split('.').filter((m) => /^[A-Za-z0-9_-]+$/.test(m));
}

/** The Set-Cookie header for `value`: HttpOnly, for the browser session (as long as the chat's own sessionStorage). */
export function chatBindingSetCookie(value: string, secure: boolean): string {
  return [`${CHAT_BINDING_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}
