/** bench/RESULTS.md: one run's table, the machine it ran on, and how each figure is measured. */
import { SIZE_BUDGET_GZIP, SIZE_BUDGET_RATIO } from '../scripts/size.js';
import { breakdownMarkdown } from './breakdown.js';
import { markdownTable } from './report.js';

/**
 * @param {import('./report.js').BenchResults} results
 * @param {import('./report.js').Row[]} table
 * @param {{loads: string, clicks: string, cycles: string}} args
 */
export function resultsMarkdown(results, table, args) {
  const m = results.machine;
  if (!m) throw new Error('bench: results without the machine they ran on');
  const mem = results.memory;
  const misses = table.filter((r) => r.verdict === 'MISS');
  const floorGzip = results.size?.floor.gzip;
  const breakdown =
    results.breakdown && floorGzip
      ? `\n${breakdownMarkdown(results.breakdown, { floorGzip, budgetGzip: Math.min(SIZE_BUDGET_GZIP, Math.floor(floorGzip * SIZE_BUDGET_RATIO)) })}`
      : '';
  return `# Bench results

One run of \`npm run bench\` on ${m.date.slice(0, 10)} (${m.date}).

- Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB memory, ${m.os}
- Chromium ${m.chromium} (headless), Node ${m.node}
- Load average (1, 5, 15 min) as the browser started: ${m.loadAverage.join(', ')}; at the end: ${m.loadAverageEnd?.join(', ')}
  (the timings are only as quiet as the machine was)
- Source: commit ${results.source.commit}${results.source.srcChanged ? ' plus uncommitted changes in src/ (the tree is shared)' : ''}
- Drop-in measured: ${results.size?.source ?? 'n/a'}; ${args.loads} page loads per page and latency, ${args.clicks} clicks, ${args.cycles} mount/unmount cycles
- KB = 1024 bytes. "—" in the budget column: docs/design.md sets no budget for that figure.

${markdownTable(table)}
${misses.length ? `\n**Misses:** ${misses.map((r) => `${r.measure} (${r.figure}, budget ${r.budget})`).join('; ')}.\n` : ''}${
    mem?.timersAfter.length
      ? `\nAll timers alive after the cycles, the page's own included ("timers left" counts only those added by the cycles): ${JSON.stringify(mem.timersAfter)} (delays in ms).\n`
      : ''
  }${breakdown}
${METHOD}`;
}

const METHOD = `## How each figure is measured

