/**
 * What each part of the drop-in costs: the drop-in built again, the same way (its own Vite
 * config) but with a source map, and every byte of the minified output attributed to the source
 * file it came from (the map's segments). Per part: minified bytes, and its gzip cost = gzip -9 of
 * the whole bundle minus gzip -9 of the bundle with that part's bytes cut out (what dropping it
 * would save, shared dictionary included). Parts: each file of src/, each dependency package.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { ROOT } from './server.js';

const OUT = `${ROOT}.bench/breakdown`;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Decode a source map's `mappings` into per-line segments `[column, sourceIndex | -1]`.
 * @param {string} mappings @returns {[number, number][][]}
 */
export function decodeMappings(mappings) {
  /** @type {[number, number][][]} */
  const lines = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    /** @type {[number, number][]} */
    const segs = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      /** @type {number[]} */
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = shift = 0;
        }
      }
      col += fields[0];
      if (fields.length > 1) source += fields[1];
      segs.push([col, fields.length > 1 ? source : -1]);
    }
    lines.push(segs);
  }
  return lines;
}

/** The part a source path belongs to: `src/…` file, or the package under node_modules. @param {string} path */
export function partOf(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const [a, b] = path.slice(nm + 13).split('/');
    return a.startsWith('@') ? `${a}/${b}` : a;
  }
  return relative(ROOT, path);
}

/**
 * Bytes of `code` per part, from its source map; unmapped bytes (the IIFE wrapper, helpers the
 * bundler writes) go to `(bundler)`.
 * @param {string} code @param {{sources: string[], mappings: string}} map @param {string} mapDir
 * @returns {Map<string, [number, number][]>} part → [start, end) offsets into `code`
 */
export function attribute(code, map, mapDir) {
  const parts = map.sources.map((s) => partOf(new URL(s, `file://${mapDir}/`).pathname));
  /** @type {Map<string, [number, number][]>} */
  const spans = new Map();
  const add = (/** @type {string} */ part, /** @type {number} */ a, /** @type {number} */ b) => {
    if (b <= a) return;
    const list = spans.get(part) ?? [];
    const last = list[list.length - 1];
    if (last && last[1] === a) last[1] = b;
    else list.push([a, b]);
    spans.set(part, list);
  };
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  decodeMappings(map.mappings).forEach((segs, line) => {
    const start = lineStarts[line] ?? code.length;
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : code.length;
    let at = start;
    let part = '(bundler)';
    for (const [col, src] of segs) {
      add(part, at, start + col);
      at = start + col;
      part = src >= 0 ? parts[src] : '(bundler)';
    }
    add(part, at, end);
  });
  return spans;
}

/** The drop-in, rebuilt with a source map by its own config. */
async function buildWithMap() {
  await build({
    root: ROOT,
    configFile: `${ROOT}vite.drop-in.config.ts`,
    logLevel: 'warn',
    build: { outDir: OUT, emptyOutDir: true, sourcemap: true },
  });
  const code = readFileSync(`${OUT}/corbado-append.min.js`, 'utf8');
  const map = JSON.parse(readFileSync(`${OUT}/corbado-append.min.js.map`, 'utf8'));
  return { code, map };
}

/**
 * @param {string} [dropInFile] the drop-in `npm run build` wrote, to check the rebuild is the same bundle
 * @returns {Promise<{total: {raw: number, gzip: number}, sameAsBuild: boolean | undefined, parts: {part: string, raw: number, gzipCost: number}[]}>}
 */
export async function measureBreakdown(dropInFile) {
  const { code, map } = await buildWithMap();
  // The map's comment is the only difference from the build's own output.
  const bare = code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
  const gz = (/** @type {string} */ s) => gzipSync(s, { level: 9 }).length;
  const whole = gz(bare);
  const spans = attribute(bare, map, OUT);
  const parts = [...spans].map(([part, list]) => {
    let cut = '';
    let at = 0;
    for (const [a, b] of list) {
      cut += bare.slice(at, a);
      at = b;
    }
    cut += bare.slice(at);
    return { part, raw: list.reduce((n, [a, b]) => n + b - a, 0), gzipCost: whole - gz(cut) };
  });
  parts.sort((x, y) => y.gzipCost - x.gzipCost);
  const sameAsBuild = dropInFile ? readFileSync(dropInFile, 'utf8').trim() === bare.trim() : undefined;
  return { total: { raw: bare.length, gzip: whole }, sameAsBuild, parts };
}

/** What each part is, for the breakdown table (a part missing here is shown by its path alone). */
const FEATURES = {
  'lit-html': 'Lit: templates (floor)',
  '@lit/reactive-element': 'Lit: reactive properties, styles (floor)',
  'lit-element': 'Lit: LitElement (floor)',
  '@simplewebauthn/browser': 'SimpleWebAuthn: startRegistration and helpers (floor)',
  'src/components/messages.ts': 'texts (en and de built in today) and which text goes with which state',
  'src/components/corbado-append.ts': 'the element: properties, render per state, events',
  'src/components/corbado-append.styles.ts': 'styles, light and dark',
  'src/flow/transition.ts': 'the flow table: every legal move (offer, auto/conditional append, retries, expiry, finish)',
  'src/flow/controller.ts': 'the controller running effects (requests, ceremonies, timers)',
  'src/flow/load-offer.ts': 'token + start + options checks before the offer; token timeout',
  'src/flow/finish.ts': 'finish rules: retry until the deadline, signal only on a first-hand 4xx',
  'src/flow/init.ts': "the process kept like Corbado's client; frontendApiUrl followed",
  'src/flow/offer-clock.ts': 'expiresMs → deadline (Date header skew, clamps)',
  'src/flow/scope.ts': 'one undo list per flow (timers, aborts)',
  'src/flow/ports.ts': 'browser ports',
  'src/flow/types.ts': 'state names',
  'src/api/client.ts': 'Frontend API client: timeouts, errors, redirects, keepalive',
  'src/api/client-state.ts': "Corbado's localStorage keys: process, flags, client env handle, clientState",
  'src/api/config.ts': 'config checks; the safety rule for frontendApiUrl',
  'src/api/validate.ts': 'response validation',
  'src/webauthn/options.ts': 'attestationOptions parsing and checks',
  'src/webauthn/ceremony.ts': 'hardened create(), error classification',
  'src/webauthn/client-info.ts': 'clientInformation probes (parallel, bounded)',
  'src/webauthn/environment.ts': 'environment limits (frame permission, in-app browsers)',
  'src/webauthn/support.ts': 'WebAuthn support check',
  'src/errors.ts': 'the error class and codes',
  'src/index.ts': 'define once',
};

