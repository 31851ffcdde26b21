// Roundtable start page: create a meeting or join one (also from a shared link /?code=XXXXXX), store the
// credentials in localStorage (`roundtable.session.<roomId>` = {token, participantId, role}) and go to the
// room: facilitator → console, participant → participant view, screen → shared screen.
// Plain ES module. All text from users or the server is set with textContent.

import { errorDetail, errorField, errorMessage, locale, localize, onLocaleChange, setLocale, t } from './i18n/i18n.js';
import { ApiError, api, createMeetingBody, roomSummary } from './app/api.js';
import { defaultView, forgetSession, listSessions, roomUrl, saveSession } from './app/session.js';

const $ = (id) => document.getElementById(id);

const els = {
  createForm: $('create-form'),
  joinForm: $('join-form'),
  createError: $('create-error'),
  joinError: $('join-error'),
  recent: $('recent'),
  recentList: $('recent-list'),
  going: $('going'),
  localeSwitch: $('locale-switch'),
};

function showError(area, text) {
  area.replaceChildren();
  const p = document.createElement('p');
  p.textContent = text;
  area.append(p);
}

function labelOf(input) {
  const label = input.labels && input.labels[0];
  if (!label) return input.name;
  const copy = label.cloneNode(true);
  copy.querySelectorAll('.optional').forEach((n) => n.remove());
  return copy.textContent.trim();
}

/** Browser constraint validation with our own messages; marks and focuses the first bad field. */
function validate(form, area) {
  let first = null;
  let message = '';
  for (const input of form.querySelectorAll('input:not([type=radio])')) {
    let problem = '';
    if (input.required && input.value.trim() === '' && !input.validity.badInput) {
      problem = t('form.required', { field: labelOf(input) });
    } else if (!input.checkValidity()) {
      problem = input.type === 'number'
        ? t('form.range', { field: labelOf(input), min: input.min, max: input.max })
        : t('form.tooLong', { field: labelOf(input), max: input.maxLength });
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
  if (!first) return true;
  showError(area, message);
  first.focus();
  return false;
}

function value(form, name) {
  const v = form.elements.namedItem(name).value;
  return typeof v === 'string' ? v.trim() : '';
}

function enterRoom(r) {
  saveSession(r.roomId, { token: r.token, participantId: r.participantId, role: r.role });
  els.going.hidden = false;
  window.location.assign(roomUrl(r.roomId, defaultView(r.role)));
}

/**
 * Why the server refused a form, in the UI language: by reason, else by the field it names (with that
 * field's label on this form, which is also marked invalid and focused), else by code. The server's English
 * message is added in brackets in the English UI only.
 */
function refusalText(form, e) {
  if (!(e instanceof ApiError)) return errorMessage('UNKNOWN');
  const name = errorField(e);
  const input = name ? form.elements.namedItem(name) : null;
  const control = input instanceof HTMLInputElement || input instanceof HTMLSelectElement ? input : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }
  const text = errorMessage(e, { fieldLabel: control ? labelOf(control) : null });
  const detail = e.code === 'NETWORK' ? '' : errorDetail(e);
  return detail ? `${text} ${t('ui.errorDetail', { detail })}` : text;
}

async function submit(form, area, failureKey, work) {
  const button = form.querySelector('button[type=submit]');
  if (button.disabled) return;
  area.replaceChildren();
  if (!validate(form, area)) return;
  button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  button.textContent = t('common.pleaseWait');
  try {
    await work();
  } catch (e) {
    showError(area, t(failureKey, { reason: refusalText(form, e) }));
    if (!(e instanceof ApiError)) console.error(e);
  } finally {
    button.disabled = false;
    button.textContent = t(button.dataset.i18n);
    form.removeAttribute('aria-busy');
  }
}

function onCreate(event) {
  event.preventDefault();
  const form = els.createForm;
  submit(form, els.createError, 'start.failed', async () => {
    const body = createMeetingBody({
      title: value(form, 'title'),
      goal: value(form, 'goal'),
      kind: form.elements.namedItem('kind').value,
      facilitatorName: value(form, 'facilitatorName'),
      plannedMinutes: Number.parseInt(form.elements.namedItem('plannedMinutes').value, 10),
      department: value(form, 'department'),
      language: form.elements.namedItem('language').value,
    });
    enterRoom(await api('POST', '/api/rooms', { body }));
  });
}

function onJoin(event) {
  event.preventDefault();
  const form = els.joinForm;
  submit(form, els.joinError, 'join.failed', async () => {
    const body = {
      code: value(form, 'code').toUpperCase(),
      name: value(form, 'name'),
      role: form.elements.namedItem('role').value,
    };
    const department = value(form, 'department');
    if (department) body.department = department;
    enterRoom(await api('POST', '/api/join', { body }));
  });
}

/** Meeting titles of the stored rooms, fetched once per page: roomId → summary (or null when refused). */
const summaries = new Map();

function recentLabel(s) {
  const summary = summaries.get(s.roomId);
  const name = summary ? `${summary.title} (${t(`meetingStatus.${summary.status}`)})` : s.roomId;
  return `${name} · ${t(`role.${s.role}`)}`;
}

function loadSummaries(sessions) {
  for (const s of sessions) {
    if (summaries.has(s.roomId)) continue;
    summaries.set(s.roomId, null);
    roomSummary(s.roomId, s.token).then((summary) => {
      summaries.set(s.roomId, summary);
      renderRecent();
    }, (e) => {
      // A room this token no longer opens is forgotten.
      if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) {
        forgetSession(s.roomId);
        renderRecent();
      }
    });
  }
}

