/**
 * The "Time to offer" and "Overhead" rows of the table (bench/report.js): the built drop-in
 * beside the floor page and beside Corbado's own client, first and repeat visits, the
 * early-token gain with a slow token mint, the dev-server playground, and where the time before
 * init goes.
 */
import { median, ms, percentile } from './stats.js';

/** docs/design.md "Budgets": the drop-in page's median may exceed the floor page's by this much (ms), at +0 ms. */
export const OVER_FLOOR_MS = 15;
/** Requests and serial round trips before the offer (docs/design.md): first visit, repeat visit. */
export const MAX_REQUESTS = { first: 3, repeat: 2 };
const PROBE_BOUND_MS = 1000; // docs/design.md: each client probe bounded (≈ 1 s)

/** @typedef {import('./report.js').Row} Row */
/** @typedef {import('./offer.js').OfferSample} Sample */

const verdict = (/** @type {boolean} */ ok) => (ok ? 'ok' : 'MISS');
const medP95 = (/** @type {number[]} */ xs) => `${ms(median(xs))} (p95 ${ms(percentile(xs, 95))})`;
const range = (/** @type {number[]} */ xs) =>
  xs.length === 0 ? 'n/a' : Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`;
/** The numeric values of `key` over `samples` (missing ones left out). @template T @param {T[]} samples @param {keyof T} key */
export const pick = (samples, key) => /** @type {number[]} */ (samples.map((s) => s[key]).filter((v) => typeof v === 'number'));
const ratio = (/** @type {number} */ a, /** @type {number} */ b) => `${(a / b).toFixed(2)}×`;

/**
 * @param {import('./offer.js').OfferResults} offer @param {number[]} latencies
 * @param {(section: string, measure: string, figure: string, budget?: string, floor?: string, verdict?: string) => void} row
 */
export function offerRows(offer, latencies, row) {
  const T = 'Time to offer';
  for (const lat of latencies) {
    const get = (/** @type {string} */ key) => offer[`${key}@${lat}`] ?? [];
    const t = (/** @type {string} */ key) => pick(get(key), 'offerMs');
    const [dropIn, repeat, corbado, corbadoRepeat, floor] = ['drop-in', 'drop-in-repeat', 'corbado', 'corbado-repeat', 'floor'].map(t);
    if (!dropIn.length) continue;
    const at = `+${lat} ms/request`;
    const floorFig = floor.length ? medP95(floor) : '—';
    const beatsCorbado = !corbado.length || median(dropIn) <= median(corbado);
    const nearFloor = lat !== 0 || !floor.length || median(dropIn) <= median(floor) + OVER_FLOOR_MS;
    const budget = lat === 0 ? `≤ floor + ${OVER_FLOOR_MS} ms (${ms(median(floor) + OVER_FLOOR_MS)}), ≤ Corbado` : '≤ Corbado';
    row(
      T,
      `drop-in page (built), first visit, ${at} (${dropIn.length} loads)`,
      medP95(dropIn),
      budget,
      floorFig,
      verdict(nearFloor && beatsCorbado),
    );
    if (corbado.length) {
      row(T, `Corbado web-core, first visit, ${at}`, medP95(corbado), '—', floorFig);
      row(
        T,
        `drop-in ÷ Corbado, first visit (median · p95)`,
        `${ratio(median(dropIn), median(corbado))} · ${ratio(percentile(dropIn, 95), percentile(corbado, 95))}`,
      );
    }
    if (repeat.length) {
      const beats = !corbadoRepeat.length || median(repeat) <= median(corbadoRepeat);
      row(T, `drop-in page, repeat visit (process kept), ${at}`, medP95(repeat), '≤ Corbado', '—', verdict(beats));
    }
    if (corbadoRepeat.length) {
      row(T, `Corbado web-core, repeat visit, ${at}`, medP95(corbadoRepeat));
      if (repeat.length) {
        const fig = `${ratio(median(repeat), median(corbadoRepeat))} · ${ratio(percentile(repeat, 95), percentile(corbadoRepeat, 95))}`;
        row(T, `drop-in ÷ Corbado, repeat visit (median · p95)`, fig);
        const tl = (/** @type {Sample[]} */ xs) => timeline(xs).join(' · ');
        row(
          T,
          `  where it goes: token sent · answered · start sent · answered · ready (ms)`,
          `${tl(get('drop-in-repeat'))} (Corbado: ${tl(get('corbado-repeat'))})`,
        );
      }
    }
    for (const visit of /** @type {const} */ (['first', 'repeat'])) {
      const samples = get(visit === 'first' ? 'drop-in' : 'drop-in-repeat');
      if (!samples.length) continue;
      const max = MAX_REQUESTS[visit];
      const peer = get(visit === 'first' ? 'corbado' : 'corbado-repeat');
      const floorCol = visit === 'first' ? range(pick(get('floor'), 'requests')) : '—';
      for (const [what, key] of /** @type {const} */ ([
        ['requests', 'requests'],
        ['serial round trips', 'serial'],
      ])) {
        const xs = pick(samples, key);
        const corbadoText = peer.length ? ` (Corbado: ${range(pick(peer, key))})` : '';
        row(
          T,
          `${what} before the offer, ${visit} visit, ${at}`,
          `${range(xs)}${corbadoText}`,
          `≤ ${max}`,
          floorCol,
          verdict(xs.every((x) => x <= max)),
        );
      }
    }
    const [mint, early] = ['mint', 'mint-early'].map(t);
    if (mint.length && early.length) {
      row(T, `300 ms token mint, first visit, ${at}: token after init (default)`, medP95(mint));
      row(T, `300 ms token mint, first visit, ${at}: early-token (token ∥ init)`, medP95(early));
      const gain = median(mint) - median(early);
      row(T, `early-token gain (median), ${at}`, `−${ms(gain)} (−${((gain / median(mint)) * 100).toFixed(0)}%)`);
    }
    const dev = t('playground');
    if (dev.length) row(T, `playground (Vite dev server, Lit dev build), first visit, ${at}`, medP95(dev), '—', floorFig);
  }
  const all = latencies.flatMap((lat) => offer[`drop-in@${lat}`] ?? []);
  const foreign = (/** @type {boolean} */ peer) =>
    Object.entries(offer)
      .filter(([k]) => k.startsWith('corbado') === peer)
      .flatMap(([, v]) => v)
      .reduce((n, s) => n + (s.foreign ?? 0), 0);
  const ours = foreign(false);
  row(
    T,
    "requests to other hosts (every load but Corbado's)",
    `${ours} (Corbado's pages: ${foreign(true)})`,
    '0',
    '—',
    verdict(ours === 0),
  );
  if (all.length)
    overheadRows(
      all,
      latencies.flatMap((lat) => pick(offer[`floor@${lat}`] ?? [], 'probesMs')),
      row,
    );
}

