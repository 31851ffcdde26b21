// Which tab of the phone view the meeting asks for, and when. The meeting's focus is what it is doing: the
// current item, the latest open motion, whether it has ended. The phone follows a focus that STARTS something
// (a new item, a motion opened, the end of the meeting) and otherwise leaves the participant on the tab they
// chose: a motion that closes or an item that completes does not pull anyone away from what they read.
// The tab and the focus it was chosen under are kept per room and participant, so a reload comes back to the
// chosen tab unless the meeting moved on meanwhile.

import { latestOpenMotion } from './motions.js';
import { loadSaved, save } from './saved.js';
import { currentItem, meetingEnded } from '../model/selectors.js';

/** @returns {{item: string|null, kind: string|null, motion: string|null, ended: boolean}} */
export function meetingFocus(state) {
  const item = currentItem(state);
  const motion = latestOpenMotion(state);
  return { item: item ? item.id : null, kind: item ? item.kind : null, motion: motion ? motion.id : null, ended: meetingEnded(state) };
}

/** The tab a focus asks for. */
export function tabFor(focus) {
  if (focus.ended) return 'minutes';
  if (focus.motion) return 'vote';
  if (focus.kind === 'open_discussion') return 'board';
  return 'now';
}

/** Whether going from focus `before` (null: not known) to `after` starts something the phone should show. */
export function startsSomething(before, after) {
  if (!before) return true;
  if (after.ended && !before.ended) return true;
  if (after.motion && after.motion !== before.motion) return true;
  return Boolean(after.item && after.item !== before.item);
}

/** Whether the person is typing: a text field of the page has the focus (a tab switch would take it away). */
function typing() {
  const el = globalThis.document && document.activeElement;
  return Boolean(el && (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(el.type))));
}

/**
 * Keeps `tabs` (createTabs) on what the meeting does, and remembers the chosen tab.
 * @param {object} ctx
 * @param {ReturnType<import('./tab-bar.js').createTabs>} tabs
 * @returns {{chosen: (id: string) => void}} chosen: call when the person selects a tab
 */
export function followMeeting(ctx, tabs) {
  const key = `roundtable.phoneTab.${ctx.roomId}.${ctx.me}`;
  const stored = loadSaved(key, null);
  let focus = null; // the last focus seen, once the room is loaded
  let waiting = null; // a tab the meeting asked for while the person was typing: badged until visited

  if (stored && typeof stored.tab === 'string') tabs.select(stored.tab);

  function remember() {
    save(key, { tab: tabs.selected(), focus });
  }

  ctx.watch((state) => {
    if (!ctx.loaded) return;
    const next = meetingFocus(state);
    const before = focus || (stored && stored.focus) || null;
    const first = focus === null;
    focus = next;
    if (startsSomething(before, next) || (first && !stored)) {
      const tab = tabFor(next);
      if (waiting) tabs.setBadge(waiting, null, 'meeting');
      waiting = null;
      if (!first && typing() && tab !== tabs.selected()) {
        waiting = tab;
        tabs.setBadge(tab, 'phone.badge.new', 'meeting');
      } else {
        tabs.select(tab);
      }
    }
    remember();
  });

  return {
    chosen(id) {
      if (id === waiting) {
        waiting = null;
        tabs.setBadge(id, null, 'meeting');
      }
      if (focus) remember();
    },
  };
}
