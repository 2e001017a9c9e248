#!/usr/bin/env node
/**
 * `npm run bench`: what users feel, in one table (see bench/RESULTS.md for what each row means).
 *
 *   npm run bench                       build, measure, print the table; raw figures in .bench/
 *   npm run bench -- --write            also write bench/RESULTS.md
 *   npm run bench -- --loads 20 --clicks 10 --cycles 1000 --only size,offer,click,memory
 *
 * It runs `npm run build` first and measures its drop-in (and, rebuilt with a source map, what
 * each part of it costs), the floor and the peers; it builds the bench pages for production and
 * serves them with the emulator (bench/static.js), starts its own Vite dev server (repo
 * vite.config.ts: playground + emulator), both on free ports, and its own headless Chromium
 * (CHROME_PATH, default /usr/bin/chromium), and stops all of them whatever happens.
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
import { measureBreakdown } from './breakdown.js';
import { buildPages, startStaticServer } from './static.js';

const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '20' },
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
  log('npm run build');
  const dropIn = await buildDropIn();
  if (only.has('size')) {
    results.size = await measureSize(dropIn);
    log(`size: ${dropIn.source}, the floor and ${results.size.peers.length} peers`);
    results.breakdown = await measureBreakdown(dropIn.file);
    log(`size: what each of ${results.breakdown.parts.length} parts of the drop-in costs`);
  }

  const server = await startServer();
  cleanups.push(server.close);
  await buildPages(dropIn.file);
  const built = await startStaticServer();
  cleanups.push(built.close);
  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  results.machine = machine(browser.version());
  log(`built pages ${built.url}, dev server ${server.url}, Chromium ${results.machine.chromium}`);

  if (only.has('offer')) {
    const servers = { built: built.url, dev: server.url };
    results.offer = await measureOffer(browser, servers, { loads: +args.loads, latencies: LATENCIES, runId, log });
  }
  if (only.has('click'))
    results.click = await measureClick(browser, `${built.url}/offer-drop-in.html`, { clicks: +args.clicks, runId, log });
  if (only.has('memory')) {
    results.memory = await measureMemory(browser, built.url, {
      cycles: +args.cycles,
      warmup: 20,
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
