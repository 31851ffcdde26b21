// The series REST API (docs/PROTOCOL.md §14) for the series pages: every call carries the page's link as
// `Authorization: Bearer`. Plain ES module over api.js.

import { api } from './api.js';

const base = (sid) => `/api/series/${encodeURIComponent(sid)}`;
const occ = (sid, oid) => `${base(sid)}/occurrences/${encodeURIComponent(oid)}`;

/** The page's credentials from a link `series#<token>`: {token, seriesId, scope}, or null. */
export function linkFromHash(hash, claimsOf) {
  const token = String(hash || '').replace(/^#/, '').trim();
  if (!token) return null;
  const claims = claimsOf(token);
  if (!claims || typeof claims.series !== 'string') return null;
  return { token, seriesId: claims.series, scope: String(claims.scope || '') };
}

/** The address of a series page for a link token (what the server hands out as a member's `link`). */
export function seriesPageUrl(token) {
  return `${location.origin}/series#${token}`;
}

/** One series' calls, bound to its id and link. */
export function seriesClient(seriesId, token) {
  const call = (method, path, body) => api(method, path, { body, token });
  return {
    view: () => call('GET', base(seriesId)),
    occurrences: (count = 5) => call('GET', `${base(seriesId)}/occurrences?count=${count}`),
    addMember: (member) => call('POST', `${base(seriesId)}/members`, member),
    editMember: (memberId, fields) => call('PATCH', `${base(seriesId)}/members/${encodeURIComponent(memberId)}`, fields),
    removeMember: (memberId) => call('DELETE', `${base(seriesId)}/members/${encodeURIComponent(memberId)}`),
    rotateMember: (memberId) => call('POST', `${base(seriesId)}/members/${encodeURIComponent(memberId)}/link`),
    putAgenda: (oid, items) => call('PUT', `${occ(seriesId, oid)}/agenda`, { items }),
    addPreRead: (oid, title, url) => call('POST', `${occ(seriesId, oid)}/pre-reads`, { title, url }),
    removePreRead: (oid, id) => call('DELETE', `${occ(seriesId, oid)}/pre-reads/${encodeURIComponent(id)}`),
    askInput: (oid, question) => call('POST', `${occ(seriesId, oid)}/inputs`, { question }),
    answer: (oid, requestId, text) => call('PUT', `${occ(seriesId, oid)}/inputs/${encodeURIComponent(requestId)}/answer`, { text }),
    previewNotice: (oid) => call('GET', `${occ(seriesId, oid)}/notice`),
    sendNotice: (oid, confirmLate = false) => call('POST', `${occ(seriesId, oid)}/notice`, { confirmLate }),
    rsvp: (oid, response, reason) => call('POST', `${occ(seriesId, oid)}/rsvp`, reason ? { response, reason } : { response }),
    substitute: (oid, body) => call('POST', `${occ(seriesId, oid)}/substitute`, body),
    enterRoom: (oid) => call('POST', `${occ(seriesId, oid)}/room`),
    rate: (oid, score, suggestion) => call('POST', `${occ(seriesId, oid)}/rating`, suggestion ? { score, suggestion } : { score }),
    ownRating: (oid) => call('GET', `${occ(seriesId, oid)}/rating`),
    writePlan: (oid, text) => call('PUT', `${occ(seriesId, oid)}/improvement-plan`, { text }),
    addChannel: (group) => call('POST', `${base(seriesId)}/channels`, group),
    removeChannel: (id) => call('DELETE', `${base(seriesId)}/channels/${encodeURIComponent(id)}`),
    testChannel: (id) => call('POST', `${base(seriesId)}/channels/${encodeURIComponent(id)}/test`),
    notifications: () => call('GET', `${base(seriesId)}/notifications`),
  };
}

/** POST /api/series: the coordinator view and its `coordinatorToken` (shown once). */
export function createSeries(fields) {
  return api('POST', '/api/series', { body: fields });
}
