#!/usr/bin/env node
// @ts-check
/**
 * Size of the drop-in: raw, gzip (level 9) and brotli (quality 11) bytes, against the budget.
 *
 *   node scripts/size.js [--check-size] [file]   (default dist/corbado-append.min.js)
 *
 * `npm run build` ends with it; `npm run size:check` (or `npm run build -- --check-size`) exits 1
 * when the drop-in is over budget.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Budget for the drop-in: 14 KB gzip. */
export const SIZE_BUDGET_GZIP = 14 * 1024;

/** @param {Buffer} buf */
export function measure(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** @param {{raw: number, gzip: number, brotli: number}} s */
export function formatSizes(s) {
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(2)} KB`;
  return `raw ${s.raw} B (${kb(s.raw)}), gzip-9 ${s.gzip} B (${kb(s.gzip)}), brotli ${s.brotli} B (${kb(s.brotli)})`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const check = args.includes('--check-size');
  const file = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../dist/corbado-append.min.js', import.meta.url));
  const s = measure(readFileSync(file));
  const budget = `${SIZE_BUDGET_GZIP} B (${SIZE_BUDGET_GZIP / 1024} KB) gzip`;
  console.log(`size: ${relative(process.cwd(), file)}  ${formatSizes(s)}`);
  if (s.gzip > SIZE_BUDGET_GZIP) {
    console.log(`size: OVER BUDGET by ${s.gzip - SIZE_BUDGET_GZIP} B: ${s.gzip} B > ${budget}`);
    if (check) process.exitCode = 1;
  } else {
    console.log(`size: within budget, ${SIZE_BUDGET_GZIP - s.gzip} B left of ${budget}`);
  }
}
