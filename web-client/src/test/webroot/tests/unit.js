// Entry point of unit.html: loads every test module, then runs them. Modules register their tests with
// runner.js's test(), or export a default array of {name, fn} (as ot.test.js and i18n.test.js do), which is
// registered here. A module that fails to load is reported as a failed test instead of stopping the run.
import { describe, run, test } from './runner.js';

const MODULES = [
  './clock.test.js',
  './eventbus.test.js',
  './store.test.js',
  './outbox.test.js',
  './room-client.test.js',
  './ot.test.js',
  './i18n.test.js',
  './format.test.js',
  './api.test.js',
  './model.test.js',
  './context.test.js',
  './phone.test.js',
  './motions.test.js',
  './board.test.js',
];

for (const path of MODULES) {
  try {
    const module = await import(path);
    if (Array.isArray(module.default)) {
      describe(path.replace(/^\.\/|\.test\.js$/g, ''), () => {
        for (const { name, fn, timeoutMs } of module.default) test(name, fn, timeoutMs ? { timeoutMs } : undefined);
      });
    }
  } catch (error) {
    test(`load ${path}`, () => {
      throw error;
    });
  }
}

run().catch((error) => {
  const out = document.getElementById('results');
  out.textContent = `the runner failed: ${error && error.stack}`;
  globalThis.__testResults = { passed: 0, failed: 1, failures: [{ name: 'runner', message: String(error) }] };
});
