// Roundtable start page: create a meeting, join one, show the room summary.
// Plain ES module, no dependencies. All text from users or the server is set with textContent.

const STORAGE_KEY = 'roundtable.session';

const KIND_LABELS = { decision: 'Decision', discussion: 'Discussion', information: 'Information' };
const STATUS_LABELS = { scheduled: 'Scheduled (not started yet)', live: 'Live', ended: 'Ended' };
const ROLE_LABELS = { facilitator: 'Facilitator', participant: 'Participant', screen: 'Shared screen' };

const $ = (id) => document.getElementById(id);

const els = {
  createError: $('create-error'),
  joinError: $('join-error'),
  summaryError: $('summary-error'),
  session: $('session'),
  sessionHeading: $('session-heading'),
  codeBox: $('code-box'),
  joinCode: $('join-code'),
  codeLabel: $('code-label'),
  joinLink: $('join-link'),
  roomId: $('room-id'),
  youAre: $('you-are'),
  tokenNote: $('token-note'),
  refresh: $('refresh'),
  forget: $('forget'),
  summary: $('summary'),
  summaryStatus: $('summary-status'),
  createForm: $('create-form'),
  joinForm: $('join-form'),
};

/** The current credentials: {roomId, participantId, role, token, joinCode?}. */
let session = null;
/** Whether the session could be written to sessionStorage. */
let stored = false;

// ---------- storage ----------

function loadSession() {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw);
    if (s && typeof s.roomId === 'string' && typeof s.token === 'string') {
      stored = true;
      return s;
    }
  } catch {
    // unreadable or unavailable storage: start without a session
  }
  return null;
}

function saveSession(s) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
    stored = true;
  } catch {
    stored = false;
  }
}

function clearSession() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
  session = null;
  stored = false;
}

// ---------- errors ----------

/** Shows a message in one of the error areas (role="alert"), next to what failed. */
function showError(area, text) {
  // Replace the content so screen readers announce the new message.
  area.textContent = '';
  const p = document.createElement('p');
  p.textContent = text;
  area.append(p);
}

function clearError(area) {
  area.textContent = '';
}

function errorAreaOf(form) {
  return form === els.createForm ? els.createError : els.joinError;
}

// ---------- HTTP ----------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Calls the server's API; resolves with the JSON body or rejects with an ApiError whose message is for people. */
async function api(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the Roundtable server. Check the connection and try again.');
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data && typeof data.message === 'string' && data.message
      ? data.message
      : `The server answered with HTTP ${response.status}.`;
    throw new ApiError(response.status, data && typeof data.code === 'string' ? data.code : '', message);
  }
  if (data === null || typeof data !== 'object') {
    throw new ApiError(response.status, '', 'The server sent an answer this page cannot read.');
  }
  return data;
}

// ---------- forms ----------

function text(form, name) {
  const v = form.elements.namedItem(name).value;
  return typeof v === 'string' ? v.trim() : '';
}

function labelOf(input) {
  if (input.labels && input.labels.length) {
    // The label text without the "(optional)" hint.
    const label = input.labels[0].cloneNode(true);
    label.querySelectorAll('.optional').forEach((n) => n.remove());
    return label.textContent.trim();
  }
  return input.name;
}

/**
 * Checks the form with the browser's constraint validation and our own trimming rules.
 * Marks invalid fields with aria-invalid, shows the first problem in the error area and focuses that field.
 */
