// Throttles the moves a drag sends: at most one per card every `intervalMs` (100 ms: ~10 a second), and the
// last position always wins. A position that comes too soon is kept as the card's pending move and sent
// when its turn comes, replaced by any newer one meanwhile; flush() (the drop) makes sure the last one goes
// out. The clock and the timer are given, so the rule is tested without a DOM or real time.

/**
 * @param {object} options
 * @param {(key: string, move: any) => void} options.send sends one move
 * @param {() => number} options.now milliseconds
 * @param {(fn: () => void, ms: number) => any} options.schedule like setTimeout
 * @param {(handle: any) => void} options.cancel like clearTimeout
 * @param {number} [options.intervalMs]
 */
export function createMoveThrottle({ send, now, schedule, cancel, intervalMs = 100 }) {
  const cards = new Map(); // key → {lastSent, pending, timer}

  function card(key) {
    let c = cards.get(key);
    if (!c) {
      c = { lastSent: -Infinity, pending: undefined, timer: null };
      cards.set(key, c);
    }
    return c;
  }

  function fire(key) {
    const c = cards.get(key);
    if (!c) return;
    c.timer = null;
    if (c.pending === undefined) return;
    const move = c.pending;
    c.pending = undefined;
    c.lastSent = now();
    send(key, move);
  }

  function later(key, c) {
    if (c.timer === null) c.timer = schedule(() => fire(key), Math.max(0, c.lastSent + intervalMs - now()));
  }

  return {
    /** A new position for a card: sent now if its last move is old enough, else when its turn comes. */
    push(key, move) {
      const c = card(key);
      c.pending = move;
      if (c.timer === null && now() - c.lastSent >= intervalMs) fire(key);
      else later(key, c);
    },
    /** The drag ended: the card's last position goes out (now, or at its turn if one was just sent). */
    flush(key) {
      const c = cards.get(key);
      if (c && c.pending !== undefined) {
        if (c.timer === null && now() - c.lastSent >= intervalMs) fire(key);
        else later(key, c);
      }
    },
    /** Whether a card still has a move waiting. */
    pending(key) {
      const c = cards.get(key);
      return Boolean(c && c.pending !== undefined);
    },
    /** Drops every waiting move and timer (the view goes away). */
    dispose() {
      for (const c of cards.values()) if (c.timer !== null) cancel(c.timer);
      cards.clear();
    },
  };
}
