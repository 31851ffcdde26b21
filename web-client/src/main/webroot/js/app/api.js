// The REST API of the server (docs/PROTOCOL.md §2). Plain ES module.

/** A refused or failed request: status (0 = no answer), code (ErrorCode or NETWORK/UNREADABLE), message. */
export class ApiError extends Error {
  constructor(status, code, message, { reason = null, field = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    /** The finer stable reason of some refusals (PROTOCOL.md §10.1), e.g. GOAL_VAGUE; null when none. */
    this.reason = reason;
    /** The field the server names, when it names one in a field of its own; null otherwise. */
    this.field = field;
  }
}

/**
 * Calls the API and resolves with the JSON body, or rejects with an ApiError.
 * @param {string} method
 * @param {string} path
 * @param {{body?: object, token?: string, file?: Blob}} [options] `file` is sent as the raw body, typed as itself
 */
export async function api(method, path, { body, token, file } = {}) {
  const headers = { Accept: 'application/json' };
  if (file !== undefined) headers['Content-Type'] = file.type || 'application/octet-stream';
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await send(path, {
    method, headers, token, body: file !== undefined ? file : body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw refusal(response, data);
  if (!data || typeof data !== 'object') throw new ApiError(response.status, 'UNREADABLE', 'unreadable answer');
  return data;
}

/**
 * GETs a file (an attachment) with the bearer token and resolves with its Blob, or rejects with an ApiError.
 * A token never goes into a URL, so a file is fetched here and saved from a blob: URL.
 */
export async function fetchFile(path, token) {
  const response = await send(path, { method: 'GET', headers: {}, token });
  if (response.ok) return response.blob();
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  throw refusal(response, data);
}

async function send(path, { method, headers, token, body }) {
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, { method, headers, body, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
}

function refusal(response, data) {
  const text = (name) => (data && typeof data[name] === 'string' ? data[name] : null);
  return new ApiError(response.status, text('code') || 'UNKNOWN', text('message') || `HTTP ${response.status}`,
    { reason: text('reason'), field: text('field') });
}

/**
 * The body of POST /api/rooms from the start form's values: texts trimmed, an empty department left out, and
 * the meeting's language ('en' | 'zh-CN'; CreateMeeting.language, docs/PROTOCOL.md), which its minutes and
 * exports are written in.
 */
export function createMeetingBody({ title, goal, kind, facilitatorName, plannedMinutes, department, language }) {
  const trim = (v) => (typeof v === 'string' ? v.trim() : '');
  const body = { title: trim(title), goal: trim(goal), kind, facilitatorName: trim(facilitatorName), plannedMinutes };
  if (trim(department)) body.department = trim(department);
  if (language) body.language = language;
  return body;
}

/** GET /api/rooms/:roomId — the room summary (join code, counts, current item). */
export function roomSummary(roomId, token) {
  return api('GET', `/api/rooms/${encodeURIComponent(roomId)}`, { token });
}

/** The QR code image address of a join code. */
export function qrUrl(joinCode) {
  return `/api/join/${encodeURIComponent(joinCode)}/qr.svg`;
}

/**
 * POST /api/rooms/:roomId/downloads — export links that carry a short-lived download token instead of the
 * participant token (PROTOCOL.md §2.7): {download, expiresAt, expiresInSeconds, links: {markdown, html}}.
 * A participant token never goes into a URL: a URL leaks through history, logs and Referer.
 */
export function downloadLinks(roomId, token) {
  return api('POST', `/api/rooms/${encodeURIComponent(roomId)}/downloads`, { token });
}

/** The join link a QR code encodes: /?code=XXXXXX on this server. */
export function joinLink(joinCode) {
  const url = new URL('/', globalThis.location.origin);
  url.searchParams.set('code', joinCode);
  return url.href;
}

/**
 * POST /api/rooms/:roomId/rating {score, suggestion?} — the participant's rating of the ended meeting
 * (PROTOCOL.md §15); rating again replaces the score. Resolves {score, suggested}.
 */
export function rateRoom(roomId, token, score, suggestion) {
  const body = suggestion ? { score, suggestion } : { score };
  return api('POST', `/api/rooms/${encodeURIComponent(roomId)}/rating`, { token, body });
}

/** GET /api/rooms/:roomId/rating — {score} the participant gave, null when none. */
export function ownRoomRating(roomId, token) {
  return api('GET', `/api/rooms/${encodeURIComponent(roomId)}/rating`, { token });
}
