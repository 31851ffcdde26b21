// A tab list and its panels, after the WAI-ARIA "tabs with automatic activation" pattern: one
// <button role="tab"> per tab (data-testid tab-<id>, aria-selected, aria-controls), only the selected tab in
// the Tab order (roving tabindex), ←/→ (wrapping), Home and End move the focus and select; each panel is a
// role="tabpanel" (data-testid panel-<id>) labelled by its tab, focusable because it scrolls inside itself,
// and hidden unless selected. A tab may carry a badge (a dot, data-testid tab-badge) whose words are read
// out as part of the tab's name.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText, uid } from './dom.js';

/**
 * @param {object} ctx the room context (for re-rendering the labels on a locale change)
 * @param {{id: string, labelKey: string}[]} tabs in order
 * @param {{labelKey: string, selected?: string, onSelect?: (id: string, byUser: boolean) => void}} options
 *   labelKey: the name of the tab list; selected: the tab shown first; onSelect: after every change of tab
 * @returns {{bar: HTMLElement, panel: (id: string) => HTMLElement, select: (id: string, byUser?: boolean) => void,
 *   selected: () => string, setBadge: (id: string, descriptionKey: string|null, source?: string) => void}}
 *   setBadge: shows (or, with null, takes back) the badge a source puts on a tab, with the words read out
 */
export function createTabs(ctx, tabs, { labelKey, selected = tabs[0].id, onSelect = () => {} }) {
  const prefix = uid('tabs');
  const buttons = new Map();
  const panels = new Map();
  const badges = new Map(); // id → Map(source → description key): a tab shows a badge while any source sets one
  let current = tabs.some((tab) => tab.id === selected) ? selected : tabs[0].id;

  const bar = h('div', { class: 'tab-bar', testid: 'tab-bar', attrs: { role: 'tablist', 'aria-orientation': 'horizontal' } });
  for (const tab of tabs) {
    const label = h('span', { class: 'tab-label' });
    const badge = h('span', { class: 'tab-badge', testid: 'tab-badge', hidden: true }, h('span', { class: 'visually-hidden' }));
    const button = h('button', {
      type: 'button', class: 'tab', id: `${prefix}-${tab.id}`, testid: `tab-${tab.id}`,
      attrs: { role: 'tab', 'aria-controls': `${prefix}-${tab.id}-panel` },
      data: { tab: tab.id },
      on: { click: () => select(tab.id, true) },
    }, label, badge);
    buttons.set(tab.id, button);
    panels.set(tab.id, h('section', {
      class: `tab-panel tab-panel-${tab.id}`, id: `${prefix}-${tab.id}-panel`, testid: `panel-${tab.id}`,
      tabIndex: 0, attrs: { role: 'tabpanel', 'aria-labelledby': button.id },
    }));
    bar.append(button);
  }

  bar.addEventListener('keydown', (event) => {
    const ids = tabs.map((tab) => tab.id);
    const at = ids.indexOf(current);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(ids[(to + ids.length) % ids.length], true);
    buttons.get(current).focus();
  });

  function render() {
    for (const tab of tabs) {
      const button = buttons.get(tab.id);
      const on = tab.id === current;
      setAttr(button, 'aria-selected', String(on));
      button.tabIndex = on ? 0 : -1;
      panels.get(tab.id).hidden = !on;
      setText(button.querySelector('.tab-label'), t(tab.labelKey));
      const badge = button.querySelector('.tab-badge');
      const description = [...(badges.get(tab.id) || new Map()).values()][0];
      badge.hidden = !description;
      setText(badge.firstChild, description ? `, ${t(description)}` : '');
    }
    setAttr(bar, 'aria-label', t(labelKey));
  }

  function select(id, byUser = false) {
    if (!buttons.has(id)) return;
    current = id;
    render();
    onSelect(id, byUser);
  }

  ctx.watch((state, force) => {
    if (force) render();
  });
  render();

  return {
    bar,
    panel: (id) => panels.get(id),
    select,
    selected: () => current,
    setBadge(id, descriptionKey, source = 'default') {
      if (!badges.has(id)) badges.set(id, new Map());
      const of = badges.get(id);
      if ((of.get(source) || null) === (descriptionKey || null)) return;
      if (descriptionKey) of.set(source, descriptionKey);
      else of.delete(source);
      render();
    },
  };
}
