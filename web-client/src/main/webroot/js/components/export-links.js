// The export links of the minutes: "Download Markdown" and "Open printable HTML". A link can leave the page
// (a new tab, a copied address, a bookmark), so it never carries the participant's token: the links come
// from POST /api/rooms/:roomId/downloads (docs/PROTOCOL.md §2.7) and carry a download token that opens only
// this room's exports and expires in minutes. The pair stays hidden until it has links; they are renewed
// well before they expire, and again when someone reaches for a link that is about to (a laptop that slept
// let the timer slip), so what is opened, copied or shared always works.

import { t } from '../i18n/i18n.js';
import { downloadLinks } from '../app/api.js';
import { h, setText } from './dom.js';

const RENEW_AT = 0.8; // renew after this share of a link's lifetime
const MIN_LEFT_MS = 60000; // a link with less than this left (or a fifth of its life) is renewed before use
const RETRY_MS = 10000;

/** The zone the exports write times in: the browser's, so they read as the clock on the wall. */
function timeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * @param {object} ctx the room context
 * @returns {HTMLElement}
 */
export function createExportLinks(ctx) {
  const md = h('a', { testid: 'export-md', class: 'button-link', attrs: { download: `minutes-${ctx.roomId}.md` } });
  const html = h('a', { testid: 'export-html', class: 'button-link', target: '_blank', rel: 'noopener noreferrer' });
  const note = h('p', { class: 'export-note', testid: 'export-note' });
  const row = h('p', { class: 'link-row export-links', testid: 'export-links', hidden: true }, md, html);
  const el = h('div', { class: 'export-box', data: { state: 'loading' } }, row, note);
  let expiresAt = 0;
  let lifetimeSeconds = 0;
  let pending = null;
  let cancelRenewal = () => {};

  function renew() {
    if (pending) return pending;
    cancelRenewal();
    pending = downloadLinks(ctx.roomId, ctx.token).then((answer) => {
      const zone = `&tz=${encodeURIComponent(timeZone())}`;
      md.href = answer.links.markdown + zone;
      html.href = answer.links.html + zone;
      expiresAt = Date.now() + answer.expiresInSeconds * 1000;
      lifetimeSeconds = answer.expiresInSeconds;
      row.hidden = false;
      el.dataset.state = 'ready';
      el.dataset.expiresAt = String(answer.expiresAt);
      render();
      cancelRenewal = ctx.timeout(renew, answer.expiresInSeconds * 1000 * RENEW_AT);
    }, () => {
      el.dataset.state = expiresAt > Date.now() ? 'ready' : 'failed';
      row.hidden = el.dataset.state !== 'ready';
      render();
      cancelRenewal = ctx.timeout(renew, RETRY_MS);
    }).finally(() => {
      pending = null;
    });
    return pending;
  }

  const stale = () => expiresAt - Date.now() < Math.min(MIN_LEFT_MS, lifetimeSeconds * 1000 * (1 - RENEW_AT));
  // Reaching for a link (hover, focus, touch, right-click to copy it) renews it first when it is nearly spent.
  for (const type of ['pointerenter', 'focus', 'touchstart', 'contextmenu']) {
    for (const link of [md, html]) ctx.listen(link, type, () => { if (stale()) renew(); }, { passive: true });
  }
  for (const link of [md, html]) {
    ctx.listen(link, 'click', (event) => {
      if (!stale()) return;
      event.preventDefault();
      renew().then(() => {
        if (stale()) return;
        if (link === html) globalThis.open(html.href, '_blank', 'noopener,noreferrer');
        else md.click();
      });
    });
  }

  function render() {
    setText(md, t('export.downloadMarkdown'));
    setText(html, t('export.openHtml'));
    setText(note, el.dataset.state === 'loading' ? t('export.preparing')
      : el.dataset.state === 'failed' ? t('export.unavailable')
        : t('export.validFor', { n: Math.round(lifetimeSeconds / 60) }));
  }

  ctx.watch(render);
  renew();
  return el;
}
