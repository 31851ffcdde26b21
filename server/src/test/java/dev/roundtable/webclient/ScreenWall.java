package dev.roundtable.webclient;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;

/**
 * The note wall of a shared-screen page, measured in the browser: what its cards show and where they stand, so tests
 * can tell that nothing is cut off and that every note of the board is accounted for (on a card, inside a cluster's
 * card, or in a lane's "+N more on the board").
 */
final class ScreenWall {
  private ScreenWall() {
  }

  /** Notes on the board the wall accounts for: shown cards + notes of shown cluster cards + every "+N more". */
  static int accounted(Page page) {
    return ((Number) page.evaluate("""
        () => {
          const wall = document.querySelector('.wall-region [data-testid=wall]');
          let n = wall.querySelectorAll('[data-testid=note]').length;
          for (const c of wall.querySelectorAll('[data-testid=cluster-card]')) n += Number(c.dataset.notes);
          for (const m of wall.querySelectorAll('[data-testid=wall-more]')) n += Number(m.dataset.more);
          return n;
        }
        """)).intValue();
  }

  /** The count in "+N more on the board" of every lane, summed (0 when the wall shows every note). */
  static int more(Page page) {
    return ((Number) page.evaluate("() => [...document.querySelectorAll('.wall-region [data-testid=wall-more]')]"
        + ".reduce((s, m) => s + Number(m.dataset.more), 0)")).intValue();
  }

  /**
   * What is cut off or hidden: a card, cluster card or "+N more" line not wholly inside the wall's region, a card
   * whose text or dots line goes past its bottom edge, text cut without an ellipsis, or two cards covering each other.
   */
  @SuppressWarnings("unchecked")
  static List<String> cutOff(Page page) {
    return (List<String>) page.evaluate("""
        () => {
          const out = [];
          const region = document.querySelector('.wall-region').getBoundingClientRect();
          const items = [...document.querySelectorAll('.wall-region .screen-placed')];
          const name = (el) => `${el.dataset.testid} ${el.dataset.noteId || el.dataset.clusterId || el.dataset.lane || ''}`;
          const boxes = items.map((el) => [el, el.getBoundingClientRect()]);
          for (const [el, r] of boxes) {
            if (r.width < 10 || r.height < 10) out.push(`${name(el)} is only ${r.width}x${r.height}`);
            if (r.left < region.left - 0.5 || r.top < region.top - 0.5 || r.right > region.right + 0.5 || r.bottom > region.bottom + 0.5) {
              out.push(`${name(el)} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)} leaves the region ${Math.round(region.left)},${Math.round(region.top)}-${Math.round(region.right)},${Math.round(region.bottom)}`);
            }
            for (const part of el.querySelectorAll('.note-text, .note-meta')) {
              if (part.hidden || part.closest('[hidden]')) continue;
              const p = part.getBoundingClientRect();
              if (p.bottom > r.bottom + 0.5) out.push(`the ${part.className} of ${name(el)} ends ${Math.round(p.bottom - r.bottom)} px below its card`);
              const s = getComputedStyle(part);
              const clamped = s.webkitLineClamp !== 'none' || s.textOverflow === 'ellipsis';
              if (!clamped && (part.scrollHeight > part.clientHeight + 1 || part.scrollWidth > part.clientWidth + 1)) {
                out.push(`the ${part.className} of ${name(el)} is cut without an ellipsis`);
              }
            }
          }
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i][1];
              const b = boxes[j][1];
              if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
                out.push(`${name(boxes[i][0])} and ${name(boxes[j][0])} cover each other`);
              }
            }
          }
          return out;
        }
        """);
  }

  /**
   * Where a page's wall draws each note: the lane whose column holds the card's centre, and the card's top and left
   * in the wall (fractions of the notes' layer), by note id.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> places(Page page) {
    return (Map<String, Map<String, Object>>) page.evaluate("""
        () => {
          const out = {};
          const wall = document.querySelector('[data-testid=wall]');
          const layer = wall.querySelector('.wall-notes').getBoundingClientRect();
          const lanes = [...wall.querySelectorAll('[data-testid=lane]')].map((l) => [l.dataset.lane, l.getBoundingClientRect()]);
          for (const card of wall.querySelectorAll('[data-testid=note]')) {
            const r = card.getBoundingClientRect();
            const cx = r.left + r.width / 2;
            const lane = lanes.find(([, b]) => cx >= b.left && cx < b.right);
            out[card.dataset.noteId] = { lane: lane ? lane[0] : '', top: (r.top - layer.top) / layer.height,
              left: (r.left - layer.left) / layer.width, layout: card.dataset.layout || 'board' };
          }
          return out;
        }
        """);
  }
}
