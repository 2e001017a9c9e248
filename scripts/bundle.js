// @ts-check
/**
 * Bundle any entry the way the drop-in is bundled: vite.drop-in.config.ts (one IIFE, es2022,
 * terser with the drop-in's options), only the entry and the output differ. The size floor
 * (bench/floor/floor-element.js: Lit + SimpleWebAuthn's `startRegistration` in a tiny
 * LitElement) and the bench's size peers are built with it, so every size is measured alike.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FLOOR_ENTRY = `${ROOT}bench/floor/floor-element.js`;

/**
 * @param {string} entry absolute path
 * @param {string} outFile absolute path of the bundle to write (its directory is emptied first)
 * @param {{external?: Record<string, string>, alias?: Record<string, string>}} [opts] external: import →
 *   global name (left out of the bundle); alias: import → absolute path to resolve it to
 * @returns {Promise<string>} outFile
 */
export async function bundleLikeDropIn(entry, outFile, { external, alias } = {}) {
  const slash = outFile.lastIndexOf('/');
  await build({
    root: ROOT,
    configFile: `${ROOT}vite.drop-in.config.ts`,
    logLevel: 'error',
    ...(alias ? { resolve: { alias } } : {}),
    build: {
      outDir: outFile.slice(0, slash),
      emptyOutDir: true,
      rolldownOptions: {
        input: entry,
        ...(external ? { external: Object.keys(external) } : {}),
        // A peer's dynamic imports go into the one file too (an IIFE has no chunks).
        output: { entryFileNames: outFile.slice(slash + 1), codeSplitting: false, ...(external ? { globals: external } : {}) },
      },
    },
  });
  if (!existsSync(outFile)) throw new Error(`bundle: the build of ${entry} wrote no ${outFile}`);
  return outFile;
}

/** The size floor, bundled like the drop-in into `outDir/floor.min.js`. @param {string} outDir */
export const buildFloor = (outDir) => bundleLikeDropIn(FLOOR_ENTRY, `${outDir}/floor.min.js`);
