#!/usr/bin/env node
// @ts-check
/**
 * Size of the drop-in: raw, gzip (level 9) and brotli (quality 11) bytes.
 *   node scripts/size.js [file]   (default dist/corbado-append.min.js; exit 1 when over budget)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** DESIGN.md budget for the drop-in: 12 KB gzip. */
export const SIZE_BUDGET_GZIP = 12 * 1024;

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
  const file = process.argv[2] ?? fileURLToPath(new URL('../dist/corbado-append.min.js', import.meta.url));
  const s = measure(readFileSync(file));
  console.log(`${file}: ${formatSizes(s)}`);
  if (s.gzip > SIZE_BUDGET_GZIP) {
    console.log(`over budget: ${s.gzip} B gzip > ${SIZE_BUDGET_GZIP} B`);
    process.exitCode = 1;
  }
}