/**
 * Median ms after connect at which the token request was sent and answered (response began),
 * start was sent and answered, and the offer was ready.
 * @param {Sample[]} samples
 */
function timeline(samples) {
  /** @param {string} name @param {1 | 2} at 1: sent, 2: response began */
  const when = (name, at) => median(samples.map((s) => Number(s.spans.find((x) => String(x[0]).includes(name))?.[at] ?? NaN)));
  const fmt = (/** @type {number} */ v) => v.toFixed(1);
  return [when('token', 1), when('token', 2), when('start', 1), when('start', 2), median(pick(samples, 'offerMs'))].map(fmt);
}

/**
 * Connect → init on the built drop-in page, first visits at every latency.
 * @param {Sample[]} all @param {number[]} floorProbes the probes alone on the idle floor page (ms)
 * @param {Parameters<typeof offerRows>[2]} row
 */
function overheadRows(all, floorProbes, row) {
  const initFetch = pick(all, 'initFetch');
  const initPw = pick(all, 'initPw');
  const bounded = `probes parallel, bounded (${PROBE_BOUND_MS} ms)`;
  const probeFloor = `${ms(median(floorProbes))} (probes alone, idle page)`;
  const within = (/** @type {number[]} */ xs) => verdict(median(xs) <= PROBE_BOUND_MS);
  const O = 'Overhead';
  row(
    O,
    `drop-in: connect → init request (Playwright request event, ${initPw.length} loads)`,
    medP95(initPw),
    bounded,
    probeFloor,
    within(initPw),
  );
  row(
    O,
    'drop-in: connect → init fetch() / sending (Resource Timing)',
    `${medP95(initFetch)} / ${ms(median(pick(all, 'initSend')))}`,
    bounded,
    probeFloor,
    within(initFetch),
  );
  const parts = /** @type {const} */ (['toProbes', 'probing', 'probesToInit']).map((k) => ms(median(pick(all, k))));
  row(O, 'of which: connect → probes · probes · probes → fetch()', parts.join(' · '), 'no serial awaits');
  const probed = all.filter((s) => s.probesParallel !== undefined);
  const parallel = probed.every((s) => s.probesParallel);
  const n = `${probed.filter((s) => s.probesParallel).length}/${probed.length}`;
  row(
    O,
    'probes in parallel (all called before the first settled)',
    `${parallel ? 'yes' : 'NO'} (${n})`,
    'no serial awaits',
    '—',
    verdict(parallel && probed.length > 0),
  );
}
