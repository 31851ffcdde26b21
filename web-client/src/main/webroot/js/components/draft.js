// A text typed into a field and not sent yet survives a reload: it is kept in this browser (saved.js) while it
// is typed and given back to the field when the page comes again. The form the field belongs to clears the
// field when it sends (the command is in the outbox then, itself kept across reloads), so the kept text
// follows the field's value after a submit; a refusal puts the text back and focuses the field, which keeps
// it again.

import { loadSaved, save } from './saved.js';

/**
 * @param {object} ctx the room context (the listeners live as long as the view)
 * @param {HTMLInputElement|HTMLTextAreaElement} field
 * @param {string} key where the draft is kept
 */
export function keepDraft(ctx, field, key) {
  const kept = loadSaved(key, '');
  if (typeof kept === 'string' && kept && !field.value) field.value = kept;
  const keep = () => save(key, field.value ? field.value : null);
  ctx.listen(field, 'input', keep);
  ctx.listen(field, 'focus', keep);
  ctx.listen(field, 'blur', keep);
  // After the form's own submit listener (registered first): it has emptied the field by then if it sent.
  if (field.form) ctx.listen(field.form, 'submit', () => queueMicrotask(keep));
}
