// The live board (full screen): the note form, the selection and cluster tools, the board's status, and
// the wall as a canvas (components/wall.js: drag, lanes, clusters as frames, the note menu). Grouping the
// selected notes makes a cluster and gathers its notes under the first one selected, so the cluster reads
// as one group and moves as one.

import { t } from '../i18n/i18n.js';
import { field, h, setAttr, setText, syncList } from '../components/dom.js';
import { clusterHue } from '../components/board-card.js';
import { createNoteForm, createWall } from '../components/wall.js';
import * as commands from '../model/commands.js';
import { gather } from '../model/board-layout.js';
import { lanesOf, meetingEnded } from '../model/selectors.js';

export function mountBoard(main, ctx) {
  const wall = createWall(ctx, { mode: 'board' });
  const form = createNoteForm(ctx, { compact: true });
  wall.onLaneChosen((lane) => form.chooseLane(lane));

  const sortButton = h('button', { type: 'button', class: 'secondary', testid: 'sort-votes', attrs: { 'aria-pressed': 'false' } });
  let sorted = false;
  sortButton.addEventListener('click', () => {
    sorted = !sorted;
    wall.setSorted(sorted);
    renderToolbar();
  });

  const selectMode = h('button', {
    type: 'button', class: 'secondary', testid: 'select-mode', attrs: { 'aria-pressed': 'false' },
    on: { click: () => wall.setSelecting(!wall.selecting()) },
  });
  const clusterName = h('input', { type: 'text', maxLength: 80, testid: 'cluster-name', autocomplete: 'off' });
  const clusterCreate = h('button', { type: 'submit', class: 'primary', testid: 'cluster-create' });
  const selectedInfo = h('span', { class: 'hint selected-info', testid: 'selected-count', attrs: { 'aria-live': 'polite' } });
  const clearSelection = h('button', { type: 'button', class: 'link', testid: 'select-clear', on: { click: () => wall.clearSelection() } });
  const clusterForm = h('form', { class: 'cluster-form', noValidate: true },
    field('', clusterName, { labelKey: 'board.clusterName' }), clusterCreate, selectedInfo, clearSelection);
  clusterForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const noteIds = selectedIds();
    if (noteIds.length === 0) {
      ctx.reportError({ code: 'INVALID_FIELD', message: t('boardCanvas.selectFirst') });
      return;
    }
    if (await group({ noteIds, name: clusterName.value.trim() })) clusterName.value = '';
  });

  const hint = h('p', { class: 'hint board-hint' });
  const clusters = h('ul', { class: 'cluster-list' });
  const status = h('p', { class: 'board-status', attrs: { role: 'status' } });

  const toolbar = h('div', { class: 'board-toolbar' },
    form,
    h('div', { class: 'board-tools' }, selectMode, clusterForm, sortButton),
    h('div', { class: 'board-info' }, status, hint, clusters));
  main.append(toolbar, h('div', { class: 'wall-scroller' }, wall.el));
  wall.onSelectionChange(renderToolbar);

  function selectedIds() {
    // In the order they were selected: the first one is where the cluster gathers.
    return [...wall.selection].filter((id) => ctx.state.notes[id]);
  }

  /** Groups notes, then gathers the ones that were elsewhere under the first. */
  async function group({ noteIds, name, clusterId }) {
    const reply = await ctx.send(commands.groupNotes({ noteIds, name, clusterId }));
    if (!reply.ok) return false;
    const state = ctx.state;
    const id = clusterId || (reply.result && reply.result.clusterId);
    const existing = Object.values(state.notes).filter((n) => n.clusterId === id && !noteIds.includes(n.id));
    const anchor = existing[0] || state.notes[noteIds[0]];
    if (!anchor) return true;
    const stack = [...existing.slice(1), ...noteIds.filter((n) => n !== anchor.id).map((n) => state.notes[n]).filter(Boolean)];
    const moves = gather(lanesOf(state), anchor, stack, wall.cardHeight()).filter((m) => noteIds.includes(m.noteId));
    for (const m of moves) ctx.send(commands.moveNote(m));
    wall.clearSelection();
    return true;
  }

  function renderToolbar() {
    const n = wall.selection.size;
    setText(selectedInfo, t('ui.selectedCount', { n }));
    clearSelection.hidden = n === 0;
    setText(clearSelection, t('ui.clearSelection'));
    setText(clusterCreate, t('ui.groupSelected'));
    setText(sortButton, sorted ? t('ui.sortByPlace') : t('ui.sortByVotes'));
    setAttr(sortButton, 'aria-pressed', String(sorted));
    setText(selectMode, t('boardCanvas.selectSeveral'));
    setAttr(selectMode, 'aria-pressed', String(wall.selecting()));
    for (const b of clusters.querySelectorAll('[data-testid=cluster-add]')) b.hidden = n === 0;
  }

  ctx.watch((state) => {
    const b = state.board;
    const parts = [t(`board.template.${b.template}`)];
    if (b.writingPhase) parts.push(`${t('ui.labelled', { label: t('board.privatePhase') })} ${t('ui.onlyYouUntilRevealed')}`);
    if (b.anonymous) parts.push(t('board.anonymous'));
    if (b.dotLimit > 0) {
      const used = Object.values(state.notes).reduce((sum, n) => sum + ((n.dots || {})[ctx.me] || 0), 0);
      parts.push(t('board.dotsLeft', { n: Math.max(0, b.dotLimit - used) }));
    }
    setText(status, parts.join(' · '));
    status.classList.toggle('private', b.writingPhase);
    setText(hint, t('boardCanvas.hint'));
    const locked = !ctx.canAct() || meetingEnded(state);
    const counts = {};
    for (const note of Object.values(state.notes)) if (note.clusterId) counts[note.clusterId] = (counts[note.clusterId] || 0) + 1;
    syncList(clusters, Object.values(state.clusters), (c) => c.id, (c) => h('li', { class: 'cluster', testid: 'cluster', data: { clusterId: c.id } },
      h('span', { class: 'cluster-name' }),
      h('button', {
        type: 'button', class: 'small-button secondary', testid: 'cluster-add',
        on: { click: () => group({ noteIds: selectedIds(), clusterId: c.id }) },
      }),
      h('button', { type: 'button', class: 'small-button secondary', testid: 'cluster-ungroup', on: { click: () => ctx.send(commands.ungroup(c.id)) } })), (li, c) => {
      li.style.setProperty('--cluster-hue', String(clusterHue(c.id)));
      setText(li.querySelector('.cluster-name'), `${c.name || t('board.cluster')} (${counts[c.id] || 0})`);
      setText(li.querySelector('[data-testid=cluster-add]'), t('ui.addSelected'));
      setText(li.querySelector('[data-testid=cluster-ungroup]'), t('board.ungroup'));
      for (const button of li.querySelectorAll('button')) button.disabled = locked;
    });
    clusterName.disabled = locked;
    clusterCreate.disabled = locked;
    selectMode.disabled = locked;
    renderToolbar();
  });
}
