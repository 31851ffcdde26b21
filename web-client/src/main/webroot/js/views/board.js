// The live board (full screen): the sticky-note wall with lanes for the templates, drag to move, dot votes,
// colours, clusters made from selected notes, and a "by votes" order.

import { t } from '../i18n/i18n.js';
import { field, h, setAttr, setText, syncList } from '../components/dom.js';
import { createNoteForm, createWall } from '../components/wall.js';
import * as commands from '../model/commands.js';
import { meetingEnded } from '../model/selectors.js';

export function mountBoard(main, ctx) {
  const wall = createWall(ctx, { interactive: true });
  const form = createNoteForm(ctx, { compact: true });

  const sortButton = h('button', { type: 'button', class: 'secondary', testid: 'sort-votes', attrs: { 'aria-pressed': 'false' } });
  let sorted = false;
  sortButton.addEventListener('click', () => {
    sorted = !sorted;
    wall.setSorted(sorted);
    renderToolbar();
  });

  const clusterName = h('input', { type: 'text', maxLength: 80, testid: 'cluster-name', autocomplete: 'off' });
  const clusterCreate = h('button', { type: 'submit', class: 'primary', testid: 'cluster-create' });
  const selectedInfo = h('span', { class: 'hint selected-info', attrs: { 'aria-live': 'polite' } });
  const clearSelection = h('button', { type: 'button', class: 'link', testid: 'select-clear' });
  clearSelection.addEventListener('click', () => {
    wall.selection.clear();
    wall.render();
    renderToolbar();
  });
  const clusterForm = h('form', { class: 'cluster-form', noValidate: true },
    field('', clusterName, { labelKey: 'board.clusterName' }), clusterCreate, selectedInfo, clearSelection);
  clusterForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const noteIds = [...wall.selection].filter((id) => ctx.state.notes[id]);
    if (noteIds.length === 0) {
      ctx.reportError({ code: 'INVALID_FIELD', message: t('ui.selectNotesFirst') });
      return;
    }
    const reply = await ctx.send(commands.groupNotes({ noteIds, name: clusterName.value.trim() }));
    if (reply.ok) {
      clusterName.value = '';
      wall.selection.clear();
      wall.render();
      renderToolbar();
    }
  });

  const clusters = h('ul', { class: 'cluster-list' });
  const status = h('p', { class: 'board-status', attrs: { role: 'status' } });

  const toolbar = h('div', { class: 'board-toolbar' },
    form,
    h('div', { class: 'board-tools' }, clusterForm, sortButton),
    h('div', { class: 'board-info' }, status, clusters));
  main.append(toolbar, h('div', { class: 'wall-scroller' }, wall.el));

  // Selection changes come from the note checkboxes.
  wall.el.addEventListener('change', (event) => {
    if (event.target.matches('[data-testid=note-select]')) renderToolbar();
  });

  function renderToolbar() {
    const n = wall.selection.size;
    setText(selectedInfo, t('ui.selectedCount', { n }));
    clearSelection.hidden = n === 0;
    setText(clearSelection, t('ui.clearSelection'));
    setText(clusterCreate, t('ui.groupSelected'));
    setText(sortButton, sorted ? t('ui.sortByPlace') : t('ui.sortByVotes'));
    setAttr(sortButton, 'aria-pressed', String(sorted));
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
    const counts = {};
    for (const note of Object.values(state.notes)) if (note.clusterId) counts[note.clusterId] = (counts[note.clusterId] || 0) + 1;
    syncList(clusters, Object.values(state.clusters), (c) => c.id, (c) => h('li', { class: 'cluster', testid: 'cluster', data: { clusterId: c.id } },
      h('span', { class: 'cluster-name' }),
      h('button', {
        type: 'button', class: 'small-button secondary', testid: 'cluster-add',
        on: {
          click: () => {
            const noteIds = [...wall.selection].filter((id) => ctx.state.notes[id]);
            if (!noteIds.length) ctx.reportError({ code: 'INVALID_FIELD', message: t('ui.selectNotesFirst') });
            else ctx.send(commands.groupNotes({ noteIds, clusterId: c.id })).then((r) => {
              if (r.ok) {
                wall.selection.clear();
                wall.render();
                renderToolbar();
              }
            });
          },
        },
      }),
      h('button', { type: 'button', class: 'small-button secondary', testid: 'cluster-ungroup', on: { click: () => ctx.send(commands.ungroup(c.id)) } })), (li, c) => {
      li.style.setProperty('--cluster-hue', String(hueOf(c.id)));
      setText(li.querySelector('.cluster-name'), `${c.name || t('board.cluster')} (${counts[c.id] || 0})`);
      setText(li.querySelector('[data-testid=cluster-add]'), t('ui.addSelected'));
      setText(li.querySelector('[data-testid=cluster-ungroup]'), t('board.ungroup'));
      const locked = !ctx.canAct() || meetingEnded(state);
      for (const b2 of li.querySelectorAll('button')) b2.disabled = locked;
    });
    const locked = !ctx.canAct() || meetingEnded(state);
    clusterName.disabled = locked;
    clusterCreate.disabled = locked;
    renderToolbar();
  });
}

// Same hue as the notes of the cluster (wall.js).
function hueOf(id) {
  let n = 7;
  for (let i = 0; i < id.length; i++) n = (n * 37 + id.charCodeAt(i)) % 360;
  return n;
}
