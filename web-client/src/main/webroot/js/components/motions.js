// Motions: the live result as a bar chart (or "5 of 8 have voted" while the results are hidden), the
// explanation in words of why a closed motion passed or failed (the server's rule, VoteCommands.outcome(),
// restated for people: docs/PROTOCOL.md §9.10), and the voting buttons of a participant. Every view that
// shows a motion or a decision recorded by one says it through these functions, in the viewer's language.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText } from './dom.js';
import * as commands from '../model/commands.js';
import { currentItemId, meetingEnded } from '../model/selectors.js';
import { CHOICES } from '../model/vocabulary.js';

/** How long a closed motion's result stays on the screen (server time, so every screen agrees). */
export const SHOW_CLOSED_MS = 60 * 1000;

/** The motions of a state, in opening order. */
export function motionList(state) {
  return Object.values(state.motions || {});
}

/** The most recently opened motion that is still open, or null. */
export function latestOpenMotion(state) {
  const open = motionList(state).filter((m) => m.open);
  return open.length ? open[open.length - 1] : null;
}

/**
 * Whether a closed motion's result still belongs on the screen at server time `now`: for SHOW_CLOSED_MS
 * after the close, and only while the meeting goes on where it was: it gives way once the meeting ended,
 * once an item was completed after the close, or once another item than the motion's own is current.
 */
export function closedResultShowing(state, motion, now) {
  if (motion.open || !motion.closedAt || now - motion.closedAt >= SHOW_CLOSED_MS) return false;
  if (meetingEnded(state)) return false;
  if ((state.agenda || []).some((i) => i.completedAt && i.completedAt >= motion.closedAt)) return false;
  const current = currentItemId(state);
  return !(motion.itemId && current && current !== motion.itemId);
}

/** What the shared screen shows: the latest open motion, else the last closed one whose result still shows. */
export function motionForScreen(state, now) {
  const open = latestOpenMotion(state);
  if (open && !meetingEnded(state)) return open;
  const closed = motionList(state).filter((m) => closedResultShowing(state, m, now));
  return closed.reduce((last, m) => (!last || m.closedAt >= last.closedAt ? m : last), null);
}

/** Who may vote now: the participants online who are not screens (the facilitator included), as the server counts `present`. */
export function eligibleVoters(state) {
  return Object.values((state && state.participants) || {})
    .filter((p) => p.role !== 'screen' && (p.connections || []).length > 0).length;
}

/**
 * How many have voted, of how many may: "5 of 8 have voted". Once closed the base is the server's `present`
 * at the close; while open it is who may vote now (never fewer than have voted). Without a state, "5 have voted".
 */
export function votedText(m, state = null) {
  const n = (m.tally && m.tally.voters) || 0;
  let total = null;
  if (!m.open && typeof m.present === 'number') total = m.present;
  else if (state) total = eligibleVoters(state);
  if (total === null) return t('vote.votedCount', { n });
  return t('vote.votedOf', { n, total: Math.max(total, n) });
}

/** The agree votes a closed motion needed to pass under its rule (VoteCommands.outcome()). */
export function agreeNeeded(m) {
  const voters = (m.tally && m.tally.voters) || 0;
  switch (m.rule) {
    case 'majority_of_present': return Math.floor((m.present || 0) / 2) + 1;
    case 'at_least_n': return m.threshold;
    default: return Math.floor(voters / 2) + 1;
  }
}

/**
 * Why a closed motion passed or failed, in words, exactly by the server's rule: no quorum when fewer voted
 * than the quorum; else simple majority: agree × 2 > votes cast (neutral counts as cast); majority of
 * present: agree × 2 > present at the close; at least N: agree ≥ threshold. Empty for an open motion.
 */
export function outcomeExplanation(m) {
  if (!m || m.open || !m.outcome) return '';
  const tally = m.tally || {};
  const voters = tally.voters || 0;
  const agree = tally.agree || 0;
  if (m.outcome === 'no_quorum') return t('vote.why.no_quorum', { n: voters, quorum: m.quorum });
  const need = agreeNeeded(m);
  const n = m.rule === 'majority_of_present' ? m.present || 0 : voters;
  const why = t(`vote.why.${m.rule}`, { n, agree, need });
  return m.quorum ? t('vote.why.withQuorum', { why, quorum: m.quorum }) : why;
}

/**
 * The text of a decision in the viewer's language: a decision recorded by a motion is told from the
 * motion's outcome and tally (the server's English sentence is only the fallback); others as written.
 */
export function decisionText(state, d) {
  const m = d.decidedBy === 'motion' && d.motionId ? (state.motions || {})[d.motionId] : null;
  if (!m || m.open || !m.outcome) return d.text;
  const tally = m.tally || {};
  return t('vote.decisionText', {
    text: m.text, outcome: t(`vote.outcome.${m.outcome}`), agree: tally.agree || 0, oppose: tally.oppose || 0,
    neutral: tally.neutral || 0, why: outcomeExplanation(m),
  });
}

/** Whether only the number of voters of a motion is known (hidden results while open). */
export function resultsHidden(motion) {
  return motion.open && (motion.hiddenResults || motion.tally.agree === undefined);
}

function ruleText(m) {
  const rule = t(`vote.rule.${m.rule}`);
  const parts = [m.rule === 'at_least_n' ? `${rule} (${m.threshold})` : rule];
  if (m.quorum) parts.push(`${t('ui.labelled', { label: t('vote.quorum') })} ${m.quorum}`);
  if (m.anonymous) parts.push(t('vote.anonymous'));
  if (m.hiddenResults) parts.push(t('vote.hiddenResults'));
  return parts.join(' · ');
}

