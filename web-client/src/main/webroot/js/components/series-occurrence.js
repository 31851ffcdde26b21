// What both series pages show of an occurrence: its time in the series' zone, place and online link, the
// agenda with owners and time-boxes, and the pre-reads (links, and files fetched with the page's link and
// saved from a blob: URL). Text from users goes in through textContent only.

import { t } from '../i18n/i18n.js';
import { h, markUserText } from './dom.js';
import { fileSize, occurrenceTime } from './series-format.js';

const userText = (tag, props, text) => markUserText(h(tag, props, text));

/** A safe http(s) link or null (pre-reads and online links are user data). */
export function safeUrl(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** An external link opening in a new tab, showing `label` as user text. */
export function externalLink(url, label, testid) {
  const href = safeUrl(url);
  if (!href) return userText('span', {}, label);
  return markUserText(h('a', { href, testid, attrs: { target: '_blank', rel: 'noopener noreferrer' } }, label));
}

/** The heading lines: when (in the series' zone), where, online link. */
export function occurrenceHead(occurrence, series) {
  const zone = series.schedule?.timeZone || 'Asia/Shanghai';
  return h('div', { class: 'occ-head' },
    h('h3', { class: 'occ-when', testid: 'occurrence-when' }, occurrenceTime(occurrence.start, occurrence.end, zone)),
    h('p', { class: 'small occ-zone' }, t('series.zone', { zone })),
    series.place ? h('p', { class: 'occ-place' }, h('span', { class: 'label' }, t('series.place')), ' ',
      userText('span', {}, series.place)) : null,
    series.onlineLink ? h('p', { class: 'occ-place' }, h('span', { class: 'label' }, t('series.onlineLink')), ' ',
      externalLink(series.onlineLink, series.onlineLink, 'online-link')) : null);
}

/** The agenda: title, kind, owner, minutes, expected output; total minutes underneath. */
export function agendaList(occurrence) {
  const items = occurrence.agenda || [];
  if (items.length === 0) return h('p', { class: 'small' }, t('series.agendaEmpty'));
  return h('div', {},
    h('ol', { class: 'series-agenda', testid: 'series-agenda' }, items.map((item) => h('li', {},
      h('div', { class: 'agenda-line' },
        userText('span', { class: 'agenda-title' }, item.title),
        h('span', { class: 'agenda-minutes' }, t('series.minutesShort', { n: item.minutes }))),
      h('div', { class: 'small agenda-meta' },
        item.kind ? h('span', { class: `kind-chip kind-${item.kind}` }, t(`itemKind.${item.kind}`)) : null,
        item.ownerName ? h('span', {}, t('series.owner'), ' ', userText('span', {}, item.ownerName)) : null),
      item.expectedOutput ? h('p', { class: 'small agenda-output' }, t('series.expectedOutput'), ' ',
        userText('span', {}, item.expectedOutput)) : null))),
    h('p', { class: 'small' }, t('series.agendaTotal', { n: occurrence.agendaMinutes ?? 0 })));
}

/**
 * The pre-reads: links, and files with a download button (`download(preRead)`, given by both pages);
 * `remove(preRead)` adds a remove button to each (the coordinator's page).
 */
export function preReadList(occurrence, { download = null, remove = null } = {}) {
  const reads = occurrence.preReads || [];
  if (reads.length === 0) return h('p', { class: 'small' }, t('series.preReadsEmpty'));
  const removeButton = (p) => (remove ? h('button', { type: 'button', class: 'secondary small-button',
    on: { click: () => remove(p) } }, t('common.remove')) : null);
  return h('ul', { class: 'series-list pre-read-list', testid: 'pre-reads' }, reads.map((p) => h('li', {},
    p.file ? fileItem(p, download, removeButton(p))
      : [externalLink(p.url, p.title || p.url, 'pre-read-link'), removeButton(p)])));
}

/** A file: its title, its name when the title differs, its size; download (and remove) beside. */
function fileItem(p, download, removeButton) {
  const title = p.title || p.file.name;
  return h('div', { class: 'pre-read-file', testid: 'pre-read-file' },
    h('div', { class: 'pre-read-name' },
      userText('span', { class: 'pre-read-title' }, title), ' ',
      h('span', { class: 'small pre-read-meta' }, title !== p.file.name ? [userText('span', {}, p.file.name), ' · '] : null,
        fileSize(p.file.size))),
    h('div', { class: 'pre-read-actions' },
      download ? h('button', { type: 'button', class: 'secondary small-button', testid: 'pre-read-download',
        attrs: { 'aria-label': t('series.downloadFile', { name: p.file.name }) }, on: { click: () => download(p) } },
      t('series.download')) : null,
      removeButton));
}

/** Saves a Blob as `name` through a short-lived blob: URL (the browser's download). */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, attrs: { download: name, hidden: '' } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The pages' download of a file pre-read: fetched with the page's link, then saved; refusals shown. */
export function preReadDownloader(ctx) {
  return (p) => ctx.act(async () => saveBlob(await ctx.client.preReadFile(p.download), p.file.name),
    { reload: false });
}

/** A section heading inside an occurrence card. */
export function subheading(key) {
  return h('h4', { class: 'occ-sub' }, t(key));
}
