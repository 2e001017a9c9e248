#!/usr/bin/env node
// @ts-check
/**
 * `npm run build`: everything that ships, into dist/ (plus custom-elements.json at the root).
 *
 *   dist/corbado-append.min.js  drop-in: one classic <script>, IIFE, everything bundled, minified;
 *                               defines <corbado-append> once, adds no global
 *   dist/esm/index.js, react.js npm build: ES modules, not minified; `lit`, `@lit/react`,
 *                               `@simplewebauthn/browser` and `react` stay imports
 *   dist/types/**.d.ts          declarations (tsc -p tsconfig.build.json)
 *   custom-elements.json        Custom Elements Manifest (cem analyze --litelement)
 *
 * Ends with the drop-in's size: raw, gzip (level 9), brotli. Budget (DESIGN.md): 12 KB gzip.
 *
 * Flags:
 *   --if-stale     do nothing when every output is newer than every input (used by test hooks)
 *   --check-size   exit 1 when the drop-in is over budget
 *
 * The Vite dev server config (vite.config.ts) is not used here: every build below passes its
 * own inline config (`configFile: false`).
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { minify } from 'terser';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { libraryPropertyNames, privateMemberNames } from './private-names.js';
import { formatSizes, measure, SIZE_BUDGET_GZIP } from './size.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));

export const DROP_IN = join(dist, 'corbado-append.min.js');
const OUTPUTS = [
  DROP_IN,
  join(dist, 'esm/index.js'),
  join(dist, 'esm/react.js'),
  join(dist, 'types/index.d.ts'),
  join(root, 'custom-elements.json'),
];
const INPUTS = [
  src,
  fileURLToPath(import.meta.url),
  join(root, 'scripts/private-names.js'),
  join(root, 'scripts/size.js'),
  join(root, 'custom-elements-manifest.config.mjs'),
  join(root, 'package.json'),
  join(root, 'package-lock.json'),
  join(root, 'tsconfig.json'),
  join(root, 'tsconfig.build.json'),
];

/** Imports that stay imports in the npm build (dependencies / peer dependencies). */
const EXTERNAL = /^(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/react|@simplewebauthn\/browser|react|react-dom)(\/|$)/;

/** Minify `html```/`css``` template literals of our own sources (Lit's recommended plugin). */
function literals() {
  return {
    ...minifyLiterals({ failOnError: true, filter: (/** @type {string} */ id) => id.startsWith(src) && id.endsWith('.ts') }),
    enforce: /** @type {const} */ ('pre'),
  };
}

/**
 * npm build: ES modules, readable, dependencies external. Two builds, so `react.js` imports the
 * element from `./index.js` instead of both sharing a hashed chunk.
 */
async function buildEsm(/** @type {string} */ outDir) {
  const index = join(src, 'index.ts');
  for (const [name, entry] of [
    ['index', index],
    ['react', join(src, 'react.ts')],
  ]) {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      plugins: [
        {
          name: 'esm-sibling-entry',
          enforce: 'pre',
          async resolveId(id, importer) {
            if (name !== 'react' || !importer || !id.startsWith('.')) return undefined;
            const resolved = await this.resolve(id, importer, { skipSelf: true });
            return resolved?.id === index ? { id: './index.js', external: true } : undefined;
          },
        },
      ],
      build: {
        outDir,
        emptyOutDir: name === 'index',
        target: 'es2022',
        minify: false,
        sourcemap: false,
        copyPublicDir: false,
        lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
        rolldownOptions: { external: (id) => EXTERNAL.test(id) },
      },
    });
  }
}

const DROP_IN_ENTRY = 'virtual:corbado-append-drop-in';

/** Drop-in: one IIFE, everything bundled; minified afterwards by `minifyDropIn`. */
export async function bundleDropIn() {
  const out = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [
      literals(),
      {
        // A side-effect-only entry: the IIFE defines the element and exports nothing (no global).
        name: 'drop-in-entry',
        enforce: /** @type {const} */ ('pre'),
        resolveId(id) {
          if (id === DROP_IN_ENTRY) return `\0${DROP_IN_ENTRY}`;
          // src/index.ts defines the element: never let "sideEffects" tree-shake it away.
          if (id === join(src, 'index.ts')) return { id, moduleSideEffects: true };
          return undefined;
        },
        load: (id) => (id === `\0${DROP_IN_ENTRY}` ? `import ${JSON.stringify(join(src, 'index.ts'))};` : undefined),
      },
    ],
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      sourcemap: false,
      modulePreload: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: DROP_IN_ENTRY,
        output: { format: 'iife', entryFileNames: 'corbado-append.js' },
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  const chunks = outputs.filter((o) => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`drop-in: expected one chunk, got ${chunks.length}`);
  return /** @type {{code: string, moduleIds: string[]}} */ (chunks[0]);
}

