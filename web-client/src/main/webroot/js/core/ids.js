// Random identifiers for the wire: reply addresses, client ids, lease owners.
// Plain ES module, no dependencies.

/**
 * A random RFC 4122 version 4 UUID (36 characters, which fits the bridge's 36-character limit for reply
 * addresses). Uses crypto.randomUUID where the page is a secure context, crypto.getRandomValues otherwise
 * (randomUUID is missing on plain-http pages that are not localhost).
 * @returns {string}
 */
export function uuid() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') {
    c.getRandomValues(bytes);
  } else {
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
