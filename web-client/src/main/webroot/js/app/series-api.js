// The series REST API (docs/PROTOCOL.md §14) for the series pages: every call carries the page's link as
// `Authorization: Bearer`. Plain ES module over api.js.

import { api, fetchFile } from './api.js';

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

function queryString(query) {
  const pairs = Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
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
    /** POST …/pre-reads/files?name=&title=: the file's bytes as the body, its type as Content-Type. */
    uploadPreRead: (oid, file, title) => api('POST', `${occ(seriesId, oid)}/pre-reads/files?name=${
      encodeURIComponent(file.name)}${title ? `&title=${encodeURIComponent(title)}` : ''}`, { file, token }),
    /** A file pre-read's Blob, from the `download` path the view gives (relative to the site). */
    preReadFile: (download) => fetchFile(`/${String(download).replace(/^\/+/, '')}`, token),
    removePreRead: (oid, id) => call('DELETE', `${occ(seriesId, oid)}/pre-reads/${encodeURIComponent(id)}`),
    askInput: (oid, question) => call('POST', `${occ(seriesId, oid)}/inputs`, { question }),
    answer: (oid, requestId, text) => call('PUT', `${occ(seriesId, oid)}/inputs/${encodeURIComponent(requestId)}/answer`, { text }),
    previewNotice: (oid) => call('GET', `${occ(seriesId, oid)}/notice`),
    scheduleNotice: (oid, at) => call('PUT', `${occ(seriesId, oid)}/notice-time`, { at }),
    sendNotice: (oid, confirmLate = false) => call('POST', `${occ(seriesId, oid)}/notice`, { confirmLate }),
    rsvp: (oid, response, reason) => call('POST', `${occ(seriesId, oid)}/rsvp`, reason ? { response, reason } : { response }),
    substitute: (oid, body) => call('POST', `${occ(seriesId, oid)}/substitute`, body),
    enterRoom: (oid) => call('POST', `${occ(seriesId, oid)}/room`),
    rate: (oid, score, suggestion) => call('POST', `${occ(seriesId, oid)}/rating`, suggestion ? { score, suggestion } : { score }),
    ownRating: (oid) => call('GET', `${occ(seriesId, oid)}/rating`),
    writePlan: (oid, text) => call('PUT', `${occ(seriesId, oid)}/improvement-plan`, { text }),
    addChannel: (group) => call('POST', `${base(seriesId)}/channels`, group),
    editChannel: (id, fields) => call('PATCH', `${base(seriesId)}/channels/${encodeURIComponent(id)}`, fields),
    removeChannel: (id) => call('DELETE', `${base(seriesId)}/channels/${encodeURIComponent(id)}`),
    testChannel: (id) => call('POST', `${base(seriesId)}/channels/${encodeURIComponent(id)}/test`),
    notifications: () => call('GET', `${base(seriesId)}/notifications`),
    exportActions: (kind) => fetchFile(`${base(seriesId)}/actions.${kind}`, token),
    review: (query = {}) => call('GET', `${base(seriesId)}/review${queryString(query)}`),
    actions: (query = {}) => call('GET', `${base(seriesId)}/actions${queryString(query)}`),
    editAction: (id, fields) => call('PATCH', `${base(seriesId)}/actions/${encodeURIComponent(id)}`, fields),
    reportProgress: (id, body) => call('POST', `${base(seriesId)}/actions/${encodeURIComponent(id)}/progress`, body),
  };
}

/** POST /api/series: the coordinator view and its `coordinatorToken` (shown once). */
export function createSeries(fields) {
  return api('POST', '/api/series', { body: fields });
}
