// Credentials of the rooms this browser has joined: localStorage key `roundtable.session.<roomId>` holds
// {token, participantId, role}. Plain ES module.

import { tokenClaims } from '../core/token.js';

const PREFIX = 'roundtable.session.';

function storage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null;
  }
}

/**
 * The stored credentials of a room, or null.
 * @param {string} roomId
 * @returns {{token: string, participantId: string, role: string}|null}
 */
export function loadSession(roomId) {
  const s = storage();
  if (!s || !roomId) return null;
  try {
    const value = JSON.parse(s.getItem(PREFIX + roomId) || 'null');
    return value && typeof value.token === 'string' && value.token ? value : null;
  } catch {
    return null;
  }
}

/**
 * Stores the credentials of a room.
 * @param {string} roomId
 * @param {{token: string, participantId?: string, role?: string}} session
 * @returns {boolean} whether they could be stored
 */
export function saveSession(roomId, { token, participantId, role }) {
  const claims = tokenClaims(token) || {};
  const value = { token, participantId: participantId || claims.sub || null, role: role || claims.role || null };
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(PREFIX + roomId, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the credentials of a room. */
export function forgetSession(roomId) {
  const s = storage();
  if (!s) return;
  try {
    s.removeItem(PREFIX + roomId);
  } catch {
    // nothing to forget
  }
}

/**
 * Every stored room session, newest token first: [{roomId, token, participantId, role, issuedAt}].
 * Expired tokens are left out (and forgotten).
 */
export function listSessions(now = Date.now()) {
  const s = storage();
  const result = [];
  if (!s) return result;
  const keys = [];
  try {
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (key && key.startsWith(PREFIX)) keys.push(key);
    }
  } catch {
    return result;
  }
  for (const key of keys) {
    const roomId = key.slice(PREFIX.length);
    const session = loadSession(roomId);
    if (!session) continue;
    const claims = tokenClaims(session.token) || {};
    if (typeof claims.exp === 'number' && claims.exp * 1000 < now) {
      forgetSession(roomId);
      continue;
    }
    result.push({ roomId, ...session, issuedAt: (claims.iat || 0) * 1000 });
  }
  return result.sort((a, b) => b.issuedAt - a.issuedAt);
}

/**
 * The token for a room page: from the URL fragment `#token=…` (stored, then removed from the address bar
 * with history.replaceState), else from localStorage.
 * @param {string} roomId
 * @returns {{token: string, participantId: string|null, role: string|null}|null}
 */
export function takeToken(roomId) {
  const hash = globalThis.location ? globalThis.location.hash : '';
  if (hash && hash.length > 1) {
    const params = new URLSearchParams(hash.slice(1));
    const token = params.get('token');
    if (token) {
      const claims = tokenClaims(token) || {};
      const session = { token, participantId: claims.sub || null, role: claims.role || null };
      saveSession(roomId, session);
      try {
        const url = new URL(globalThis.location.href);
        url.hash = '';
        globalThis.history.replaceState(globalThis.history.state, '', url.pathname + url.search);
      } catch {
        // the address bar keeps the fragment; nothing else depends on it
      }
      return session;
    }
  }
  return loadSession(roomId);
}

/** The address of a room view. */
export function roomUrl(roomId, view) {
  const params = new URLSearchParams({ room: roomId });
  if (view) params.set('view', view);
  return `room.html?${params}`;
}

/** The view a role starts in. */
export function defaultView(role) {
  if (role === 'facilitator') return 'facilitator';
  if (role === 'screen') return 'screen';
  return 'participant';
}
