// The facilitator console. Its top row is what a meeting is run from and fits a 1440×900 laptop without
// scrolling: the current item with "Next item" and the timer, the join code and QR, and the meeting
// controls (start, hand-off, finalize, end — the last two ask first). Below: agenda, floor, the co-edited
// minutes, motions, board, decisions and records, people; keyboard shortcuts drive the top row.
// Refusals appear in the header's error region.

import { t } from '../i18n/i18n.js';
import { joinLink, qrUrl, roomSummary } from '../app/api.js';
import { createAgendaEditor } from '../components/agenda-editor.js';
import {
  createBoardControls, createDecisionForm, createFloorControls, createMeetingControls, createMotionControls,
  createPeople, createShortcuts, createTimerControls,
} from '../components/console-controls.js';
import { card, h, setText } from '../components/dom.js';
import { createMinutesEditor } from '../components/minutes-editor.js';
import { createExportLinks } from '../components/export-links.js';
import { createActionItems, createDecisions, createParkingLot } from '../components/records.js';
import { roomUrl } from '../app/session.js';
import { meetingEnded } from '../model/selectors.js';

function createJoinBox(ctx) {
  const code = h('p', { class: 'join-code small-code', testid: 'join-code' }, '······');
  const link = h('a', { class: 'join-link break', target: '_blank', rel: 'noopener' });
  const qr = h('img', { class: 'qr small-qr', testid: 'qr-code', alt: '', width: 120, height: 120 });
  const el = h('div', { class: 'join-box' }, h('div', {}, code, link), qr);
  (async function load() {
    try {
      const summary = await roomSummary(ctx.roomId, ctx.token);
      setText(code, summary.joinCode);
      qr.src = qrUrl(summary.joinCode);
      qr.alt = `${t('ui.qrAlt')} ${summary.joinCode}`;
      link.href = joinLink(summary.joinCode);
      setText(link, link.href);
    } catch {
      ctx.timeout(load, 10000);
    }
  }());
  return el;
}

function createLinks(ctx) {
  const el = h('p', { class: 'link-row' });
  ctx.watch(() => {
    el.replaceChildren(
      h('a', { href: roomUrl(ctx.roomId, 'board'), class: 'button-link secondary-link' }, t('ui.openBoard')),
      h('a', { href: roomUrl(ctx.roomId, 'screen'), class: 'button-link secondary-link', target: '_blank', rel: 'noopener' }, t('ui.openScreen')),
      h('a', { href: roomUrl(ctx.roomId, 'minutes'), class: 'button-link secondary-link' }, t('ui.view.minutes')));
  });
  return el;
}

export function mountFacilitator(main, ctx) {
  const notFacilitator = h('p', { class: 'banner warn-banner', attrs: { role: 'status' } });
  const top = h('div', { class: 'console-top' },
    card('agenda.currentItem', { class: 'timer-card', testid: 'console-now' }, createTimerControls(ctx), createShortcuts(ctx)),
    card('console.join', { class: 'join-card', testid: 'console-join' }, createJoinBox(ctx)),
    card('ui.meeting', { class: 'meeting-card', testid: 'console-meeting' }, createMeetingControls(ctx)));
  const grid = h('div', { class: 'console-grid' },
    card('agenda.title', { class: 'span-2 agenda-card' }, createAgendaEditor(ctx)),
    card('ui.floor', {}, createFloorControls(ctx)),
    card('console.minutes', { class: 'span-2 console-minutes', testid: 'console-minutes' }, createMinutesEditor(ctx), createExportLinks(ctx)),
    card('vote.motions', {}, createMotionControls(ctx)),
    card('board.title', {}, createBoardControls(ctx), createLinks(ctx)),
    card('minutes.decisions', {}, createDecisionForm(ctx), createDecisions(ctx)),
    card('minutes.actionItems', {}, createActionItems(ctx)),
    card('minutes.parkingLot', {}, createParkingLot(ctx)),
    card('people.participants', {}, createPeople(ctx)));
  main.append(notFacilitator, top, grid);
  ctx.watch((state) => {
    const loaded = ctx.loaded;
    const facilitator = ctx.isFacilitator();
    notFacilitator.hidden = !loaded || facilitator;
    notFacilitator.replaceChildren(t('ui.notFacilitator'), ' ',
      h('a', { href: roomUrl(ctx.roomId, 'participant') }, t('ui.view.participant')));
    grid.classList.toggle('inactive', loaded && !facilitator);
    top.classList.toggle('inactive', loaded && !facilitator);
    main.dataset.ended = String(meetingEnded(state));
  });
}
