// The rating card shown to an attendee after a meeting (PROTOCOL.md §15): five large tap targets (1–5, star
// and label), an optional suggestion with a note that it is anonymous, Send, and afterwards "thanks, you can
// change your rating". The same card serves the room's participant view and a series member's page: it is
// given how to send a rating and how to read one's own, and keeps its state (choice, typed text, sent score)
// itself, so a page that re-renders can put the same element back. render() re-writes its words (locale).

import { errorMessage, t } from '../i18n/i18n.js';
import { h, setText, uid } from './dom.js';

export const SUGGESTION_CHARS = 1000;
const SCORES = [1, 2, 3, 4, 5];

/**
 * @param {{submit: (score: number, suggestion: string|null) => Promise<{score: number, suggested: boolean}>,
 *   loadOwn: () => Promise<number|null>, testid?: string}} options
 * @returns {{el: HTMLElement, render: () => void, load: () => Promise<void>}}
 */
export function createRatingCard({ submit, loadOwn, testid = 'rating-card' }) {
  const state = { choice: null, sent: null, suggested: false, busy: false, error: null, loaded: false };
  const headingId = uid('rating');
  const noteId = uid('rating-note');
  const textId = uid('rating-text');
  const heading = h('h2', { class: 'card-heading', id: headingId });
  const question = h('p', { class: 'rating-question', id: uid('rating-q') });
  const buttons = SCORES.map((n) => {
    const star = h('span', { class: 'rating-star', attrs: { 'aria-hidden': 'true' } }, '★');
    const number = h('span', { class: 'rating-number' }, String(n));
    const label = h('span', { class: 'rating-label' });
    return h('button', { type: 'button', class: 'rating-score', testid: `rating-${n}`,
      attrs: { role: 'radio', 'aria-checked': 'false' },
      on: { click: () => { state.choice = n; state.error = null; render(); } } }, star, number, label);
  });
  const scores = h('div', { class: 'rating-scores', attrs: { role: 'radiogroup', 'aria-labelledby': question.id } }, ...buttons);
  const textLabel = h('label', { htmlFor: textId });
  const textarea = h('textarea', { id: textId, rows: 3, maxLength: SUGGESTION_CHARS, testid: 'rating-suggestion',
    attrs: { 'aria-describedby': noteId }, on: { input: () => render() } });
  const note = h('p', { class: 'rating-anonymous small', id: noteId, testid: 'rating-anonymous' });
  const count = h('span', { class: 'rating-count small', attrs: { 'aria-hidden': 'true' } });
  const send = h('button', { type: 'submit', class: 'primary big-button', testid: 'rating-send' });
  const status = h('p', { class: 'rating-status', testid: 'rating-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const error = h('p', { class: 'rating-error', testid: 'rating-error', attrs: { role: 'alert' } });
  const form = h('form', { class: 'rating-form', noValidate: true, on: { submit: (e) => { e.preventDefault(); go(); } } },
    question, scores, h('div', { class: 'field' }, textLabel, textarea, count), note,
    send, status, error);
  const el = h('section', { class: 'card rating-card', testid, attrs: { 'aria-labelledby': headingId } }, heading, form);

  async function go() {
    if (state.busy) return;
    if (!state.choice) { state.error = t('rating.pickScore'); render(); return; }
    state.busy = true;
    state.error = null;
    render();
    try {
      const text = textarea.value.trim();
      const answer = await submit(state.choice, text || null);
      state.sent = answer.score;
      state.suggested = Boolean(answer.suggested);
      textarea.value = '';
    } catch (e) {
      state.error = errorMessage(e);
    } finally {
      state.busy = false;
      render();
    }
  }

  async function load() {
    if (state.loaded) return;
    state.loaded = true;
    try {
      const own = await loadOwn();
      if (own && !state.sent) {
        state.sent = own;
        if (!state.choice) state.choice = own;
      }
    } catch {
      // not known: the card asks as if nothing were sent
    }
    render();
  }

  function render() {
    setText(heading, t('rating.title'));
    setText(question, t('rating.question'));
    buttons.forEach((b, i) => {
      const n = SCORES[i];
      setText(b.querySelector('.rating-label'), t(`rating.score.${n}`));
      b.setAttribute('aria-checked', state.choice === n ? 'true' : 'false');
      b.setAttribute('aria-label', t('rating.scoreAria', { n, label: t(`rating.score.${n}`) }));
      b.classList.toggle('chosen', state.choice !== null && n <= state.choice);
      b.disabled = state.busy;
    });
    setText(textLabel, t('rating.suggestion'));
    setText(note, t('rating.anonymous'));
    setText(count, `${textarea.value.length} / ${SUGGESTION_CHARS}`);
    send.disabled = state.busy;
    setText(send, state.busy ? t('rating.sending') : state.sent ? t('rating.change') : t('rating.send'));
    const lines = state.sent
      ? [t('rating.thanks', { n: state.sent }), state.suggested ? t('rating.suggestionSent') : null, t('rating.canChange')]
        .filter(Boolean) : [];
    if (status.textContent !== lines.join('')) status.replaceChildren(...lines.map((line) => h('span', { class: 'line' }, line)));
    status.hidden = lines.length === 0;
    setText(error, state.error || '');
    error.hidden = !state.error;
    el.dataset.rated = state.sent ? String(state.sent) : '';
  }

  render();
  return { el, render, load };
}
