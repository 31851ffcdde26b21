// Markdown of users (the minutes) rendered safely: markdown-it with raw HTML switched off turns the text
// into HTML, DOMPurify then removes anything active that could remain (scripts, event handlers, javascript:
// links), and the result is inserted as a sanitised DOM fragment, never as a string. Both libraries come
// from their WebJars under /webjars/ (same origin, so the page's Content-Security-Policy allows them) and
// are loaded only when a page first renders Markdown. Until they are there, or if they fail to load, the
// text is shown as it was written, through textContent.

const SCRIPTS = [
  '/webjars/markdown-it/14.1.0/dist/markdown-it.min.js',
  '/webjars/dompurify/3.2.4/dist/purify.min.js',
];

let loading = null;
let renderer = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/** Resolves with a render(text) → DocumentFragment function once both libraries are loaded. */
function load() {
  if (!loading) {
    loading = Promise.all(SCRIPTS.map(loadScript)).then(() => {
      const md = window.markdownit({ html: false, linkify: true, breaks: true });
      const purify = window.DOMPurify;
      purify.addHook('afterSanitizeAttributes', (node) => {
        if (node.tagName === 'A') {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        }
      });
      renderer = (text) => purify.sanitize(md.render(text), { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'form', 'input'] });
      return renderer;
    });
  }
  return loading;
}

/**
 * Shows `text` as Markdown in `container` (replacing its children). Returns a Promise that settles when the
 * Markdown rendering is in place; the plain text is shown at once.
 */
export function renderMarkdown(container, text) {
  container.dataset.source = text;
  if (renderer) {
    container.replaceChildren(renderer(text));
    container.dataset.rendered = 'markdown';
    return Promise.resolve();
  }
  container.textContent = text;
  container.dataset.rendered = 'text';
  return load().then(() => {
    if (container.dataset.source === text) renderMarkdown(container, text);
  }, (error) => console.error(error));
}