function validate(form) {
  const area = errorAreaOf(form);
  let first = null;
  let message = '';
  for (const input of form.querySelectorAll('input:not([type=radio])')) {
    let problem = '';
    const value = input.value.trim();
    if (input.required && value === '' && !input.validity.badInput) {
      problem = `${labelOf(input)} is required.`;
    } else if (!input.checkValidity()) {
      if (input.type === 'number') {
        problem = `${labelOf(input)} must be a whole number from ${input.min} to ${input.max}.`;
      } else if (input.validity.tooLong) {
        problem = `${labelOf(input)} is too long (at most ${input.maxLength} characters).`;
      } else {
        problem = `${labelOf(input)}: ${input.validationMessage}`;
      }
    }
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      if (!first) {
        first = input;
        message = problem;
      }
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
  if (first) {
    showError(area, message);
    first.focus();
    return false;
  }
  return true;
}

async function submitWith(form, failurePrefix, work) {
  const button = form.querySelector('button[type=submit]');
  if (button.disabled) return;
  const area = errorAreaOf(form);
  clearError(area);
  if (!validate(form)) return;
  const label = button.textContent;
  button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  button.textContent = 'Please wait…';
  try {
    await work();
  } catch (e) {
    showError(area, e instanceof ApiError
      ? `${failurePrefix}: ${e.message}`
      : 'Something went wrong on this page. Reload and try again.');
    if (!(e instanceof ApiError)) console.error(e);
  } finally {
    button.disabled = false;
    button.textContent = label;
    form.removeAttribute('aria-busy');
  }
}

async function onCreate(event) {
  event.preventDefault();
  const form = els.createForm;
  await submitWith(form, 'Could not start the meeting', async () => {
    const body = {
      title: text(form, 'title'),
      goal: text(form, 'goal'),
      kind: form.elements.namedItem('kind').value,
      facilitatorName: text(form, 'facilitatorName'),
      plannedMinutes: Number.parseInt(form.elements.namedItem('plannedMinutes').value, 10),
    };
    const department = text(form, 'department');
    if (department) body.department = department;
    const r = await api('POST', '/api/rooms', { body });
    startSession({ roomId: r.roomId, participantId: r.participantId, role: r.role, token: r.token, joinCode: r.joinCode });
  });
}

async function onJoin(event) {
  event.preventDefault();
  const form = els.joinForm;
  await submitWith(form, 'Could not join the meeting', async () => {
    const body = {
      code: text(form, 'code').toUpperCase(),
      name: text(form, 'name'),
      role: form.elements.namedItem('role').value,
    };
    const department = text(form, 'department');
    if (department) body.department = department;
    const r = await api('POST', '/api/join', { body });
    startSession({ roomId: r.roomId, participantId: r.participantId, role: r.role, token: r.token });
  });
}

// ---------- session view ----------

function startSession(s) {
  clearError(els.createError);
  clearError(els.joinError);
  clearError(els.summaryError);
  session = s;
  clearSummary();
  saveSession(s);
  renderSession();
  els.session.hidden = false;
  els.sessionHeading.focus();
  els.session.scrollIntoView({ block: 'start' });
  refreshSummary();
}

function renderSession() {
  if (!session) {
    els.session.hidden = true;
    return;
  }
  renderJoinCode(session.joinCode);
  els.roomId.textContent = session.roomId;
  const role = ROLE_LABELS[session.role] || session.role || 'unknown role';
  els.youAre.textContent = session.participantId ? `${role} (${session.participantId})` : role;
  els.tokenNote.textContent = stored
    ? 'Your access token is kept in this tab’s sessionStorage and is gone when you close the tab. '
      + 'Anyone who has it can act as you in this meeting.'
    : 'Your access token could not be saved in this browser (sessionStorage is unavailable); '
      + 'it is lost when you reload the page.';
}

function renderJoinCode(code) {
  if (typeof code === 'string' && code) {
    els.joinCode.textContent = code;
    const link = new URL(window.location.pathname, window.location.origin);
    link.searchParams.set('code', code);
    els.joinLink.textContent = link.href;
    els.codeLabel.textContent = session && session.role === 'facilitator'
      ? 'Join code — share it with the participants'
      : 'Join code';
    els.codeBox.hidden = false;
  } else {
    els.codeBox.hidden = true;
  }
}

function field(name) {
  return els.summary.querySelector(`[data-field="${name}"]`);
}

function setField(name, value) {
  field(name).textContent = value === undefined || value === null || value === '' ? '—' : String(value);
}

function renderSummary(s) {
  setField('title', s.title);
  setField('goal', s.goal);
  setField('kind', KIND_LABELS[s.kind] || s.kind);
  setField('status', STATUS_LABELS[s.status] || s.status);
  setField('joinCode', s.joinCode);
  setField('participants', s.participants);
  setField('online', s.online);
  setField('agendaItems', s.agendaItems);

  const current = field('currentItem');
  current.textContent = '';
  const item = s.currentItem;
  if (!item || typeof item !== 'object') {
    current.textContent = 'None';
  } else {
    const title = document.createElement('span');
    title.className = 'item-title';
    title.textContent = item.title || '(untitled)';
    current.append(title);
    for (const [label, value] of [['Owner', item.owner], ['Expected output', item.expectedOutput]]) {
      if (typeof value === 'string' && value) {
        const line = document.createElement('span');
        line.className = 'item-detail';
        line.textContent = `${label}: ${value}`;
        current.append(line);
      }
    }
  }

  if (typeof s.joinCode === 'string' && s.joinCode && s.joinCode !== session.joinCode) {
    session.joinCode = s.joinCode;
    saveSession(session);
    renderJoinCode(s.joinCode);
  }
}

function clearSummary() {
  for (const dd of els.summary.querySelectorAll('[data-field]')) dd.textContent = '';
  els.summary.hidden = true;
  loadedAt = null;
}

/** Counts summary requests; only the answer to the latest one is shown. */
let summaryRequest = 0;
/** When the summary on display was loaded, or null when none is shown. */
let loadedAt = null;

async function refreshSummary() {
  if (!session) return;
  const request = ++summaryRequest;
  const current = () => request === summaryRequest && session !== null;
  els.refresh.disabled = true;
  els.summaryStatus.textContent = 'Loading…';
  try {
    const s = await api('GET', `/api/rooms/${encodeURIComponent(session.roomId)}`, { token: session.token });
    if (!current()) return;
    clearError(els.summaryError);
    renderSummary(s);
    els.summary.hidden = false;
    loadedAt = new Date();
    els.summaryStatus.textContent = `Updated at ${loadedAt.toLocaleTimeString()}.`;
  } catch (e) {
    if (!current()) return;
    els.summaryStatus.textContent = loadedAt
      ? `Could not refresh; showing the summary from ${loadedAt.toLocaleTimeString()}.`
      : 'Could not load the summary.';
    let message = `Could not load the room summary: ${e instanceof ApiError ? e.message : 'something went wrong on this page.'}`;
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      message += ' Your access to this meeting is no longer valid; forget it and join again.';
    }
    showError(els.summaryError, message);
  } finally {
    if (request === summaryRequest) els.refresh.disabled = false;
  }
}

function onForget() {
  summaryRequest++;
  els.refresh.disabled = false;
  clearSession();
  clearSummary();
  clearError(els.summaryError);
  els.summaryStatus.textContent = '';
  els.session.hidden = true;
  els.createForm.elements.namedItem('title').focus();
}

// ---------- start ----------

function init() {
  els.createForm.addEventListener('submit', onCreate);
  els.joinForm.addEventListener('submit', onJoin);
  els.refresh.addEventListener('click', refreshSummary);
  els.forget.addEventListener('click', onForget);
  for (const form of [els.createForm, els.joinForm]) {
    form.addEventListener('input', (e) => {
      if (e.target instanceof HTMLInputElement) e.target.removeAttribute('aria-invalid');
    });
    form.querySelector('button[type=submit]').disabled = false;
  }

  // A shared link "/?code=XXXXXX" fills in the join code.
  const code = new URLSearchParams(window.location.search).get('code');
  if (code) {
    els.joinForm.elements.namedItem('code').value = code.trim().toUpperCase().slice(0, 32);
  }

  session = loadSession();
  if (session) {
    renderSession();
    els.session.hidden = false;
    refreshSummary();
  } else if (code) {
    els.joinForm.elements.namedItem('name').focus();
  }
}

init();