/**
 * terser, 3 passes, and renaming of TypeScript `private` members that are provably private
 * (scripts/private-names.js) and unused as property names by the bundled libraries.
 * @param {{code: string, moduleIds: string[]}} chunk
 */
export async function minifyDropIn(chunk) {
  const { names } = privateMemberNames(join(root, 'tsconfig.build.json'), [join(src, 'index.ts')]);
  const libraryFiles = chunk.moduleIds.filter((id) => id.includes('/node_modules/') && existsSync(id));
  const libraryNames = libraryPropertyNames(libraryFiles);
  const mangled = names.filter((n) => !libraryNames.has(n));
  const result = await minify(chunk.code, {
    ecma: 2020,
    toplevel: true,
    compress: { passes: 3, ecma: 2020 },
    mangle: {
      toplevel: true,
      properties: mangled.length ? { regex: new RegExp(`^(?:${mangled.join('|')})$`) } : false,
    },
    format: { comments: false, ecma: 2020 },
  });
  if (!result.code) throw new Error(`terser produced no code (input ${chunk.code.length} chars)`);
  return { code: `${result.code}\n`, mangled };
}

/** @param {string} script @param {string[]} argv */
function run(script, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...argv], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`${relative(root, script)} exited with ${code}`))));
  });
}

async function buildTypes(/** @type {string} */ outDir) {
  await run(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir]);
}

async function buildManifest(/** @type {string} */ outDir) {
  const cem = join(dirname(require.resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js');
  await run(cem, ['analyze', '--litelement', '--quiet', '--outdir', relative(root, outDir)]);
}

/** @param {string} p @returns {number} newest mtime under p (ms), 0 when missing */
function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((e) => newest(join(p, e))));
}

function isFresh() {
  const outs = OUTPUTS.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0));
  return Math.min(...outs) > Math.max(...INPUTS.map(newest));
}

async function main() {
  if (args.has('--if-stale') && isFresh()) {
    console.log('build: dist/ is up to date');
    return;
  }
  const t0 = Date.now();
  // Build into a private folder, then move each output into place: a concurrent reader (another
  // test run in the same tree) never sees a half-written dist/.
  const tmp = join(dist, `.build-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await buildEsm(join(tmp, 'esm'));
    const chunk = await bundleDropIn();
    const { code, mangled } = await minifyDropIn(chunk);
    if (!code.includes('customElements.define("corbado-append"')) throw new Error('drop-in does not define the element');
    await writeFile(join(tmp, 'corbado-append.min.js'), code);
    // tsc and the manifest analyzer are independent: run them side by side.
    await Promise.all([buildTypes(join(tmp, 'types')), buildManifest(tmp)]);

    for (const dir of ['esm', 'types']) {
      await rm(join(dist, dir), { recursive: true, force: true });
      await rename(join(tmp, dir), join(dist, dir));
    }
    await rename(join(tmp, 'custom-elements.json'), join(root, 'custom-elements.json'));
    await rename(join(tmp, 'corbado-append.min.js'), DROP_IN); // last: the freshness marker
    console.log(`build: ${mangled.length} private members renamed in the drop-in`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  const sizes = measure(await readFile(DROP_IN));
  console.log(`build: dist/esm/{index,react}.js, dist/types/, custom-elements.json (${Date.now() - t0} ms)`);
  console.log(`build: ${relative(root, DROP_IN)}  ${formatSizes(sizes)}`);
  if (sizes.gzip > SIZE_BUDGET_GZIP) {
    console.log(`build: OVER BUDGET — ${sizes.gzip} B gzip > ${SIZE_BUDGET_GZIP} B (12 KB)`);
    if (args.has('--check-size')) process.exitCode = 1;
  } else {
    console.log(`build: within budget (${SIZE_BUDGET_GZIP - sizes.gzip} B left of 12 KB gzip)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
