#!/usr/bin/env node
// @ts-check
/**
 * The kit's emulator types from the emulator's JSDoc: emulator/contract.js and emulator/client.js
 * → kit/generated/contract.d.ts and kit/generated/client.d.ts (tsc `--declaration --allowJs
 * --emitDeclarationOnly`, as tsc writes them: .prettierignore skips them). kit/emulator.types.d.ts,
 * the published types of `corbado-append/emulator`, re-exports them: the scenario, the faults and
 * the client are written once, in the emulator.
 * test/emulator/types.test.js fails when they are stale; `npm run typecheck:js` when the kit's
 * types and the emulator's disagree (test/emulator/types.test.js's type assertions).
 *
 *   node scripts/emulator-types.js          rewrite kit/generated/*.d.ts
 *   node scripts/emulator-types.js --check  exit 1 when they are stale
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const EMULATOR = new URL('../emulator/', import.meta.url);
/** The emulator modules whose declarations the kit publishes. */
export const SOURCES = ['contract.js', 'client.js'].map((name) => new URL(name, EMULATOR));
export const GENERATED = new URL('../kit/generated/', import.meta.url);

/** @returns {Promise<Map<string, string>>} kit/generated file path → the content it must have */
export async function generatedTypes() {
  /** @type {ts.CompilerOptions} */
  const options = {
    allowJs: true,
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    rootDir: fileURLToPath(EMULATOR),
    outDir: fileURLToPath(GENERATED),
  };
  const program = ts.createProgram(
    SOURCES.map((url) => fileURLToPath(url)),
    options,
  );
  /** @type {Map<string, string>} */
  const out = new Map();
  const { diagnostics, emitSkipped } = program.emit(undefined, (file, text) => out.set(file, text));
  if (emitSkipped || diagnostics.length > 0) {
    const host = { getCanonicalFileName: (/** @type {string} */ f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
    throw new Error(`tsc could not declare the emulator's types:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
  for (const [file, emitted] of out) {
    // tsc keeps the JSDoc `@typedef` blocks as comments beside the type aliases it declares from them.
    const text = emitted.replace(/^\/\*\*(?:(?!\*\/)[\s\S])*@typedef(?:(?!\*\/)[\s\S])*\*\/\n/gm, '');
    const source = `emulator/${basename(file).replace(/\.d\.ts$/, '.js')}`;
    out.set(file, `// Generated from ${source} (its JSDoc) by scripts/emulator-types.js: do not edit, run it again.\n\n${text}`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const want = await generatedTypes();
  if (process.argv.includes('--check')) {
    /** @type {string[]} */
    const stale = [];
    for (const [file, text] of want) if ((await readFile(file, 'utf8').catch(() => '')) !== text) stale.push(file);
    if (stale.length > 0) {
      console.error(`stale: ${stale.join(', ')}: node scripts/emulator-types.js`);
      process.exit(1);
    }
  } else {
    for (const [file, text] of want) {
      await writeFile(file, text);
      console.log(`wrote ${file}`);
    }
  }
}