Run it with \`npm run bench\` (add \`-- --write\` to rewrite this file). The bench runs
\`npm run build\`, builds the bench pages for production (\`bench/pages/*.js\`, each in one HTML
skeleton; Vite, minified) and serves them with the emulator on one origin from a plain static server
(\`bench/static.js\`), starts its own Vite dev server (the repo's \`vite.config.ts\`: playground and
emulator) without file watching, both on free ports, and its own headless Chromium
(\`CHROME_PATH\`, default \`/usr/bin/chromium\`), and stops all of them at the end. Raw figures of
the last run: \`.bench/results.json\`. Page instrumentation: \`bench/pages/hooks.js\` and
\`hooks-leaks.js\` (one init script).

- **Size** — \`dist/corbado-append.min.js\` as \`npm run build\` writes it (the minified IIFE
  drop-in). The floor is \`bench/floor/floor-element.js\`, a LitElement whose button calls
  SimpleWebAuthn's \`startRegistration\`; it and the peers (\`bench/peers/\`: Corbado's
  \`CorbadoConnectAppend\` from \`@corbado/connect-react\` mounted with React and ReactDOM, the same
  with React left out, \`@corbado/web-core\`'s \`ConnectService\` append calls, Hanko's
  \`register\` from \`@teamhanko/hanko-elements\`; all pinned devDependencies) are bundled in the
  same run by the drop-in's own Vite config (\`scripts/bundle.js\`: one IIFE, es2022, the same
  terser options). gzip level 9 and brotli quality 11 with \`node:zlib\`. The budget is the
  smaller of 14 KB and 1.8× the floor; \`npm run build -- --check-size\` builds the floor and
  fails above it (CI runs it).
- **Time to offer** — page loads of: the floor page (\`offer-floor.html\`: the protocol's three
  serial calls, init → token → start, as bare \`fetch()\` calls, no component, no probes); the
  built drop-in page (\`offer-drop-in.html\`: the drop-in by a classic script tag, production Lit;
  the page mounts the element with an \`appendTokenProvider\`); Corbado's own client
  (\`offer-corbado.html\`: \`@corbado/web-core\`'s \`ConnectService\` doing what
  \`CorbadoConnectAppend\`'s init screen does — \`appendInit\` with its probes as shipped,
  FingerprintJS and detectIncognito included, then the token, then \`startAppend\`; its API base
  pointed at the emulator with web-core's \`customDomain\`); the drop-in page with a 300 ms token
  mint (the provider waits 300 ms, then asks the emulator), without and with \`early-token\`; and
  the playground on the Vite dev server (Lit's development build). Each target in its own tab,
  loads interleaved target by target, each load a fresh emulator project (a first visit); the
  drop-in and Corbado pages then load the same project once more (a repeat visit: the process
  kept in localStorage, so no init). The emulator delays each \`/v2\` response by 0 or 100 ms
  (scenario \`latencyMs\`; the token comes from the page's own backend and is not delayed).
  *connect* is taken in a wrapper of the element's \`connectedCallback\`, installed before
  \`customElements.define\` (so before any of the element's own code runs); the floor and Corbado
  pages mark it as they start (Corbado's: just before its \`ConnectService\` is made, where the
  component would mount — React's own render time is not counted, in the peer's favour);
  *ready* is a window capture listener for \`corbado-append-ready\` (the Corbado and floor pages
  dispatch it once start's options are in hand); both on the page's \`performance.now()\`.
  Requests are Playwright \`request\` events for \`/v2/*\` and \`/emulator/append-token\` started
  before *ready*; serial round trips = the longest chain in which each request starts after the
  previous one's response began to arrive. Requests to any other host are counted too.
- **Overhead (connect → init)** — the built drop-in page's first visits, both latencies.
  Playwright's \`request\` event time (Chromium's wall clock) against the connect mark moved to
  wall clock with \`performance.timeOrigin\`; and on the page's own clock, the init request's
  Resource Timing \`startTime\` (\`fetch()\` called) and \`requestStart\` (sending began). The
  breakdown wraps the client-information probes (\`isUserVerifyingPlatformAuthenticatorAvailable\`,
  \`isConditionalMediationAvailable\`, \`getClientCapabilities\`, Bluetooth \`getAvailability\` where it
  exists, UA-CH \`getHighEntropyValues\`): connect → first probe called, first called → last
  settled, last settled → init \`fetch()\`; they ran in parallel when every probe was called
  before the first one settled. Its floor: the same probes alone, in parallel, on the floor page
  once it is idle (after its offer).
- **Click** — the built drop-in page with a CDP virtual authenticator (ctap2, internal, resident
  key, UV, automatic presence) attached before the page loads; Playwright clicks
  \`[part=primary-button]\` once the offer is ready, and every click must end in
  \`corbado-append-complete\`. A wrapper of \`CredentialsContainer.prototype.create\` records
  \`navigator.userActivation.isActive\` (in Chromium it stays true ~5 s after a click, so it does
  not prove the task by itself), the time since the click event's \`timeStamp\` and since the first
  click listener ran, and whether the click's task was still running: the first click listener
  (window, capture) posts a \`MessageChannel\` message, which is delivered only after the click's
  task; \`create()\` before that ran in the click's task. (Checked against a test page: \`create()\`
  after a \`setTimeout(0)\` or an awaited \`fetch()\` reads "no"; after \`await null\` it reads "yes" —
  a microtask is still the same task.)
- **Memory** — \`cycles.html\` (\`bench/pages/cycles.js\`) with the drop-in; each cycle appends a
  fresh element, waits for a stage and removes it, round robin: \`loading\` (probes running), \`init-sent\` (init
  in flight; that project answers 50 ms late), \`ready\` (options held, refresh and expiry timers
  armed), \`creating\` (autoAppend's \`create()\` pending: the virtual authenticator's presence
  simulation is off, so only the element's abort ends it). 20 warm-up cycles first. Before, half
  way and after: wait until no \`fetch()\` and no \`create()\` is pending (capped at 15 s) and every
  one-shot timer of ≤ 2 s has fired or been cleared (the bounded probes), force GC twice over CDP
  (\`HeapProfiler.collectGarbage\`), then read \`Runtime.getHeapUsage\`, live element instances
  (\`Runtime.queryObjects\` on the element's prototype), live timers (wrapped
  \`setTimeout\`/\`setInterval\`, forgotten when they fire or are cleared) and live listeners (wrapped
  \`add/removeEventListener\`, held by \`WeakRef\`, honouring \`once\` and \`signal\`; only those whose
  target survived the GC count). "left" = after minus before. The heap is read in two halves
  because V8's warm-up (optimised code, feedback) adds tens of KB that level off, while a leak
  keeps growing: the verdict is a leak when the second half still grows ≥ 32 B/cycle and by at
  least half as much as the first. (The detectors were checked with a deliberately leaky page
  script: retained elements, a window listener and a 10-minute timer per cycle all show up.)
`;
