// The shared screen (projector / TV, read-only): current item with owner and expected output, the big
// topic countdown with a beep on time-up, the speaker and the queue, the live vote, the note wall during an
// open discussion, and the join code with its QR code.

import { t } from '../i18n/i18n.js';
import { roomSummary, qrUrl, joinLink } from '../app/api.js';
import { beep, canPlay, isMuted, setMuted, unlock, unlockOnFirstGesture } from '../components/beep.js';
import { createCountdown, createSpeaker } from '../components/countdown.js';
import { h, setAttr, setText, syncList } from '../components/dom.js';
import { createMotionResult, motionForScreen } from '../components/motions.js';
import { createWall } from '../components/wall.js';
import { currentItem, meetingEnded } from '../model/selectors.js';

/**
 * @param {HTMLElement} main
 * @param {object} ctx
 * @param {{extras: HTMLElement}} chrome
 */
export function mountScreen(main, ctx, chrome) {
  // ---------- sound ----------
  unlockOnFirstGesture();
  const mute = h('button', {
    type: 'button', class: 'secondary small-button mute-toggle', testid: 'mute-toggle',
    on: {
      click: () => {
        setMuted(!isMuted());
        unlock();
        renderMute();
      },
    },
  });
  const soundHint = h('span', { class: 'sound-hint' });
  chrome.extras.append(mute, soundHint);
  function renderMute() {
    const muted = isMuted();
    setAttr(mute, 'aria-pressed', String(muted));
    setText(mute, muted ? t('ui.muted') : t('ui.soundOn'));
    setAttr(mute, 'title', muted ? t('ui.unmute') : t('ui.mute'));
    mute.dataset.muted = String(muted);
    soundHint.hidden = muted || canPlay();
    setText(soundHint, t('ui.clickForSound'));
  }

  // ---------- current item ----------
  const kicker = h('p', { class: 'kicker' });
  const title = h('h2', { class: 'current-title', testid: 'current-item-title' });
  const owner = h('span', { testid: 'current-item-owner', class: 'value' });
  const output = h('span', { testid: 'current-item-output', class: 'value' });
  const ownerLabel = h('span', { class: 'label' });
  const outputLabel = h('span', { class: 'label' });
  const goal = h('p', { class: 'screen-goal' });
  const current = h('section', { class: 'screen-card screen-item', attrs: { 'aria-label': 'current item' } },
    kicker, title,
    h('p', { class: 'detail' }, ownerLabel, ' ', owner),
    h('p', { class: 'detail' }, outputLabel, ' ', output),
    goal);

  // ---------- countdown ----------
  const countdown = createCountdown(ctx, {
    size: 'huge',
    onTimeUp: () => {
      beep();
      countdown.classList.add('flash');
      ctx.timeout(() => countdown.classList.remove('flash'), 3000);
    },
  });
  const timerCard = h('section', { class: 'screen-card screen-timer' }, countdown);

  // ---------- speaker and queue ----------
  const speakerHeading = h('h2', { class: 'card-heading' });
  const queueHeading = h('h3', { class: 'subheading' });
  const queue = h('ol', { class: 'queue-list' });
  const queueEmpty = h('p', { class: 'empty' });
  const speakerCard = h('section', { class: 'screen-card screen-speaker' },
    speakerHeading, createSpeaker(ctx), queueHeading, queue, queueEmpty);

  // ---------- vote ----------
  const voteHeading = h('h2', { class: 'card-heading' });
  const result = createMotionResult({ testids: true });
  const voteCard = h('section', { class: 'screen-card screen-vote' }, voteHeading, result.el);

  // ---------- join ----------
  const joinLabel = h('p', { class: 'join-label' });
  const joinCode = h('p', { class: 'join-code', testid: 'join-code' }, '······');
  const qr = h('img', { class: 'qr', testid: 'qr-code', alt: '', width: 180, height: 180 });
  const joinUrl = h('p', { class: 'join-url' });
  const joinCard = h('section', { class: 'screen-card screen-join' }, h('div', {}, joinLabel, joinCode, joinUrl), qr);

  // ---------- note wall ----------
  const wallHeading = h('h2', { class: 'card-heading' });
  const wall = createWall(ctx, { interactive: false, flow: true });
  const wallCard = h('section', { class: 'screen-card screen-wall' }, wallHeading, wall.el);

  main.append(h('div', { class: 'screen-grid' }, current, timerCard, speakerCard, voteCard, joinCard, wallCard));

  let joinCodeValue = null;
  async function loadJoinCode() {
    try {
      const summary = await roomSummary(ctx.roomId, ctx.token);
      joinCodeValue = summary.joinCode;
      setText(joinCode, joinCodeValue);
      qr.src = qrUrl(joinCodeValue);
      setText(joinUrl, joinLink(joinCodeValue).replace(/^https?:\/\//, ''));
    } catch {
      ctx.timeout(loadJoinCode, 10000);
    }
  }
  loadJoinCode();

  ctx.watch((state, force) => {
    const item = currentItem(state);
    const index = item ? state.agenda.indexOf(item) : -1;
    const ended = meetingEnded(state);
    setText(kicker, item ? `${t('agenda.currentItem')} · ${index + 1} / ${state.agenda.length} · ${t(`itemKind.${item.kind}`)}`
      : ended ? t('meetingStatus.ended') : t('agenda.currentItem'));
    setText(title, item ? item.title : ended ? t('ui.meetingOver') : t('ui.noCurrentItem'));
    setText(owner, item ? item.owner || '—' : '—');
    setText(output, item ? item.expectedOutput || '—' : '—');
    setText(ownerLabel, t('ui.labelled', { label: t('agenda.owner') }));
    setText(outputLabel, t('ui.labelled', { label: t('agenda.expectedOutput') }));
    current.dataset.itemId = item ? item.id : '';
    setText(goal, state.meeting ? `${t('ui.labelled', { label: t('meeting.goal') })} ${state.meeting.goal}` : '');

    setText(speakerHeading, t('speaker.speaking'));
    setText(queueHeading, t('speaker.queue'));
    syncList(queue, state.queue, (id) => id, () => h('li', { testid: 'queue-entry' }), (li, id) => {
      li.dataset.participantId = id;
      setText(li, ctx.nameOf(id));
    });
    queueEmpty.hidden = state.queue.length > 0;
    setText(queueEmpty, t('speaker.queueEmpty'));

    setText(voteHeading, t('vote.motion'));
    renderVote(ctx.clock.now());

    const openDiscussion = Boolean(item && item.kind === 'open_discussion');
    wallCard.hidden = !openDiscussion;
    main.classList.toggle('with-wall', openDiscussion);
    setText(wallHeading, `${t('board.title')}${state.board.writingPhase ? ` · ${t('board.privatePhase')}` : ''}`);

    setText(joinLabel, t('join.code'));
    setAttr(qr, 'alt', joinCodeValue ? `${t('ui.qrAlt')} ${joinCodeValue}` : t('ui.qrAlt'));
    if (force) renderMute();
  });

  function renderVote(now) {
    const motion = motionForScreen(ctx.state, now);
    result.update(motion);
    voteCard.hidden = !motion;
    main.classList.toggle('with-vote', Boolean(motion));
  }
  // A closed motion leaves the screen after a while even when nothing else happens.
  ctx.every(() => renderVote(ctx.clock.now()), 5000);
  ctx.every(renderMute, 2000);
}
