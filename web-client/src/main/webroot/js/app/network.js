// Follows the browser's online / offline events. The EventBus only notices a dead socket when the socket
// reports a close, which a lost network (Wi-Fi gone, laptop asleep) may not do for a long time, so: when
// the browser says it is offline the socket is closed at once (the RoomClient then shows "offline" and
// keeps new commands in its outbox), and when it is back the socket is opened again at once (the RoomClient
// resends the outbox and resynchronises).

/**
 * @param {import('../core/eventbus.js').EventBus} bus
 * @returns {() => void} stops watching
 */
export function watchNetwork(bus) {
  let retry = null;
  const reconnect = () => {
    if (retry !== null) {
      clearInterval(retry);
      retry = null;
    }
    try {
      bus.connect().catch(() => {});
    } catch (error) {
      console.error(error);
    }
  };
  const onOffline = () => {
    bus.close();
    // In case no 'online' event comes although the network is back.
    if (retry === null) {
      retry = setInterval(() => {
        if (globalThis.navigator.onLine !== false) reconnect();
      }, 5000);
    }
  };
  globalThis.addEventListener('offline', onOffline);
  globalThis.addEventListener('online', reconnect);
  return () => {
    globalThis.removeEventListener('offline', onOffline);
    globalThis.removeEventListener('online', reconnect);
    if (retry !== null) clearInterval(retry);
  };
}
