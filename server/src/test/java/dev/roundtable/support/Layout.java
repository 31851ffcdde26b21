package dev.roundtable.support;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;

/**
 * Layout measured in the browser, not guessed: what overflows the viewport, the smallest visible text, the
 * touch targets that are too small. Each returns human-readable findings (empty when the page is fine), so a
 * failing assertion says which element is wrong and by how much.
 */
public final class Layout {
  private Layout() {
  }

  /**
   * Visible elements whose box reaches outside the viewport, and the page itself if it scrolls. An element
   * clipped by a scrolling or clipping ancestor is not counted: it stays inside that ancestor's box.
   */
  public static List<String> overflowingViewport(Page page) {
    return overflowing(page, false);
  }

  /** Only what leaves the viewport sideways (the phone rule: nothing scrolls horizontally at 360 px). */
  public static List<String> horizontalOverflow(Page page) {
    return overflowing(page, true);
  }

  @SuppressWarnings("unchecked")
  private static List<String> overflowing(Page page, boolean horizontalOnly) {
    return (List<String>) page.evaluate("""
        (horizontalOnly) => {
          const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
          const out = [];
          const se = document.scrollingElement;
          if (se.scrollWidth > vw + 1) out.push(`page scrolls horizontally: ${se.scrollWidth} > ${vw}`);
          if (!horizontalOnly && se.scrollHeight > vh + 1) out.push(`page scrolls vertically: ${se.scrollHeight} > ${vh}`);
          const clippedByAncestor = (el) => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              const s = getComputedStyle(p);
              if (/(hidden|auto|scroll|clip)/.test(s.overflowX + ' ' + s.overflowY)) return true;
            }
            return false;
          };
          for (const el of document.body.querySelectorAll('*')) {
            const s = getComputedStyle(el);
            if (s.display === 'none' || s.visibility === 'hidden' || el.closest('[hidden]')) continue;
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const sideways = r.left < -1 || r.right > vw + 1;
            const vertically = r.top < -1 || r.bottom > vh + 1;
            if (!(sideways || (!horizontalOnly && vertically)) || clippedByAncestor(el)) continue;
            const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]`
                : (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '');
            out.push(`${el.tagName.toLowerCase()}${id} at ${Math.round(r.left)},${Math.round(r.top)} `
                + `${Math.round(r.width)}x${Math.round(r.height)} leaves the ${vw}x${vh} viewport`);
            if (out.length > 20) break;
          }
          return out;
        }
        """, horizontalOnly);
  }

  /** Visible text elements whose computed font size is under {@code minPx}, with their size and text. */
  @SuppressWarnings("unchecked")
  public static List<String> textSmallerThan(Page page, double minPx) {
    return (List<String>) page.evaluate("""
        (min) => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.textContent.trim()) continue;
            const el = n.parentElement;
            const r = el.getBoundingClientRect();
            const s = getComputedStyle(el);
            if (r.width === 0 || r.height === 0 || s.visibility === 'hidden') continue;
            if (el.closest('[hidden], [aria-hidden=true]')) continue;
            const size = parseFloat(s.fontSize);
            if (size < min) out.push(`${size}px "${n.textContent.trim().slice(0, 40)}" in ${el.tagName.toLowerCase()}${el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : ''}`);
          }
          return out;
        }
        """, minPx);
  }

  /** Visible buttons, links, inputs and other controls smaller than {@code minPx} in either dimension. */
  @SuppressWarnings("unchecked")
  public static List<String> touchTargetsSmallerThan(Page page, double minPx) {
    return (List<String>) page.evaluate("""
        (min) => {
          const out = [];
          const controls = document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=tab], summary');
          for (const el of controls) {
            const r = el.getBoundingClientRect();
            const s = getComputedStyle(el);
            if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || el.closest('[hidden]')) continue;
            if (r.width < min - 0.5 || r.height < min - 0.5) {
              out.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : ''} "${(el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
            }
          }
          return out;
        }
        """, minPx);
  }

  /**
   * Visible buttons, labels, chips, text areas and selects whose text needs more room than their box: a word
   * running over a button's edge, a text area hiding lines of what it holds, a select's chosen option cut.
   */
  @SuppressWarnings("unchecked")
  public static List<String> textWiderThanItsBox(Page page) {
    return (List<String>) page.evaluate("""
        () => {
          const out = [];
          for (const el of document.querySelectorAll('button, label, dt, textarea, .state-chip, .kind-chip, .flag')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || el.closest('[hidden]')) continue;
            const wide = el.scrollWidth > el.clientWidth + 1;
            const tall = el.tagName === 'TEXTAREA' && el.scrollHeight > el.clientHeight + 1;
            if (wide || tall) out.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : ''} "${(el.value || el.textContent || '').trim().slice(0, 30)}" needs ${el.scrollWidth}x${el.scrollHeight}, has ${el.clientWidth}x${el.clientHeight}`);
          }
          // A select shows its chosen option beside the arrow (about 16 px): measured with the select's font.
          const ctx = document.createElement('canvas').getContext('2d');
          for (const el of document.querySelectorAll('select')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || el.closest('[hidden]') || el.selectedIndex < 0) continue;
            const s = getComputedStyle(el);
            ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
            const text = el.options[el.selectedIndex].text;
            const need = ctx.measureText(text).width;
            const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 16;
            if (need > room) out.push(`select${el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : ''} "${text}" needs ${Math.round(need)} px, has ${Math.round(room)}`);
          }
          return out;
        }
        """);
  }

  /** The element's box as {x, y, width, height} in CSS pixels. */
  @SuppressWarnings("unchecked")
  public static Map<String, Number> box(Page page, String selector) {
    return (Map<String, Number>) page.evaluate("""
        (sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                   return {x: r.x, y: r.y, width: r.width, height: r.height}; }
        """, selector);
  }
}
