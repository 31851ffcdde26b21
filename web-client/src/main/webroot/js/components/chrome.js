// The bar on top of every room view: meeting title, links to the other views, connection state, pending
// commands, language switch, the aria-live region that shows the last refusal, and the strip that says the
// server is busy (refusing commands for overload, PROTOCOL §4.6) and when the client sends them again.

import { errorMessage, locale, setLocale, t } from '../i18n/i18n.js';
import { h, markUserText, setAttr, setText, syncList } from './dom.js';
import { roomUrl } from '../app/session.js';

const VIEWS_BY_ROLE = {
  facilitator: ['facilitator', 'participant', 'board', 'screen', 'minutes'],
  participant: ['participant', 'board', 'minutes', 'screen'],
  screen: ['screen', 'board', 'minutes'],
};

/** RoomClient connection state → the data-state of the indicator. */
export function connectionDataState(state) {
  if (state === 'live') return 'open';
  if (state === 'offline' || state === 'failed' || state === 'stopped') return 'closed';
  return 'connecting';
}

function connectionLabel(state, info) {
  switch (state) {
    case 'live': return t('conn.online');
    case 'syncing': return t('conn.syncing');
    case 'offline': return t('conn.offline');
    case 'failed': return info && info.code ? t('ui.connFailed', { reason: errorMessage(info) }) : t('ui.connFailedShort');
    case 'stopped': return t('ui.connStopped');
    default: return t('conn.connecting');
  }
}

/**
 * Builds the header into `root` and keeps it up to date.
 * @param {HTMLElement} root
 * @param {object} ctx the room context
 * @param {string} view the view being shown
 * @returns {{extras: HTMLElement, errorRegion: HTMLElement}} extras: a slot for view-specific controls
 */
