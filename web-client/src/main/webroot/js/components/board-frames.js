// Clusters drawn as visible groups: one tinted frame around the cards of each cluster, labelled with its
// name, the number of its notes and their dots. The frames are measured from the laid-out cards once per
// animation frame (one layout read for the whole board), in a layer of the same size as the cards' layer.
// On the board the label is a handle: dragging it moves the whole cluster (board-drag.js).

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText, syncList } from './dom.js';
import { clusterHue } from './board-card.js';

const PAD_PX = 6;

/**
 * @param {HTMLElement} layer the frames' layer (same box as the cards' layer)
 * @param {{cardOf: (id: string) => (HTMLElement|undefined), handles: boolean}} options
 */
export function clusterFrames(layer, { cardOf, handles }) {
  let queued = false;
  let latest = null;

  function draw() {
    queued = false;
    if (!latest) return;
    const { state, notes } = latest;
    const members = new Map();
    for (const n of notes) {
      if (!n.clusterId || !state.clusters[n.clusterId]) continue;
      if (!members.has(n.clusterId)) members.set(n.clusterId, []);
      members.get(n.clusterId).push(n);
    }
    const shown = Object.values(state.clusters).filter((c) => members.has(c.id));
    // Read every box first, then write: one layout for the whole board.
    const boxes = new Map(shown.map((c) => {
      let left = Infinity;
      let top = Infinity;
      let right = -Infinity;
      let bottom = -Infinity;
      for (const n of members.get(c.id)) {
        const el = cardOf(n.id);
        if (!el) continue;
        left = Math.min(left, el.offsetLeft);
        top = Math.min(top, el.offsetTop);
        right = Math.max(right, el.offsetLeft + el.offsetWidth);
        bottom = Math.max(bottom, el.offsetTop + el.offsetHeight);
      }
      return [c.id, { left, top, right, bottom }];
    }));
    syncList(layer, shown, (c) => c.id, (c) => h('div', { class: 'cluster-frame', testid: 'cluster-frame', data: { clusterId: c.id } },
      h('span', { class: `cluster-frame-label${handles ? ' handle' : ''}`, data: { clusterId: c.id } })), (frame, c) => {
      const box = boxes.get(c.id);
      const visible = Number.isFinite(box.left);
      frame.hidden = !visible;
      if (!visible) return;
      frame.style.setProperty('--cluster-hue', String(clusterHue(c.id)));
      frame.style.setProperty('left', `${box.left - PAD_PX}px`);
      frame.style.setProperty('top', `${box.top - PAD_PX}px`);
      frame.style.setProperty('width', `${box.right - box.left + 2 * PAD_PX}px`);
      frame.style.setProperty('height', `${box.bottom - box.top + 2 * PAD_PX}px`);
      const list = members.get(c.id);
      const dots = list.reduce((sum, n) => sum + (n.totalDots || 0), 0);
      const label = `${c.name || t('board.cluster')} · ${t('ui.noteCount', { n: list.length })}${dots ? ` · ● ${dots}` : ''}`;
      setText(frame.firstChild, label);
      setAttr(frame, 'data-notes', String(list.length));
      setAttr(frame, 'data-dots', String(dots));
    });
  }

  return {
    /** Redraws the frames for these notes at the next animation frame. */
    update(state, notes) {
      latest = { state, notes };
      if (!queued) {
        queued = true;
        requestAnimationFrame(draw);
      }
    },
    /** Moves a cluster's frame with its cards while they are dragged (0, 0 puts it back). */
    shift(clusterId, dx, dy) {
      const frame = layer.querySelector(`.cluster-frame[data-cluster-id="${CSS.escape(clusterId)}"]`);
      if (!frame) return;
      if (dx || dy) frame.style.setProperty('transform', `translate(${dx}px, ${dy}px)`);
      else frame.style.removeProperty('transform');
    },
  };
}
