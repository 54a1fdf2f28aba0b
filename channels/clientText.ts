// One rule for the text a client sends, on every channel, applied where it comes in: what no
// person types is removed, so both databases keep the same text (PostgreSQL cannot store U+0000
// at all) and nothing invisible reaches a nurse's screen. Line breaks and tabs stay; so do emoji
// joiners and every letter of every script.

/**
 * C0 controls but tab and line breaks, DEL, C1 controls, and the bidirectional overrides and
 * isolates that can make a line read differently than it is stored ("Trojan Source").
 */
const UNTYPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** A surrogate without its pair (JSON can carry one; UTF-8 cannot). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** How deep a card's submitted value is walked; deeper parts are left as they are (never text). */
const MAX_VALUE_DEPTH = 8;

/** The client's text with untyped characters removed and lone surrogates replaced by U+FFFD. */
export function cleanClientText(text: string): string {
  return text.replace(UNTYPED, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A submitted value (a button press, a card's fields) with every string in it cleaned. */
export function cleanClientValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanClientText(value);
  if (depth >= MAX_VALUE_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => cleanClientValue(item, depth + 1));
  // fromEntries defines each key as data: a key "__proto__" stays a key and sets no prototype.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanClientValue(item, depth + 1)]));
}
