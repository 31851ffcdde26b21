// The coordinator's chat groups of a series (PROTOCOL.md §14): each group as the server shows it (label,
// service, the webhook's host only, signed or not: the URL and secret never come back), a "send test
// message" per group with the service's answer, a change of its webhook or secret (rotated at the service)
// in place, removal, an add form, and the series' notifications with
// their delivery states. The webhook URL and secret typed here live only in the form until sent.

import { t } from '../i18n/i18n.js';
import { h, markUserText } from './dom.js';

const SERVICES = ['dingtalk', 'wecom', 'feishu'];
const userText = (tag, props, text) => markUserText(h(tag, props, text));

/**
 * @param {object} view the coordinator view (its `chatGroups`)
 * @param {{client: object, act: Function, fail: Function}} ctx the page's calls
 * @param {{tests: Map<string, object>, notifications: Array|null, editing?: string|null, rerender: Function}} state
 *   the card's memory (`editing`: the group whose change form is open)
 */
export function chatGroupsCard(view, ctx, state) {
  const groups = view.chatGroups || [];
  return h('section', { class: 'card at-channels', testid: 'chat-groups' },
    h('h2', {}, t('series.channels')),
    groups.length === 0 ? h('p', { class: 'small' }, t('series.channelsNone')) : null,
    h('ul', { class: 'series-list' }, groups.map((g) => groupRow(g, ctx, state))),
    addForm(ctx),
    notificationsBlock(ctx, state));
}

function groupRow(g, ctx, state) {
  const test = async () => {
    const answer = await ctx.act(() => ctx.client.testChannel(g.chatGroupId), { reload: false });
    if (answer && answer !== true) { state.tests.set(g.chatGroupId, answer); state.rerender(); }
  };
  const remove = () => {
    if (window.confirm(t('series.channelRemoveConfirm', { name: g.label }))) {
      ctx.act(() => ctx.client.removeChannel(g.chatGroupId));
    }
  };
  const result = state.tests.get(g.chatGroupId);
  return h('li', { class: 'member-row', testid: 'chat-group', data: { group: g.chatGroupId } },
    h('div', { class: 'member-who' }, userText('strong', {}, g.label), ' ',
      h('span', { class: 'small' }, `${t(`series.channel.${g.channel}`)} · `, userText('span', {}, g.hint),
        g.signed ? ` · ${t('series.channelSigned')}` : '')),
    result ? h('p', { class: result.outcome === 'sent' ? 'small ok' : 'small warn', testid: 'chat-group-test', role: 'status' },
      result.outcome === 'sent' ? t('series.channelTestSent')
        : t('series.channelTestFailed', { code: String(result.errorCode ?? ''), answer: result.answer || '' })) : null,
    h('div', { class: 'member-actions' },
      h('button', { type: 'button', class: 'secondary', testid: 'chat-group-test-button', on: { click: test } },
        t('series.channelTest')),
      h('button', { type: 'button', class: 'secondary', testid: 'chat-group-edit',
        attrs: { 'aria-expanded': state.editing === g.chatGroupId ? 'true' : 'false' },
        on: { click: () => { state.editing = state.editing === g.chatGroupId ? null : g.chatGroupId; state.rerender(); } } },
      t('series.channelChange')),
      h('button', { type: 'button', class: 'secondary danger', on: { click: remove } }, t('common.remove'))),
    state.editing === g.chatGroupId ? editForm(g, ctx, state) : null);
}