function renderRecent() {
  const sessions = listSessions().slice(0, 10);
  els.recent.hidden = sessions.length === 0;
  loadSummaries(sessions);
  els.recentList.replaceChildren(...sessions.map((s) => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = roomUrl(s.roomId, defaultView(s.role));
    link.textContent = recentLabel(s);
    const forget = document.createElement('button');
    forget.type = 'button';
    forget.className = 'link';
    forget.textContent = t('ui.forget');
    forget.setAttribute('aria-label', `${t('ui.forget')}: ${recentLabel(s)}`);
    forget.addEventListener('click', () => {
      forgetSession(s.roomId);
      renderRecent();
    });
    li.append(link, ' ', forget);
    return li;
  }));
}

/** The meeting's language follows the UI language until the facilitator picks one. */
function renderMeetingLanguage() {
  const select = els.createForm.elements.namedItem('language');
  for (const option of select.options) option.textContent = t(`locale.${option.value}`);
  if (!select.dataset.touched) select.value = locale();
}

function renderLocale() {
  localize(document);
  renderMeetingLanguage();
  els.localeSwitch.textContent = locale() === 'en' ? '中文' : 'English';
  els.localeSwitch.setAttribute('aria-label', t('ui.switchLanguage', { language: t(`locale.${locale() === 'en' ? 'zh-CN' : 'en'}`) }));
  els.localeSwitch.lang = locale() === 'en' ? 'zh-CN' : 'en';
  document.title = t('app.name');
  renderRecent();
}

function init() {
  els.createForm.addEventListener('submit', onCreate);
  els.joinForm.addEventListener('submit', onJoin);
  els.localeSwitch.addEventListener('click', () => setLocale(locale() === 'en' ? 'zh-CN' : 'en'));
  const meetingLanguage = els.createForm.elements.namedItem('language');
  meetingLanguage.addEventListener('change', () => {
    meetingLanguage.dataset.touched = 'true';
  });
  for (const form of [els.createForm, els.joinForm]) {
    form.addEventListener('input', (e) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) e.target.removeAttribute('aria-invalid');
    });
    form.querySelector('button[type=submit]').disabled = false;
  }
  onLocaleChange(renderLocale);
  renderLocale();

  // A shared link (or the QR code) "/?code=XXXXXX" fills in the join code.
  const code = new URLSearchParams(window.location.search).get('code');
  if (code) {
    els.joinForm.elements.namedItem('code').value = code.trim().toUpperCase().slice(0, 32);
    els.joinForm.elements.namedItem('name').focus();
  }
}

init();
