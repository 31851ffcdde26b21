// Reading a token's claims on its own module, so that the start page can tell a stored token's role
// without loading the event bus, the room client and the store.

/**
 * The claims of a Roundtable token (a JWT), read without checking the signature: {sub, room, role, iat,
 * exp}. Returns null when the token is not a readable JWT.
 * @param {string} token
 * @returns {object|null}
 */
export function tokenClaims(token) {
  try {
    const part = String(token).split('.')[1];
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}
