// Roundtable series pages (PROTOCOL.md §14), entry of series.html. The link is `series#<token>`: the token
// never leaves the browser except as `Authorization: Bearer`; its claims name the series and whether it is
// the coordinator's or a member's link. A member's link opens their page, the coordinator's link the
// coordinator's page; no link shows the form that creates a series. Text from users goes in as textContent.

import { errorDetail, errorMessage, hasKey, locale, localize, onLocaleChange, setLocale, t } from './i18n/i18n.js';
import { tokenClaims } from './core/token.js';
import { linkFromHash, seriesClient } from './app/series-api.js';
import { mountMemberPage } from './views/series-member.js';
import { mountCoordinatorPage } from './views/series-coordinator.js';
import { mountCreateSeries } from './views/series-create.js';
import { msUntilRoomOpens } from './components/series-live.js';
import { defaultView, roomUrl, saveSession } from './app/session.js';

const $ = (id) => document.getElementById(id);
const els = { root: $('series-root'), status: $('series-status'), error: $('series-error'), localeSwitch: $('locale-switch') };

let page = null;
let view = null;

function showError(text, detail = '') {
  els.error.replaceChildren();
  if (!text) return;
  const p = document.createElement('p');
  p.textContent = text;
  els.error.append(p);
  if (detail) {
    const d = document.createElement('p');
    d.className = 'small';
    d.textContent = detail;
    els.error.append(d);
  }
}

/** A refusal by its code: the series pages' own text for a link problem, else the client's usual one. */
function showFailure(error) {
  const own = error && !error.reason && hasKey(`series.error.${error.code}`, 'en') ? t(`series.error.${error.code}`) : null;
  showError(own || errorMessage(error), errorDetail(error) || '');
  els.error.scrollIntoView({ block: 'nearest' });
}

function renderLocale() {
  document.documentElement.lang = locale();
  localize(document);
  els.localeSwitch.textContent = locale() === 'en' ? '中文' : 'English';
  els.localeSwitch.setAttribute('aria-label', t('ui.switchLanguage', { language: t(`locale.${locale() === 'en' ? 'zh-CN' : 'en'}`) }));
  els.localeSwitch.lang = locale() === 'en' ? 'zh-CN' : 'en';
  document.title = view ? `${view.series.title} · ${t('app.name')}` : t('series.pageTitle');
  if (page) page.render();
}

async function open(link) {
  const client = seriesClient(link.seriesId, link.token);
  /** Runs one call; on success reloads the view and re-renders. Resolves whether it worked. */
  const act = async (work, { reload = true } = {}) => {
    showError('');
    try {
      const result = await work();
      if (reload) view = await client.view();
      page.render();
      return result || true;
    } catch (error) {
      showFailure(error);
      return false;
    }
  };
  try {
    view = await client.view();
  } catch (error) {
    els.status.hidden = true;
    showFailure(error);
    return;
  }
  els.status.hidden = true;
  /** Into an occurrence's live room with the credentials the server gives for this link. */
  const enter = (occurrenceId) => act(async () => {
    const r = await client.enterRoom(occurrenceId);
    saveSession(r.roomId, { token: r.token, participantId: r.participantId, role: r.role });
    window.location.assign(roomUrl(r.roomId, defaultView(r.role)));
  }, { reload: false });
  const ctx = { client, view: () => view, act, enter, fail: (text) => showError(text), showFailure, token: link.token };
  page = view.view === 'coordinator' ? mountCoordinatorPage(els.root, ctx) : mountMemberPage(els.root, ctx);
  renderLocale();
  lookAgainWhenARoomOpens(client);
}

/** A page left open shows the join button when the room opens, without a reload. */
function lookAgainWhenARoomOpens(client) {
  const wait = msUntilRoomOpens(view);
  if (wait === null) return;
  setTimeout(async () => {
    try {
      view = await client.view();
      page.render();
    } catch { /* the next action shows the problem */ }
    lookAgainWhenARoomOpens(client);
  }, wait);
}

function start() {
  els.localeSwitch.addEventListener('click', () => setLocale(locale() === 'en' ? 'zh-CN' : 'en'));
  onLocaleChange(renderLocale);
  renderLocale();
  const link = linkFromHash(location.hash, tokenClaims);
  if (link) {
    open(link);
  } else if (location.hash.length > 1) {
    els.status.hidden = true;
    showError(t('series.badLink'));
  } else {
    els.status.hidden = true;
    page = mountCreateSeries(els.root, { fail: (text) => showError(text), showFailure, clear: () => showError('') });
    renderLocale();
  }
  window.addEventListener('hashchange', () => location.reload());
}

start();
