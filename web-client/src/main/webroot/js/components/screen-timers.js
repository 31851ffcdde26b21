// The shared screen's two clocks, equally prominent: the topic countdown (with a beep and a flash at time
// up) and, while someone has the floor, the speaker's countdown with their name; under it who is next.

import { t } from '../i18n/i18n.js';
import { beep } from './beep.js';
import { createCountdown, createSpeaker } from './countdown.js';
import { h, setText, syncList } from './dom.js';

/** How many names of the speaker queue the screen lists; the rest is "+ n more". */
const QUEUE_SHOWN = 3;
const FLASH_MS = 3000;

/** The topic countdown card. */
export function createScreenTopicTimer(ctx) {
  const countdown = createCountdown(ctx, {
    size: 'screen',
    onTimeUp: () => {
      beep();
      countdown.classList.add('flash');
      ctx.timeout(() => countdown.classList.remove('flash'), FLASH_MS);
    },
  });
  return h('section', { class: 'screen-card screen-timer' }, countdown);
}

/** The speaker card: who has the floor and their countdown, then the queue. */
export function createScreenSpeaker(ctx) {
  const heading = h('h2', { class: 'card-heading' });
  const speaker = createSpeaker(ctx, { size: 'screen' });
  const queueLabel = h('span', { class: 'queue-label' });
  const queue = h('ol', { class: 'queue-list' });
  const more = h('span', { class: 'queue-more' });
  const queueLine = h('div', { class: 'queue-line' }, queueLabel, queue, more);
  const empty = h('p', { class: 'empty queue-empty' });
  const el = h('section', { class: 'screen-card screen-speaker' }, heading, speaker, queueLine, empty);

  ctx.watch((state) => {
    el.dataset.floor = state.floor ? 'taken' : 'free';
    setText(heading, t('speaker.speaking'));
    setText(queueLabel, t('ui.labelled', { label: t('screen.queueNext') }));
    const shown = state.queue.slice(0, QUEUE_SHOWN);
    syncList(queue, shown, (id) => id, () => h('li', { testid: 'queue-entry' }), (li, id) => {
      li.dataset.participantId = id;
      setText(li, ctx.nameOf(id));
    });
    setText(more, t('screen.more', { n: state.queue.length - shown.length }));
    more.hidden = state.queue.length <= shown.length;
    queueLine.hidden = state.queue.length === 0;
    empty.hidden = state.queue.length > 0;
    setText(empty, t('speaker.queueEmpty'));
  });
  return el;
}
