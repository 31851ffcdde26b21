// A tiny test runner for the browser: register tests with test(), run them with run(). Results go into
// <pre id="results"> and, when all are done, into window.__testResults = {passed, failed, failures} for a
// Playwright test to read. No dependencies.

const registered = [];
let prefix = '';

/**
 * Registers a test. The function may be async; it fails if it throws or its promise rejects.
 * @param {string} name
 * @param {() => (void|Promise<void>)} fn
 * @param {{timeoutMs?: number}} [options]
 */
export function test(name, fn, { timeoutMs = 5000 } = {}) {
  registered.push({ name: prefix + name, fn, timeoutMs });
}

/**
 * Groups tests under a name prefix.
 * @param {string} name
 * @param {() => void} body registers the tests of the group
 */
export function describe(name, body) {
  const outer = prefix;
  prefix = `${outer}${name} › `;
  try {
    body();
  } finally {
    prefix = outer;
  }
}

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

function show(value) {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 300 ? `${json.slice(0, 300)}…` : json;
  } catch {
    return String(value);
  }
}

/**
 * The first difference between two JSON-like values, as a path and description, or null when equal.
 * Objects are compared by keys regardless of order, arrays element by element.
 * @returns {string|null}
 */
export function difference(actual, expected, path = '$') {
  if (Object.is(actual, expected)) return null;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${path}: ${show(actual)} ≠ expected ${show(expected)}`;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) {
    return `${path}: ${show(actual)} ≠ expected ${show(expected)}`;
  }
  if (Array.isArray(actual)) {
    if (actual.length !== expected.length) {
      return `${path}: length ${actual.length} ≠ expected ${expected.length} (${show(actual)} vs ${show(expected)})`;
    }
    for (let i = 0; i < actual.length; i++) {
      const d = difference(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  for (const key of Object.keys(expected)) {
    if (!Object.hasOwn(actual, key)) return `${path}.${key}: missing, expected ${show(expected[key])}`;
  }
  for (const key of Object.keys(actual)) {
    if (!Object.hasOwn(expected, key)) return `${path}.${key}: unexpected ${show(actual[key])}`;
    const d = difference(actual[key], expected[key], `${path}.${key}`);
    if (d) return d;
  }
  return null;
}

/** Assertions; each throws an AssertionError with a readable message. */
export const assert = {
  ok(value, message = 'expected a truthy value') {
    if (!value) throw new AssertionError(`${message} (got ${show(value)})`);
  },
  equal(actual, expected, message = '') {
    if (!Object.is(actual, expected)) {
      throw new AssertionError(`${message ? `${message}: ` : ''}${show(actual)} ≠ expected ${show(expected)}`);
    }
  },
  notEqual(actual, unexpected, message = '') {
    if (Object.is(actual, unexpected)) throw new AssertionError(`${message ? `${message}: ` : ''}did not expect ${show(actual)}`);
  },
  deepEqual(actual, expected, message = '') {
    const d = difference(actual, expected);
    if (d) throw new AssertionError(`${message ? `${message}: ` : ''}${d}`);
  },
  throws(fn, check, message = 'expected an exception') {
    try {
      fn();
    } catch (error) {
      if (check && !check(error)) throw new AssertionError(`${message}: wrong exception ${error && error.message}`);
      return error;
    }
    throw new AssertionError(message);
  },
  async rejects(promise, check, message = 'expected a rejection') {
    try {
      await promise;
    } catch (error) {
      if (check && !check(error)) throw new AssertionError(`${message}: wrong rejection ${error && error.message}`);
      return error;
    }
    throw new AssertionError(message);
  },
};

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new AssertionError(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Runs every registered test in order and reports.
 * @param {{out?: HTMLElement, filter?: string}} [options] filter: run only tests whose name contains it
 *   (default: the page's ?filter= parameter)
 * @returns {Promise<{passed: number, failed: number, failures: {name: string, message: string}[]}>}
 */
export async function run({ out = document.getElementById('results'), filter = new URLSearchParams(location.search).get('filter') } = {}) {
  const lines = [];
  const failures = [];
  let passed = 0;
  const started = performance.now();
  const write = () => {
    if (out) out.textContent = lines.join('\n');
  };
  for (const t of registered) {
    if (filter && !t.name.includes(filter)) continue;
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs);
      passed++;
      lines.push(`ok   ${t.name}`);
    } catch (error) {
      const message = error && error.message ? error.message : String(error);
      failures.push({ name: t.name, message });
      lines.push(`FAIL ${t.name}\n     ${message}`);
      if (!(error instanceof AssertionError)) console.error(t.name, error);
    }
    write();
  }
  const ms = Math.round(performance.now() - started);
  lines.push('', `${passed} passed, ${failures.length} failed (${ms} ms)`);
  write();
  if (out) out.dataset.done = failures.length === 0 ? 'passed' : 'failed';
  const results = { passed, failed: failures.length, failures };
  globalThis.__testResults = results;
  return results;
}
