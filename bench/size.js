/**
 * Size: the drop-in bundle as `npm run build` writes it, against the floor (Lit + SimpleWebAuthn's
 * `startRegistration` in a tiny LitElement, bench/floor/floor-element.js) and the peers a
 * customer would otherwise ship (bench/peers/), each bundled in the same run with the drop-in's
 * settings (scripts/bundle.js). Raw bytes, gzip level 9, brotli quality 11 (node:zlib).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { buildFloor } from '../scripts/bundle.js';
import { measure } from '../scripts/size.js';
import { measurePeers } from './peers.js';
import { ROOT } from './server.js';

export const DROP_IN = `${ROOT}dist/corbado-append.min.js`;
const OUT = `${ROOT}.bench/size`;
/** `npm run build`, which must succeed and write the drop-in. */
export async function buildDropIn() {
  const { code, out } = await run('npm', ['run', '--silent', 'build']);
  if (code !== 0 || !existsSync(DROP_IN)) {
    throw new Error(`bench: npm run build ${code !== 0 ? `failed (exit ${code})` : `wrote no ${DROP_IN}`}:\n${out.trim()}`);
  }
  return { file: DROP_IN, source: 'npm run build' };
}

/** @param {string} cmd @param {string[]} args @returns {Promise<{code: number | null, out: string}>} */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** @param {string} file */
const sizes = (file) => measure(readFileSync(file));

/** @param {{file: string, source: string}} dropIn */
export async function measureSize(dropIn) {
  const product = sizes(dropIn.file);
  const floor = sizes(await buildFloor(`${OUT}/floor`));
  return { source: dropIn.source, product, floor, ratio: product.gzip / floor.gzip, peers: await measurePeers() };
}
