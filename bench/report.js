/**
 * One table: each figure beside its budget (docs/design.md "Budgets"; "—" where none is set) and,
 * where one exists, beside the floor measured in the same run. Text for the console, Markdown
 * for RESULTS.md.
 */
import { SIZE_BUDGET_GZIP as GZIP_BUDGET, SIZE_BUDGET_RATIO as RATIO_BUDGET } from '../scripts/size.js';
import { offerRows, pick } from './report-offer.js';
import { kb, median, ms } from './stats.js';
/** Heap growth per cycle in the 2nd half that counts as a leak unless it is under half the 1st half's. */
const LEAK_BYTES_PER_CYCLE = 32;

/**
 * @typedef {object} BenchResults everything one run measured (written to .bench/results.json)
 * @property {string} runId
 * @property {number[]} latencies added per request (ms), one set of offer loads each
 * @property {{loads: string, clicks: string, cycles: string, only: string, write: boolean}} args
 * @property {ReturnType<typeof import('./machine.js').sourceState>} source
 * @property {ReturnType<typeof import('./machine.js').machine> & {loadAverageEnd?: number[]}} [machine]
 * @property {Awaited<ReturnType<typeof import('./size.js').measureSize>>} [size]
 * @property {Awaited<ReturnType<typeof import('./breakdown.js').measureBreakdown>>} [breakdown]
 * @property {import('./offer.js').OfferResults} [offer]
 * @property {import('./click.js').ClickSample[]} [click]
 * @property {Awaited<ReturnType<typeof import('./memory.js').measureMemory>>} [memory]
 */
/** @typedef {{section: string, measure: string, figure: string, budget: string, floor: string, verdict: string}} Row */

const verdict = (/** @type {boolean} */ ok) => (ok ? 'ok' : 'MISS');
/** @template T @param {T[]} xs @param {(x: T) => unknown} f */
const count = (xs, f) => `${xs.filter(f).length}/${xs.length}`;
const signedKb = (/** @type {number} */ b) => `${b >= 0 ? '+' : '−'}${kb(Math.abs(b))}`;
const listenerText = (/** @type {Record<string, number>} */ o) =>
  Object.entries(o)
    .map(([k, n]) => `${n}× ${k}`)
    .join(', ') || '0';

/** @param {BenchResults} results @returns {Row[]} */
export function rows({ size, offer, latencies, click, memory }) {
  /** @type {Row[]} */
  const out = [];
  /** @param {string} section @param {string} measure @param {string} figure */
  const row = (section, measure, figure, budget = '—', floor = '—', v = '—') =>
    out.push({ section, measure, figure, budget, floor, verdict: v });

  if (size) {
    const { product: p, floor: f } = size;
    const bytes = (/** @type {number} */ n) => `${kb(n)} (${n} B)`;
    row('Size', 'drop-in, gzip -9', bytes(p.gzip), `≤ ${kb(GZIP_BUDGET)}`, bytes(f.gzip), verdict(p.gzip <= GZIP_BUDGET));
    row('Size', 'drop-in, gzip ÷ floor', `${size.ratio.toFixed(2)}×`, `≤ ${RATIO_BUDGET}×`, '1.00×', verdict(size.ratio <= RATIO_BUDGET));
    row('Size', 'drop-in, brotli -q 11', bytes(p.brotli), '—', bytes(f.brotli));
    row('Size', 'drop-in, minified', bytes(p.raw), '—', bytes(f.raw));
    for (const peer of size.peers ?? []) {
      const times = `${(peer.gzip / f.gzip).toFixed(1)}× floor, ${(peer.gzip / p.gzip).toFixed(1)}× drop-in`;
      row('Size', `peer: ${peer.label}, gzip -9`, `${kb(peer.gzip)} (${times})`, '—', bytes(f.gzip));
    }
  }

  if (offer) offerRows(offer, latencies, row);

  if (click) {
    const sameTask = click.every((c) => c.sameTask);
    const active = click.every((c) => c.userActivation);
    const medMax = (/** @type {number[]} */ xs) => `${ms(median(xs))} (max ${ms(Math.max(...xs))})`;
    const budget = 'same task, no await';
    row(
      'Click',
      `click event → credentials.create() (${click.length} clicks)`,
      medMax(pick(click, 'delayMs')),
      budget,
      '—',
      verdict(sameTask),
    );
    row('Click', 'first click listener → credentials.create()', medMax(pick(click, 'inPageMs')), budget, '—', verdict(sameTask));
    row(
      'Click',
      "create() in the click's task",
      `${sameTask ? 'yes' : 'NO'} (${count(click, (c) => c.sameTask)})`,
      'yes',
      '—',
      verdict(sameTask),
    );
    row(
      'Click',
      'user activation active at create()',
      `${active ? 'yes' : 'NO'} (${count(click, (c) => c.userActivation)})`,
      'yes',
      '—',
      verdict(active),
    );
    row(
      'Click',
      'passkey made (complete)',
      count(click, (c) => c.status === 'complete'),
    );
  }

  if (memory) {
    const m = memory;
    const half = Math.floor(m.cycles / 2);
    // A leak grows by the same amount every half; V8's warm-up (optimised code, feedback) levels off.
    const secondPerCycle = m.heapSecondHalf / (m.cycles - half);
    const levelsOff = secondPerCycle < LEAK_BYTES_PER_CYCLE || m.heapSecondHalf < m.heapFirstHalf / 2;
    const heap =
      `${signedKb(m.heapDelta)}: ${signedKb(m.heapFirstHalf)} in 1–${half}, ` +
      `${signedKb(m.heapSecondHalf)} (${secondPerCycle.toFixed(0)} B/cycle) in ${half + 1}–${m.cycles}`;
    const listenersLeft = Object.values(m.listenersLeft).reduce((a, b) => a + b, 0);
    row('Memory', `JS heap after GC, ${m.cycles} cycles`, heap, 'no leak (growth levels off)', '—', verdict(levelsOff));
    row('Memory', 'elements alive after GC', `${m.elementsLeft}`, '0', '—', verdict(m.elementsLeft === 0));
    row('Memory', 'timers left', `${m.timersLeft}`, '0', '—', verdict(m.timersLeft <= 0));
    row('Memory', 'listeners left', listenerText(m.listenersLeft), '0', '—', verdict(listenersLeft === 0));
    row('Memory', 'pending fetches', `${m.pendingFetches} (of ${m.fetchesStarted} started)`, '0', '—', verdict(m.pendingFetches === 0));
    row(
      'Memory',
      'pending ceremonies (create())',
      `${m.pendingCreates} (of ${m.createsStarted} started)`,
      '0',
      '—',
      verdict(m.pendingCreates === 0),
    );
  }
  return out;
}

const HEAD = ['area', 'measure', 'figure', 'budget', 'floor (same run)', 'verdict'];
const cells = (/** @type {Row} */ r) => [r.section, r.measure, r.figure, r.budget, r.floor, r.verdict];

/** @param {Row[]} rs */
export function textTable(rs) {
  const table = [HEAD, ...rs.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (/** @type {string[]} */ r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(HEAD), rule, ...rs.map((r) => line(cells(r)))].join('\n');
}

/** @param {Row[]} rs */
export function markdownTable(rs) {
  const esc = (/** @type {string} */ c) => c.replace(/\|/g, '\\|');
  return [
    `| ${HEAD.map(esc).join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...rs.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}
