/** Small statistics and formatting helpers. */

/**
 * Nearest-rank percentile (`p` in 0…100) of a list of numbers.
 * @param {number[]} values @param {number} p
 */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (/** @type {number[]} */ values) => percentile(values, 50);

/**
 * Serial round trips: the longest chain of requests in which each one starts after the
 * previous one ended (overlapping requests run in parallel and count once).
 * @param {{start: number, end: number}[]} spans `end`: when the request counts as answered
 */
export function serialRoundTrips(spans) {
  const sorted = [...spans].sort((a, b) => a.end - b.end);
  const chain = [];
  for (let i = 0; i < sorted.length; i++) {
    let best = 0;
    for (let j = 0; j < i; j++) if (sorted[j].end <= sorted[i].start) best = Math.max(best, chain[j]);
    chain.push(best + 1);
  }
  return Math.max(0, ...chain);
}

export const ms = (/** @type {number} */ v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : 'n/a');
export const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(2)} KB`;

/**
 * `promise`, or a rejection naming `what` after `ms` — so a broken page fails the bench instead of hanging it.
 * @template T @param {Promise<T>} promise @param {number} ms @param {string} what @returns {Promise<T>}
 */
export function withDeadline(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<never>} */
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: ${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
