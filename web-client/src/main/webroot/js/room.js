// Entry point of room.html?room=<roomId>&view=<screen|participant|facilitator|board|minutes>: takes the
// token (URL fragment #token=… or localStorage), connects a RoomClient and mounts the chosen view.

import { EventBus } from './core/eventbus.js';
import { localize, onLocaleChange, t } from './i18n/i18n.js';
import { RoomClient } from './core/room-client.js';
import { mountChrome } from './components/chrome.js';
import { createContext } from './app/context.js';
import { h } from './components/dom.js';
import { watchNetwork } from './app/network.js';
import { defaultView, takeToken } from './app/session.js';
import { mountBoard } from './views/board.js';
import { mountFacilitator } from './views/facilitator.js';
import { mountMinutes } from './views/minutes.js';
import { mountParticipant } from './views/participant.js';
import { mountScreen } from './views/screen.js';

const VIEWS = {
  screen: mountScreen,
  participant: mountParticipant,
  facilitator: mountFacilitator,
  board: mountBoard,
  minutes: mountMinutes,
};
const READ_ONLY_VIEWS = new Set(['screen', 'board', 'minutes']);
const ROOM_ID = /^[A-Za-z0-9_-]{8,32}$/;

function noAccess(app, reasonKey) {
  const render = () => {
    app.replaceChildren(h('main', { class: 'wrap no-access' },
      h('h1', {}, t('app.name')),
      h('p', { class: 'notice' }, t(reasonKey)),
      h('p', {}, h('a', { href: './', class: 'button-link' }, t('ui.toStart')))));
  };
  render();
  onLocaleChange(render);
}

function main() {
  const app = document.getElementById('app');
  const params = new URLSearchParams(window.location.search);
  const roomId = params.get('room') || '';
  if (!ROOM_ID.test(roomId)) {
    noAccess(app, 'ui.noRoom');
    return;
  }
  const session = takeToken(roomId);
  if (!session) {
    noAccess(app, 'ui.noToken');
    return;
  }
  let view = params.get('view');
  if (!VIEWS[view]) view = defaultView(session.role);
  if (session.role === 'screen' && !READ_ONLY_VIEWS.has(view)) view = 'screen';

  const bus = new EventBus('/eventbus');
  const client = new RoomClient({ eventBus: bus, roomId, token: session.token });
  const ctx = createContext({ client, roomId, token: session.token, session });

  document.body.classList.add(`view-${view}`);
  app.replaceChildren();
  const chrome = mountChrome(app, ctx, view);
  const main = h('main', { class: `view view-${view}-main`, id: 'main' });
  app.append(main);
  VIEWS[view](main, ctx, chrome);
  localize(app);
  onLocaleChange(() => localize(app));

  watchNetwork(bus);
  client.start().catch((error) => {
    if (error && error.code) ctx.reportError({ code: error.code, message: error.message, server: true });
  });
  window.roundtable = { ctx, client, bus, unmount: () => ctx.unmount() };
}

main();
