// Runs mocha *inside the extension host* (CommonJS, loaded by a suite module's
// run()). Output goes through console.log, which the extension host forwards
// to the workbench and run-suite.mjs receives via window.codeAutomationLog.
//
//   // suite module given to runSuite({ suitePath })
//   const { runMocha } = require('<repo>/test/harness/mocha-run.cjs');
//   exports.run = () => runMocha({ files: [__dirname + '/foo.test.js'] });
//   // or inline:
//   exports.run = () => runMocha({ define: ({ describe, it }) => { describe(...); } });
//
// Resolves when every test passed, rejects otherwise (so the extension host
// exits with code 1). Ends with a line "mocha: N passed, N failed, N skipped"
// that run-suite.mjs parses into `counts`.
'use strict';

function loadMocha() {
  // mocha 12 is ESM with a CommonJS build inside; the extension host runs on
  // Node 24, where require() of ESM works too, but the .cjs build is direct.
  try { return require('mocha/lib/mocha.cjs'); } catch { /* older mocha */ }
  const m = require('mocha');
  return typeof m === 'function' ? m : m.default;
}

/**
 * @param {object} [o]
 * @param {string[]} [o.files]   absolute paths of test files (bdd: describe/it)
 * @param {(ctx: object) => void} [o.define] defines tests inline; ctx has describe, it, before, ...
 * @param {number} [o.timeout]   per-test timeout, ms (default 30 s)
 * @param {string} [o.grep]      only tests whose full title matches (env MOCHA_GREP too)
 * @param {string} [o.reporter]  mocha reporter (default 'spec')
 * @param {'bdd'|'tdd'} [o.ui]    mocha interface (default 'bdd')
 * @returns {Promise<{passed: number, failed: number, skipped: number}>}
 */
exports.runMocha = async function runMocha({ files = [], define, timeout = 30_000, grep, reporter = 'spec', ui = 'bdd' } = {}) {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui, reporter, color: false, timeout });
  grep ??= process.env.MOCHA_GREP;
  if (grep) mocha.grep(grep);
  if (define) {
    // What mocha does for each file: hand the bdd globals to the definer.
    const ctx = {};
    mocha.suite.emit('pre-require', ctx, '(inline)', mocha);
    define(ctx);
  }
  for (const f of files) mocha.addFile(f);
  if (files.length) await mocha.loadFilesAsync();

  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  const passed = stats.passes;
  const failed = stats.failures;
  const skipped = stats.pending;
  console.log(`mocha: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (failed > 0) throw new Error(`${failed} test(s) failed`);
  if (passed + skipped === 0) throw new Error('no tests ran');
  return { passed, failed, skipped };
};
