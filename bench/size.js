/**
 * Size: the drop-in bundle as `npm run build` writes it, against the floor (Lit + SimpleWebAuthn's
 * `startRegistration` in a tiny LitElement, bench/floor/floor-element.js) bundled in the same run
 * with the same settings. Raw bytes, gzip level 9, brotli quality 11 (node:zlib).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { minifyDropIn } from '../scripts/build.js';
import { ROOT } from './server.js';

export const DROP_IN = `${ROOT}dist/corbado-append.min.js`;
const FLOOR_ENTRY = `${ROOT}bench/floor/floor-element.js`;
const OUT = `${ROOT}.bench/size`;
const FLOOR_FILE = `${OUT}/floor.min.js`;

/**
 * The floor bundled the way scripts/build.js bundles the drop-in (Vite, one IIFE, es2022, not
 * minified), then minified by the build's own `minifyDropIn` (terser; its renaming of the
 * element's TypeScript `private` members finds nothing of the element in the floor).
 */
async function buildFloor() {
  const out = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      sourcemap: false,
      modulePreload: false,
      copyPublicDir: false,
      rolldownOptions: { input: FLOOR_ENTRY, output: { format: 'iife', entryFileNames: 'floor.js' } },
    },
  });
  const outputs = /** @type {import('vite').Rollup.RollupOutput[]} */ (Array.isArray(out) ? out : [out]);
  const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`bench: floor: expected one chunk, got ${chunks.length}`);
  const { code } = await minifyDropIn(chunks[0]);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(FLOOR_FILE, code);
  return FLOOR_FILE;
}

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
function sizes(file) {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** @param {{file: string, source: string}} dropIn */
export async function measureSize(dropIn) {
  const product = sizes(dropIn.file);
  const floor = sizes(await buildFloor());
  return { source: dropIn.source, product, floor, ratio: product.gzip / floor.gzip };
}
