#!/usr/bin/env node
/**
 * `npm run bench`: what users feel, in one table (see bench/RESULTS.md for what each row means).
 *
 *   npm run bench                       build, measure, print the table; raw figures in .bench/
 *   npm run bench -- --write            also write bench/RESULTS.md
 *   npm run bench -- --loads 30 --clicks 10 --cycles 1000 --only size,offer,click,memory
 *
 * It runs `npm run build` first and measures its drop-in; it starts its own Vite dev server
 * (repo vite.config.ts: playground + emulator) on a free port and its own headless Chromium
 * (CHROME_PATH, default /usr/bin/chromium), and stops both whatever happens.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser.js';
import { measureClick } from './click.js';
import { machine, sourceState } from './machine.js';
import { measureMemory } from './memory.js';
import { measureOffer } from './offer.js';
import { rows, textTable } from './report.js';
import { resultsMarkdown } from './results-md.js';
import { ROOT, startServer } from './server.js';
import { buildDropIn, measureSize } from './size.js';

const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '30' },
    clicks: { type: 'string', default: '10' },
    cycles: { type: 'string', default: '1000' },
    only: { type: 'string', default: 'size,offer,click,memory' },
    write: { type: 'boolean', default: false },
  },
});
const only = new Set(args.only.split(','));
const LATENCIES = [0, 100];
const runId = Date.now().toString(36);
const t0 = performance.now();
const log = (/** @type {string} */ s) => console.error(`bench [${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);

/** Resources to release on exit, newest first. @type {(() => Promise<unknown>)[]} */
const cleanups = [];
async function cleanup() {
  for (const fn of cleanups.splice(0).reverse())
    await fn().catch((e) => console.error('bench: cleanup:', e instanceof Error ? e.message : e));
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));
}

async function main() {
  /** @type {import('./report.js').BenchResults} */
  const results = { runId, latencies: LATENCIES, args, source: sourceState() };
  let dropIn;
  if (only.has('size') || only.has('memory')) {
    log('npm run build');
    dropIn = await buildDropIn();
  }
  if (only.has('size') && dropIn) {
    results.size = await measureSize(dropIn);
    log(`size: ${dropIn.source}`);
  }

  const server = await startServer();
  cleanups.push(server.close);
  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  results.machine = machine(browser.version());
  log(`server ${server.url}, Chromium ${results.machine.chromium}`);

  if (only.has('offer')) {
    results.offer = await measureOffer(browser, server.url, { loads: +args.loads, latencies: LATENCIES, runId, log });
  }
  if (only.has('click')) results.click = await measureClick(browser, server.url, { clicks: +args.clicks, runId, log });
  if (only.has('memory') && dropIn) {
    results.memory = await measureMemory(browser, server.url, {
      cycles: +args.cycles,
      warmup: 20,
      dropInFile: dropIn.file,
      runId,
      log,
    });
  }
  await cleanup();
  results.machine.loadAverageEnd = loadavg().map((l) => +l.toFixed(2));

  const table = rows(results);
  console.log(textTable(table));
  if (results.memory?.pageErrors.length) console.log(`page errors during the cycles: ${results.memory.pageErrors.slice(0, 5).join(' | ')}`);
  log('done');

  mkdirSync(`${ROOT}.bench`, { recursive: true });
  writeFileSync(`${ROOT}.bench/results.json`, JSON.stringify(results, null, 2));
  const md = resultsMarkdown(results, table, args);
  writeFileSync(`${ROOT}.bench/RESULTS.md`, md);
  if (args.write) writeFileSync(`${ROOT}bench/RESULTS.md`, md);
  const misses = table.filter((r) => r.verdict === 'MISS');
  if (misses.length) console.log(`\n${misses.length} figure(s) miss their budget: ${misses.map((r) => r.measure).join('; ')}`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(cleanup);
