// Small DOM helpers for the room views. Plain ES module, no dependencies.
//
// Every piece of text goes into the page as a Text node or through textContent: nothing here parses HTML,
// so a note that reads "<script>" is shown as those characters.

/**
 * Creates an element.
 *   h('button', {class: 'primary', testid: 'raise-hand', type: 'button', on: {click}}, 'Raise hand')
 * props: class, testid (→ data-testid), text (textContent), data ({key: value} → data-key), attrs
 * ({name: value}; null/false leave the attribute out), on ({event: listener}), style ({prop: value}, set
 * through the CSSOM, which the page's Content-Security-Policy allows), and any other key is set as a
 * property (id, type, value, hidden, disabled, htmlFor, checked, …). Children: strings and numbers become
 * text nodes; null, undefined and false are skipped; arrays are flattened.
 * @param {string} tag
 * @param {object} [props]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'data') {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.dataset[k] = String(v);
    } else if (key === 'attrs') {
      for (const [k, v] of Object.entries(value)) {
        if (v === null || v === false || v === undefined) continue;
        el.setAttribute(k, v === true ? '' : String(v));
      }
    } else if (key === 'on') {
      for (const [event, listener] of Object.entries(value)) el.addEventListener(event, listener);
    } else if (key === 'style') {
      for (const [k, v] of Object.entries(value)) el.style.setProperty(k, String(v));
    } else {
      el[key] = value;
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.append(child);
    else el.append(document.createTextNode(String(child)));
  }
}

/** Replaces the text of an element only when it differs (keeps selections and screen readers calm). */
export function setText(el, text) {
  const value = text === null || text === undefined ? '' : String(text);
  if (el.textContent !== value) el.textContent = value;
}

/** Sets (or removes, for null/undefined/false) an attribute only when it changes. */
export function setAttr(el, name, value) {
  if (value === null || value === undefined || value === false) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const v = value === true ? '' : String(value);
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

/**
 * Keeps the children of `container` in step with `items` without rebuilding them: one element per key,
 * made once by create(item) and refreshed by update(el, item) on every call, in the order of `items`.
 * Elements of keys no longer present are removed. Focus inside the container survives reordering.
 * @template T
 * @param {HTMLElement} container
 * @param {T[]} items
 * @param {(item: T) => string} key
 * @param {(item: T) => HTMLElement} create
 * @param {(el: HTMLElement, item: T) => void} [update]
 */
export function syncList(container, items, key, create, update = () => {}) {
  const active = document.activeElement;
  const hadFocus = active && container.contains(active) ? active : null;
  const old = container._keyed || new Map();
  const next = new Map();
  items.forEach((item, index) => {
    const k = key(item);
    let el = old.get(k);
    if (!el) el = create(item);
    update(el, item);
    next.set(k, el);
    const at = container.children[index];
    if (at !== el) container.insertBefore(el, at || null);
  });
  for (const [k, el] of old) if (!next.has(k)) el.remove();
  // Anything else (e.g. a placeholder) after the keyed elements goes away too.
  while (container.children.length > items.length) container.lastElementChild.remove();
  container._keyed = next;
  if (hadFocus && hadFocus.isConnected && document.activeElement !== hadFocus) hadFocus.focus({ preventScroll: true });
}

/** A <label> + control pair in a .field wrapper. */
export function field(labelText, control, { hint = null, labelKey = null } = {}) {
  if (!control.id) control.id = uid('f');
  const label = h('label', { htmlFor: control.id }, labelText);
  if (labelKey) label.dataset.i18n = labelKey;
  return h('div', { class: 'field' }, label, control, hint ? h('p', { class: 'hint' }, hint) : null);
}

let counter = 0;
/** A page-unique id for label/aria wiring. */
export function uid(prefix = 'id') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** <select> with options [{value, label}] and the selected value. */
export function select(options, value, props = {}) {
  const el = h('select', props);
  setOptions(el, options, value);
  return el;
}

/** Replaces a <select>'s options; selects `fallback` unless the user chose an option that still exists. */
export function setOptions(el, options, fallback) {
  const keep = el.value;
  const signature = JSON.stringify(options.map((o) => [o.value, o.label]));
  if (el._signature !== signature) {
    el.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
    el._signature = signature;
  }
  if (!el._watched) {
    // A choice the user made is kept across re-renders; until then the select follows `fallback`.
    el._watched = true;
    el.addEventListener('change', () => {
      el._touched = true;
    });
  }
  const wanted = el._touched && options.some((o) => o.value === keep) ? keep : fallback;
  if (wanted !== undefined && wanted !== null && el.value !== String(wanted)) el.value = String(wanted);
}

/** A titled card: <section class="card"><h2 data-i18n=headingKey>…</h2>…children</section>. */
export function card(headingKey, props = {}, ...children) {
  const id = uid('card');
  const heading = h('h2', { class: 'card-heading', id, data: { i18n: headingKey } });
  return h('section', { ...props, class: `card ${props.class || ''}`.trim(), attrs: { 'aria-labelledby': id, ...(props.attrs || {}) } },
    heading, ...children);
}

/**
 * Marks an element as showing user data (a name, a meeting title, a note: text people typed), not UI text, so
 * the check that fails on untranslated UI text (server test support Untranslated) leaves it out. Returns el.
 */
export function markUserText(el) {
  el.dataset.userText = '';
  return el;
}
