// The server's clock as seen from this client (docs/PROTOCOL.md §7.4). All times in the room state are
// server epoch milliseconds; remaining times are computed locally with ServerClock.now().
// Plain ES module, no dependencies.

/**
 * Estimates the offset between the server clock and Date.now() from Sync round trips. Each sample gives
 * offset = serverTime − (sentAt + receivedAt) / 2, whose error is at most half the round trip; of the most
 * recent samples the one with the shortest round trip is used (older ones age out, so drift is followed).
 */
export class ServerClock {
  /**
   * @param {object} [options]
   * @param {() => number} [options.now=Date.now] the local clock
   * @param {number} [options.window=8] how many recent samples to choose from
   */
  constructor({ now = () => Date.now(), window = 8 } = {}) {
    this._now = now;
    this._window = Math.max(1, window);
    /** @type {{offset: number, rtt: number}[]} */
    this._samples = [];
    this._best = null;
  }

  /**
   * Records one measurement: the server answered with `serverTime` a request sent at local `sentAt` and
   * answered at local `receivedAt` (both from the same local clock as `now`). Samples with a negative
   * round trip (the local clock jumped back) or non-finite values are ignored.
   * @param {number} serverTime server epoch ms in the reply (Sync's serverTime)
   * @param {number} sentAt local ms when the request was sent
   * @param {number} receivedAt local ms when the reply arrived
   * @returns {number} the offset now in use
   */
  sample(serverTime, sentAt, receivedAt) {
    const rtt = receivedAt - sentAt;
    if (![serverTime, sentAt, receivedAt].every(Number.isFinite) || rtt < 0) return this.offset;
    this._samples.push({ offset: serverTime - (sentAt + receivedAt) / 2, rtt });
    if (this._samples.length > this._window) this._samples.shift();
    this._best = this._samples.reduce((best, s) => (s.rtt < best.rtt ? s : best));
    return this.offset;
  }

  /** @returns {number} ms to add to the local clock to get the server's (0 before any sample) */
  get offset() {
    return this._best ? Math.round(this._best.offset) : 0;
  }

  /** @returns {number|null} round trip of the sample in use, or null before any sample */
  get roundTripMs() {
    return this._best ? this._best.rtt : null;
  }

  /** @returns {boolean} whether any sample has been taken */
  get synced() {
    return this._best !== null;
  }

  /** @returns {number} the server's current time, epoch ms */
  now() {
    return this._now() + this.offset;
  }
}
