// The join code, its QR code and the join link on the shared screen. Always shown whole: the screen's
// layout gives it a region that shrinks the QR code when the room is busy (container units), never drops it.

import { t } from '../i18n/i18n.js';
import { joinLink, qrUrl, roomSummary } from '../app/api.js';
import { h, setAttr, setText } from './dom.js';

/** How long to wait before asking again for the join code after a failed request. */
const RETRY_MS = 10000;

export function createScreenJoin(ctx) {
  const label = h('p', { class: 'join-label' });
  const code = h('p', { class: 'join-code', testid: 'join-code' }, '······');
  const url = h('p', { class: 'join-url' });
  const qr = h('img', { class: 'qr', testid: 'qr-code', alt: '', width: 180, height: 180 });
  const el = h('section', { class: 'screen-card screen-join' },
    h('div', { class: 'join-text' }, label, code, url), h('div', { class: 'qr-box' }, qr));
  let joinCode = null;

  async function load() {
    try {
      const summary = await roomSummary(ctx.roomId, ctx.token);
      joinCode = summary.joinCode;
      setText(code, joinCode);
      qr.src = qrUrl(joinCode);
      setText(url, joinLink(joinCode).replace(/^https?:\/\//, ''));
      render();
    } catch {
      ctx.timeout(load, RETRY_MS);
    }
  }
  function render() {
    setText(label, t('screen.scanToJoin'));
    setAttr(qr, 'alt', joinCode ? `${t('ui.qrAlt')} ${joinCode}` : t('ui.qrAlt'));
  }
  ctx.watch(render);
  load();
  return el;
}
