// The shared screen's "what is on now": the current item with its kind, owner and expected output, and the
// meeting's goal; before the start and between items the meeting's title and what comes next instead.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText, syncList } from './dom.js';
import { currentItem, meetingEnded } from '../model/selectors.js';

/** How many of the coming items the screen lists when no item runs. */
const AGENDA_PREVIEW = 5;

export function createScreenItem(ctx) {
  const kicker = h('p', { class: 'kicker' });
  const title = h('h2', { class: 'current-title', testid: 'current-item-title' });
  const ownerLabel = h('span', { class: 'label' });
  const owner = h('span', { testid: 'current-item-owner', class: 'value' });
  const outputLabel = h('span', { class: 'label' });
  const output = h('span', { testid: 'current-item-output', class: 'value' });
  const details = h('div', { class: 'details' },
    h('p', { class: 'detail' }, ownerLabel, ' ', owner),
    h('p', { class: 'detail' }, outputLabel, ' ', output));
  const goal = h('p', { class: 'screen-goal' });
  const agenda = h('ol', { class: 'screen-agenda' });
  const more = h('p', { class: 'screen-more' });
  const el = h('section', { class: 'screen-card screen-item' },
    kicker, title, details, goal, agenda, more);

  ctx.watch((state) => {
    const item = currentItem(state);
    const ended = meetingEnded(state);
    const scheduled = Boolean(state.meeting && state.meeting.status === 'scheduled');
    setAttr(el, 'aria-label', t('agenda.currentItem'));
    el.dataset.itemId = item ? item.id : '';
    el.dataset.kind = item ? item.kind : '';
    if (item) {
      const index = state.agenda.indexOf(item);
      setText(kicker, `${t('agenda.currentItem')} · ${index + 1} / ${state.agenda.length} · ${t(`itemKind.${item.kind}`)}`);
      setText(title, item.title);
    } else {
      setText(kicker, ended ? t('meetingStatus.ended') : scheduled ? t('screen.startingSoon') : t('screen.betweenItems'));
      setText(title, ended ? t('ui.meetingOver') : state.meeting ? state.meeting.title : t('ui.noCurrentItem'));
    }
    // An item without an owner or an expected output shows no empty "Owner: —" line.
    setText(ownerLabel, t('ui.labelled', { label: t('agenda.owner') }));
    setText(outputLabel, t('ui.labelled', { label: t('agenda.expectedOutput') }));
    setText(owner, item && item.owner ? item.owner : '');
    setText(output, item && item.expectedOutput ? item.expectedOutput : '');
    owner.parentElement.hidden = !(item && item.owner);
    output.parentElement.hidden = !(item && item.expectedOutput);
    setText(goal, state.meeting && state.meeting.goal ? `${t('ui.labelled', { label: t('meeting.goal') })} ${state.meeting.goal}` : '');
    goal.hidden = !goal.textContent;

    const coming = item || ended ? [] : (state.agenda || []).filter((i) => i.status === 'pending' || i.status === 'deferred');
    const shown = coming.slice(0, AGENDA_PREVIEW);
    syncList(agenda, shown, (i) => i.id, () => h('li', {}, h('span', { class: 'agenda-title' }), h('span', { class: 'agenda-meta' })), (li, i) => {
      setText(li.firstChild, i.title);
      setText(li.lastChild, `${t(`itemKind.${i.kind}`)} · ${t('ui.minutes', { n: Math.round(i.timeboxSeconds / 60) })}`);
    });
    agenda.hidden = shown.length === 0;
    setText(more, t('screen.more', { n: coming.length - shown.length }));
    more.hidden = coming.length <= shown.length;
  });
  return el;
}