export function mountChrome(root, ctx, view) {
  const title = markUserText(h('span', { class: 'bar-title' }));
  const viewName = h('span', { class: 'bar-view' });
  const nav = h('ul', { class: 'bar-nav' });
  const connDot = h('span', { class: 'conn-dot', attrs: { 'aria-hidden': 'true' } });
  const connText = h('span', { class: 'conn-text' });
  const conn = h('span', { class: 'conn', testid: 'connection-state', attrs: { role: 'status' }, data: { state: 'connecting' } },
    connDot, connText);
  const pendingCount = h('span', { testid: 'pending-count', class: 'pending-count', data: { count: '0' } }, '0');
  const pendingLabel = h('span', { class: 'pending-label' });
  const pending = h('span', { class: 'pending', data: { count: '0' } }, pendingCount, ' ', pendingLabel);
  const localeButton = h('button', {
    type: 'button', class: 'secondary small-button', testid: 'locale-switch',
    on: { click: () => setLocale(locale() === 'en' ? 'zh-CN' : 'en') },
  });
  const extras = h('div', { class: 'bar-extras' });
  const errorText = h('span', { class: 'error-text' });
  const errorDetail = h('span', { class: 'error-detail' });
  const errorClose = h('button', {
    type: 'button', class: 'link error-close', hidden: true,
    on: { click: () => clearError() },
  });
  const errorRegion = h('div', {
    class: 'error-message', testid: 'error', attrs: { role: 'alert', 'aria-live': 'assertive', 'aria-atomic': 'true' },
  }, errorText, ' ', errorDetail);
  const errorBox = h('div', { class: 'error-region' }, errorRegion, errorClose);
  // The countdown is seen, not read out every second: a screen reader hears the steady sentence once.
  const busyCountdown = h('span', { class: 'busy-text', testid: 'server-busy-text', attrs: { 'aria-hidden': 'true' } });
  const busySpoken = h('span', { class: 'visually-hidden' });
  const busyNote = h('span', { class: 'busy-note' });
  const busyBox = h('div', {
    class: 'busy-region', testid: 'server-busy', hidden: true, attrs: { role: 'status' }, data: { state: 'idle' },
  }, busyCountdown, busySpoken, ' ', busyNote);

  const bar = h('header', { class: 'bar' },
    h('div', { class: 'bar-main' },
      h('h1', { class: 'bar-heading' }, title, ' ', viewName),
      h('nav', { class: 'bar-navwrap', data: { i18nAriaLabel: 'ui.viewsNav' }, attrs: { 'aria-label': t('ui.viewsNav') } }, nav)),
    h('div', { class: 'bar-status' }, conn, pending, extras, localeButton));
  root.append(bar, busyBox, errorBox);

  let connState = ctx.client.connection;
  let connInfo = {};
  let cancelErrorTimer = () => {};
  let lastError = null;

  function renderConn() {
    const dataState = connectionDataState(connState);
    setAttr(conn, 'data-state', dataState);
    setAttr(conn, 'data-detail', connState);
    setText(connText, connectionLabel(connState, connInfo));
  }

  function renderPending(count) {
    setText(pendingCount, String(count));
    setAttr(pendingCount, 'data-count', String(count));
    setAttr(pending, 'data-count', String(count));
    pending.classList.toggle('has-pending', count > 0);
    setText(pendingLabel, t('ui.pending', { n: count }));
    setAttr(pending, 'title', t('ui.pendingTitle'));
  }

  function renderError() {
    if (!lastError) {
      setText(errorText, '');
      setText(errorDetail, '');
      errorClose.hidden = true;
      errorBox.classList.remove('shown');
      errorRegion.removeAttribute('data-code');
      return;
    }
    // Rebuilt on a change of language too: the Chinese UI never shows the server's English message.
    const { text, detail } = ctx.describeError(lastError, lastCommand);
    setText(errorText, text);
    setText(errorDetail, detail ? t('ui.errorDetail', { detail }) : '');
    setText(errorClose, t('common.close'));
    errorClose.hidden = false;
    errorRegion.dataset.code = lastError.code || '';
    errorBox.classList.add('shown');
  }

  let busy = ctx.client.busy;
  let stopBusyTimer = null;

  function renderBusy() {
    busyBox.hidden = !busy;
    setAttr(busyBox, 'data-state', !busy ? 'idle' : busy.retryAt === null ? 'retrying' : 'waiting');
    if (!busy) {
      setText(busyCountdown, '');
      setText(busySpoken, '');
      setText(busyNote, '');
      return;
    }
    const seconds = busy.retryAt === null ? 0 : Math.max(0, Math.ceil((busy.retryAt - Date.now()) / 1000));
    setAttr(busyBox, 'data-retry-in', String(seconds));
    setAttr(busyBox, 'data-refusals', String(busy.refusals));
    setText(busyCountdown, seconds > 0 ? t('conn.busyRetryIn', { s: seconds }) : t('conn.busyRetrying'));
    setText(busySpoken, t('conn.busy'));
    setText(busyNote, t('conn.busyKept'));
  }

  function onBusy(next) {
    busy = next;
    if (busy && busy.retryAt !== null && !stopBusyTimer) {
      stopBusyTimer = ctx.every(renderBusy, 250);
    } else if ((!busy || busy.retryAt === null) && stopBusyTimer) {
      stopBusyTimer();
      stopBusyTimer = null;
    }
    renderBusy();
  }

  function clearError() {
    lastError = null;
    cancelErrorTimer();
    renderError();
  }

  let lastCommand = null;
  ctx.own(ctx.onErrorReport((error, command) => {
    lastError = error || { code: 'UNKNOWN' };
    lastCommand = command || null;
    renderError();
    cancelErrorTimer();
    cancelErrorTimer = ctx.timeout(clearError, 30000);
  }));

  ctx.own(ctx.client.onConnection((state, info) => {
    connState = state;
    connInfo = info || {};
    renderConn();
  }));
  ctx.own(ctx.client.onError((error) => {
    if (error.source === 'register' || error.source === 'sync') {
      if (['UNAUTHORIZED', 'WRONG_ROOM', 'FORBIDDEN', 'ROOM_NOT_FOUND'].includes(error.code)) ctx.reportError({ ...error, server: true });
    }
  }));
  ctx.own(ctx.client.outbox.onChange((entries) => renderPending(entries.length)));
  ctx.own(ctx.client.onBusy(onBusy));

  ctx.watch((state, force) => {
    const meeting = state.meeting;
    setText(title, meeting ? meeting.title : t('app.name'));
    document.title = `${meeting ? meeting.title : t('app.name')} · ${t(`ui.view.${view}`)}`;
    setText(viewName, `· ${t(`ui.view.${view}`)}`);
    const views = VIEWS_BY_ROLE[ctx.role()] || VIEWS_BY_ROLE.participant;
    syncList(nav, views, (v) => v, (v) => h('li', {}, h('a', { href: roomUrl(ctx.roomId, v), data: { view: v } })), (li, v) => {
      const a = li.firstChild;
      setText(a, t(`ui.view.${v}`));
      setAttr(a, 'aria-current', v === view ? 'page' : null);
    });
    if (force) {
      setText(localeButton, locale() === 'en' ? '中文' : 'English');
      // The switch is named in the language it switches to, so its visible text is part of its name.
      setAttr(localeButton, 'aria-label', t('ui.switchLanguage', { language: t(`locale.${locale() === 'en' ? 'zh-CN' : 'en'}`) }));
      setAttr(localeButton, 'lang', locale() === 'en' ? 'zh-CN' : 'en');
      renderConn();
      renderPending(ctx.client.outbox.entries.length);
      renderError();
      renderBusy();
    }
  });

  return { extras, errorRegion };
}