/** A new webhook URL and/or secret for a group, or a new label; empty fields keep what is set. */
function editForm(g, ctx, state) {
  const id = (name) => `cg-${g.chatGroupId}-${name}`;
  const input = (name, type, props = {}) => h('input', { id: id(name), type, maxLength: 2048, autocomplete: 'off',
    testid: `edit-group-${name}`, ...props });
  const label = input('label', 'text', { value: g.label });
  const url = input('url', 'url');
  const secret = input('secret', 'password');
  const row = (field, key) => h('div', { class: 'field' }, h('label', { htmlFor: field.id }, t(key)), field);
  const submit = async (e) => {
    e.preventDefault();
    const body = {};
    if (label.value.trim() && label.value.trim() !== g.label) body.label = label.value.trim();
    if (url.value.trim()) body.webhookUrl = url.value.trim();
    if (secret.value.trim()) body.secret = secret.value.trim();
    if (Object.keys(body).length === 0) { ctx.fail(t('series.channelChangeNothing')); return; }
    if (await ctx.act(() => ctx.client.editChannel(g.chatGroupId, body))) { state.editing = null; state.rerender(); }
  };
  return h('form', { class: 'inline-form', testid: 'edit-group', noValidate: true, on: { submit } },
    h('p', { class: 'small' }, t('series.channelChangeHint')),
    h('div', { class: 'form-grid' }, row(label, 'series.channelLabel'), row(url, 'series.channelNewUrl'),
      row(secret, 'series.channelNewSecret')),
    h('button', { type: 'submit', class: 'primary', testid: 'edit-group-submit' }, t('series.channelChangeSave')));
}

function addForm(ctx) {
  const service = h('select', { id: 'cg-channel', testid: 'add-group-channel' },
    SERVICES.map((s) => h('option', { value: s }, t(`series.channel.${s}`))));
  const field = (id, labelKey, type = 'text') => {
    const input = h('input', { id, type, maxLength: 2048, testid: `add-${id}`, autocomplete: 'off' });
    return [h('div', { class: 'field' }, h('label', { htmlFor: id }, t(labelKey)), input), input];
  };
  const [labelField, label] = field('cg-label', 'series.channelLabel');
  const [urlField, url] = field('cg-url', 'series.channelUrl', 'url');
  const [secretField, secret] = field('cg-secret', 'series.channelSecret', 'password');
  const submit = async (e) => {
    e.preventDefault();
    const body = { channel: service.value, label: label.value.trim(), webhookUrl: url.value.trim() };
    if (secret.value.trim()) body.secret = secret.value.trim();
    if (!body.label || !body.webhookUrl) { ctx.fail(t('series.channelNeedsFields')); return; }
    await ctx.act(() => ctx.client.addChannel(body));
  };
  return h('form', { class: 'inline-form', testid: 'add-group', noValidate: true, on: { submit } },
    h('h3', {}, t('series.channelAdd')),
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { htmlFor: 'cg-channel' }, t('series.channelService')), service),
      labelField, urlField, secretField),
    h('button', { type: 'submit', class: 'primary', testid: 'add-group-submit' }, t('series.channelAdd')));
}

function notificationsBlock(ctx, state) {
  const load = async () => {
    const reply = await ctx.act(() => ctx.client.notifications(), { reload: false });
    if (reply && reply !== true) { state.notifications = reply.notifications || []; state.rerender(); }
  };
  const list = state.notifications;
  return h('div', { class: 'notifications', testid: 'notifications' },
    h('h3', {}, t('series.notifications'), ' ',
      h('button', { type: 'button', class: 'secondary', testid: 'notifications-load', on: { click: load } },
        t(list ? 'series.notificationsReload' : 'series.notificationsShow'))),
    list && list.length === 0 ? h('p', { class: 'small' }, t('series.notificationsNone')) : null,
    list ? h('ul', { class: 'series-list' }, list.map((n) => h('li', { testid: 'notification', data: { state: n.state } },
      h('span', { class: `state-${n.state}` }, t(`series.notificationState.${n.state}`)), ' ',
      h('span', { class: 'small' }, t(`series.channel.${n.channel}`)), ' ', userText('span', {}, n.title),
      n.errorCode != null ? h('span', { class: 'small warn' }, ` ${t('series.notificationError', { code: String(n.errorCode) })}`) : null)))
      : null);
}
