'use strict';
// Shared by both relays: GET /stats reports what the harness compares across targets, measured the same
// way for both: heap used right after a full GC (needs --expose-gc), RSS, the longest GC pause seen so far
// (PerformanceObserver 'gc' entries) and the number of open connections.
const { PerformanceObserver } = require('node:perf_hooks');

const { performance } = require('node:perf_hooks');

let maxGcPauseMs = 0;
// Forced collections (ours, for the heap reading) are not the relay's pauses. Entries are delivered
// asynchronously, so they are recognised by their start time falling inside a forced interval.
const forced = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const end = entry.startTime + entry.duration;
    const ours = forced.some(([from, to]) => entry.startTime <= to && end >= from);
    if (!ours) {
      maxGcPauseMs = Math.max(maxGcPauseMs, entry.duration);
    }
  }
}).observe({ entryTypes: ['gc'] });

function stats(connections) {
  let forcedGc = false;
  if (typeof global.gc === 'function') {
    const from = performance.now();
    global.gc();
    forced.push([from, performance.now()]);
    if (forced.length > 100) {
      forced.shift();
    }
    forcedGc = true;
  }
  const mem = process.memoryUsage();
  return { heapUsedAfterGc: mem.heapUsed, forcedGc, rss: mem.rss, maxGcPauseMs, connections };
}

/** Answers GET /stats; returns false for any other request so the caller can handle it. */
function handleStats(req, res, connections) {
  if (req.method !== 'GET' || req.url !== '/stats') {
    return false;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(stats(connections())));
  return true;
}

function portFromArgs() {
  const i = process.argv.indexOf('--port');
  return i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT || 0);
}

module.exports = { handleStats, portFromArgs };