/**
 * A motion's result: bars for agree / oppose / neutral with counts, or "5 of 8 have voted" while hidden,
 * and once closed the outcome with why (data-testid vote-why). The element is rebuilt by
 * update(motion, state); with testids (the screen) it carries data-testid="vote-result" and data-motion-id,
 * data-agree, data-oppose, data-neutral, data-voters, data-outcome (when closed), or
 * data-testid="vote-hidden" while the results are hidden.
 */
export function createMotionResult({ testids = true } = {}) {
  const el = h('div', { class: 'motion-result' });
  const text = h('p', { class: 'motion-text' });
  const meta = h('p', { class: 'motion-meta' });
  const bars = h('div', { class: 'bars' });
  const rows = {};
  for (const choice of CHOICES) {
    const label = h('span', { class: 'bar-label' });
    const fillEl = h('span', { class: `bar-fill bar-${choice}` });
    const count = h('span', { class: 'bar-count' });
    rows[choice] = { label, fillEl, count };
    bars.append(h('div', { class: 'bar-row' }, label, h('span', { class: 'bar-track', attrs: { 'aria-hidden': 'true' } }, fillEl), count));
  }
  const hiddenLine = h('p', { class: 'motion-hidden' });
  const footer = h('p', { class: 'motion-footer' });
  const why = h('p', { class: 'motion-why', testid: 'vote-why' });
  el.append(text, meta, bars, hiddenLine, footer, why);

  function update(m, state = null) {
    el.hidden = !m;
    if (!m) {
      // A result that gave way leaves no vote-result / vote-hidden element behind.
      if (testids) delete el.dataset.testid;
      return;
    }
    setText(text, m.text);
    setText(meta, ruleText(m));
    const hidden = resultsHidden(m);
    const tally = m.tally || {};
    const voters = tally.voters || 0;
    el.dataset.motionId = m.id;
    el.classList.toggle('is-hidden', hidden);
    el.classList.toggle('is-open', m.open);
    if (testids) {
      el.dataset.testid = hidden ? 'vote-hidden' : 'vote-result';
      for (const choice of CHOICES) {
        setAttr(el, `data-${choice}`, hidden ? null : String(tally[choice] || 0));
      }
      setAttr(el, 'data-voters', String(voters));
      setAttr(el, 'data-outcome', m.open ? null : m.outcome || null);
    }
    bars.hidden = hidden;
    hiddenLine.hidden = !hidden;
    if (hidden) {
      setText(hiddenLine, votedText(m, state));
    } else {
      const max = Math.max(1, ...CHOICES.map((c) => tally[c] || 0));
      for (const choice of CHOICES) {
        const n = tally[choice] || 0;
        setText(rows[choice].label, t(`vote.${choice}`));
        setText(rows[choice].count, String(n));
        rows[choice].fillEl.style.setProperty('width', `${((n / max) * 100).toFixed(1)}%`);
      }
    }
    // While hidden the big line already says how many voted; the footer does not repeat it.
    const parts = [m.open ? t('vote.open') : t(`vote.outcome.${m.outcome}`)];
    if (!hidden) parts.push(votedText(m, state));
    setText(footer, parts.join(' · '));
    footer.dataset.outcome = m.open ? 'open' : m.outcome || '';
    setText(why, outcomeExplanation(m));
    why.hidden = m.open;
  }

  return { el, update };
}

/**
 * The voting buttons for the most recent open motion: data-testid vote-agree / vote-oppose / vote-neutral,
 * the own choice marked with aria-pressed and a highlight.
 */
export function createVotePanel(ctx) {
  const text = h('p', { class: 'motion-text' });
  const meta = h('p', { class: 'motion-meta' });
  const buttons = {};
  const row = h('div', { class: 'vote-buttons', attrs: { role: 'group' } });
  for (const choice of CHOICES) {
    buttons[choice] = h('button', {
      type: 'button', class: `vote-button vote-${choice}`, testid: `vote-${choice}`,
      attrs: { 'aria-pressed': 'false' },
      on: { click: () => vote(choice) },
    });
    row.append(buttons[choice]);
  }
  const mine = h('p', { class: 'vote-mine', attrs: { 'aria-live': 'polite' } });
  const result = createMotionResult({ testids: false });
  const none = h('p', { class: 'empty' });
  const el = h('div', { class: 'vote-panel' }, none, text, meta, row, mine, result.el);
  let current = null;

  function vote(choice) {
    if (!current) return;
    ctx.send(commands.castVote(current.id, choice));
  }

  ctx.watch((state) => {
    const m = latestOpenMotion(state);
    current = m;
    none.hidden = Boolean(m);
    setText(none, t('ui.noOpenMotion'));
    for (const node of [text, meta, row, mine]) node.hidden = !m;
    if (!m) {
      // the last closed motion's result stays visible under the buttons
      const list = motionList(state);
      const last = list.length ? list[list.length - 1] : null;
      result.update(last && !last.open ? last : null, state);
      return;
    }
    setText(text, m.text);
    setText(meta, ruleText(m));
    const own = (m.votes || {})[ctx.me] || null;
    row.dataset.motionId = m.id;
    for (const choice of CHOICES) {
      setText(buttons[choice], t(`vote.${choice}`));
      setAttr(buttons[choice], 'aria-pressed', String(own === choice));
      buttons[choice].classList.toggle('chosen', own === choice);
      buttons[choice].disabled = !ctx.canAct() || meetingEnded(state);
    }
    setText(mine, own ? t('vote.yourVote', { choice: t(`vote.${own}`) }) : t('ui.notVotedYet'));
    result.update(m, state);
  });
  return el;
}
