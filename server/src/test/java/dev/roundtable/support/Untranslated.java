package dev.roundtable.support;

import com.microsoft.playwright.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds English UI text in a page that is meant to be in Chinese. It reads what a person meets: the text of every
 * rendered element (also text only screen readers get, such as visually hidden labels), the shown option of
 * every select, the page's title, and the attributes that are read out or shown (aria-label, aria-description,
 * aria-roledescription, aria-valuetext, title, placeholder, alt, and the value of button inputs).
 *
 * <p>The rule is general, so it keeps catching text added after it was written:
 * <ol>
 *   <li>User data is left out: whatever is inside an element marked {@code data-user-text} (the client marks
 *       names, titles and notes it shows), the values of text fields, and the strings the test passes in (what
 *       it typed or created: names, titles, notes, join codes). URLs (also "host:port/path" without a scheme)
 *       and e-mail addresses are left out too.</li>
 *   <li>A text that still holds a piece of an English catalogue value (en.js split at its {placeholders}) with
 *       a word of two or more letters, as a whole word, is English UI text, unless the Chinese catalogue uses
 *       that piece too (a product name like "Roundtable", "Markdown").</li>
 *   <li>Any remaining Latin word of three or more letters is English too, unless the Chinese catalogue itself
 *       contains that word, or it is in the caller's allowlist. This catches English that is in no catalogue:
 *       a hard-coded string, a server message, a date the browser wrote in English.</li>
 * </ol>
 * Each finding names the text, where it is (tag, data-testid or class) and why.
 */
public final class Untranslated {
  private Untranslated() {
  }

  /** The findings on {@code page} now; empty when every piece of UI text is Chinese (or allowed). */
  @SuppressWarnings("unchecked")
  public static List<String> in(Page page, Collection<String> userData, Collection<String> allowedWords) {
    return (List<String>) page.evaluate(SCRIPT, Map.of("userData", List.copyOf(userData),
        "allowed", List.copyOf(allowedWords)));
  }

  /** The findings with no extra allowed words. */
  public static List<String> in(Page page, Collection<String> userData) {
    return in(page, userData, List.of());
  }

  private static final String SCRIPT = """
      async ({userData, allowed}) => {
        const en = (await import('/js/i18n/en.js')).default;
        const zh = (await import('/js/i18n/zh-CN.js')).default;
        const values = (catalog) => Object.values(catalog).flatMap((v) => (typeof v === 'object' ? Object.values(v) : [v]));
        // Placeholders ({min}, {name}) are no words of a catalogue.
        const zhValues = values(zh).map((v) => String(v).replace(/\\{[A-Za-z0-9_]+\\}/g, ' '));
        const latinWords = (s) => (s.match(/[A-Za-z]+/g) || []);
        const allowedWords = new Set([...zhValues.flatMap(latinWords), ...allowed].map((w) => w.toLowerCase()));
        const trimPunct = (s) => s.replace(/^[\\s\\p{P}\\p{S}\\d]+|[\\s\\p{P}\\p{S}\\d]+$/gu, '');
        const fragments = new Set();
        for (const value of values(en)) {
          for (const part of String(value).split(/\\{[A-Za-z0-9_]+\\}/)) {
            const fragment = trimPunct(part);
            if (/[A-Za-z]{2}/.test(fragment) && !zhValues.some((z) => z.includes(fragment))) fragments.add(fragment);
          }
        }
        const escape = (s) => s.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');
        const fragmentRules = [...fragments].sort((a, b) => b.length - a.length)
            .map((f) => [f, new RegExp(`(^|[^A-Za-z])${escape(f)}([^A-Za-z]|$)`)]);
        const user = [...new Set(userData.filter((s) => s && s.trim()))].sort((a, b) => b.length - a.length);
        const clean = (text) => {
          let s = text;
          for (const u of user) s = s.split(u).join(' ');
          return s.replace(/(?:https?:\\/\\/|www\\.)\\S+/g, ' ')
              .replace(/[\\w.-]+(?::\\d+)?\\/\\S*/g, (m) => (/[.:]/.test(m.split('/')[0]) ? ' ' : m))
              .replace(/\\S+@\\S+\\.\\S+/g, ' ');
        };
        const problems = (text) => {
          const s = clean(text);
          const found = [];
          for (const [fragment, rule] of fragmentRules) {
            if (rule.test(s)) {
              found.push(`English UI text "${fragment}"`);
              break;
            }
          }
          const words = latinWords(s).filter((w) => w.length >= 3 && !allowedWords.has(w.toLowerCase()));
          if (words.length) found.push(`English words ${[...new Set(words)].join(', ')}`);
          return found;
        };
        const where = (el) => {
          if (!el) return 'document';
          const id = el.dataset && el.dataset.testid ? `[data-testid=${el.dataset.testid}]`
              : (typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\\s+/)[0]}` : '');
          return `${el.tagName.toLowerCase()}${id}`;
        };
        const SKIP = 'script, style, noscript, template, textarea, [data-user-text], [contenteditable=""], [contenteditable=true]';
        const shown = (el) => {
          if (el.closest(SKIP)) return false;
          if (el.tagName === 'OPTION') {
            const select = el.closest('select');
            return Boolean(select) && select.checkVisibility() && (select.multiple || select.value === el.value);
          }
          return el.checkVisibility({ visibilityProperty: true });
        };
        const out = [];
        const report = (text, el, what) => {
          const t = (text || '').replace(/\\s+/g, ' ').trim();
          if (!t) return;
          for (const p of problems(t)) out.push(`${what} "${t.slice(0, 120)}" in ${where(el)}: ${p}`);
        };
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          if (el && shown(el)) report(node.nodeValue, el, 'text');
        }
        const ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt'];
        for (const el of document.body.querySelectorAll('*')) {
          if (!shown(el)) continue;
          for (const name of ATTRIBUTES) if (el.hasAttribute(name)) report(el.getAttribute(name), el, name);
          if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) report(el.value, el, 'value');
        }
        report(document.title, null, 'page title');
        return [...new Set(out)].slice(0, 60);
      }
      """;
}