/**
 * The breakdown as Markdown: one row per part, then the budget's arithmetic.
 * @param {Awaited<ReturnType<typeof measureBreakdown>>} b
 * @param {{floorGzip: number, budgetGzip: number}} budget floorGzip: the floor of the same run; budgetGzip: the binding budget
 */
export function breakdownMarkdown(b, { floorGzip, budgetGzip }) {
  const isDep = (/** @type {string} */ p) => !p.startsWith('src/') && p !== '(bundler)';
  const sum = (/** @type {typeof b.parts} */ ps) => ps.reduce((n, p) => n + p.gzipCost, 0);
  const deps = sum(b.parts.filter((p) => isDep(p.part)));
  const own = sum(b.parts.filter((p) => !isDep(p.part)));
  const ui = sum(b.parts.filter((p) => p.part.startsWith('src/components/')));
  const logic = own - ui - sum(b.parts.filter((p) => p.part === '(bundler)' || p.part === 'src/index.ts'));
  const over = own - (budgetGzip - deps);
  const rows = b.parts.map(
    (p) =>
      `| ${p.part} | ${FEATURES[/** @type {keyof typeof FEATURES} */ (p.part)] ?? ''} | ${p.raw} | ${p.gzipCost} | ${((p.gzipCost / b.total.gzip) * 100).toFixed(1)}% |`,
  );
  return `## What each part of the drop-in costs

The drop-in rebuilt by its own config with a source map (${b.sameAsBuild ? 'byte for byte the bundle `npm run build` wrote' : 'NOT the same bytes as the build: read with care'}),
${b.total.raw} B minified, ${b.total.gzip} B gzip -9. Each byte of the minified output is attributed
to the source it came from; a part's **gzip cost** is what gzip -9 of the whole bundle loses when
that part's bytes are cut out (what dropping it would save). The costs add up to ${sum(b.parts)} B,
a little under the whole: parts share gzip's dictionary.

| part | what it is | minified B | gzip cost B | of the whole |
|---|---|---|---|---|
${rows.join('\n')}

Budget arithmetic (gzip B): the binding budget is ${budgetGzip} B (the smaller of 14 KB and 1.8× the
floor's ${floorGzip} B). The dependencies (Lit, SimpleWebAuthn) cost ${deps} B of it, which leaves
${budgetGzip - deps} B for our own code; our code costs ${own} B today, ${own - (budgetGzip - deps)} B over:
the element's UI and texts (\`src/components/\`) ${ui} B, the flow, API client and WebAuthn code
(\`src/flow/\`, \`src/api/\`, \`src/webauthn/\`, \`src/errors.ts\`) ${logic} B.
${over > 0 ? whatGoes(b.parts, over) : ''}`;
}

/** The core every flow needs: the table, the controller running it, its types and scope, the error class. */
const CORE = [
  'src/flow/transition.ts',
  'src/flow/controller.ts',
  'src/flow/types.ts',
  'src/flow/scope.ts',
  'src/flow/ports.ts',
  'src/errors.ts',
  'src/index.ts',
];

/**
 * What would have to go to fit: features outside the core, costliest first, until their gzip
 * costs cover `over` bytes (an estimate: costs of parts cut together add up only roughly).
 * @param {{part: string, gzipCost: number}[]} parts @param {number} over
 */
function whatGoes(parts, over) {
  // The UI stays (an element without one is not the product); the features behind it may go.
  const candidates = parts.filter((p) => p.part.startsWith('src/') && !p.part.startsWith('src/components/') && !CORE.includes(p.part));
  const rows = [];
  let cut = 0;
  for (const p of candidates) {
    if (cut >= over) break;
    cut += p.gzipCost;
    rows.push(`| ${p.part} | ${FEATURES[/** @type {keyof typeof FEATURES} */ (p.part)] ?? ''} | ${p.gzipCost} | ${cut} |`);
  }
  const enough = cut >= over;
  return `
To fit the budget with this code, ${over} B would have to go. Keeping the UI as it is and the core
(the flow table, its controller, types, scope, the error class), the features behind it,
costliest first:

| part | feature | gzip cost B | cut so far B |
|---|---|---|---|
${rows.join('\n')}

${
  enough
    ? `That is ${rows.length} of the ${candidates.length} features outside the core and the UI`
    : `Even all ${candidates.length} features outside the core and the UI (${cut} B) are not enough: the UI would have to shrink by ${over - cut} B too`
} — the hardening and fidelity the other issues require (options checks, the hardened ceremony,
the frontendApiUrl safety rule, the kept process, finish rules, response validation, probes).
`;
}
