/**
 * The run the 100,000-run search found (seed 20261207, run 99,067), as stories replay it: one
 * tab with Web Locks, short options and process, an autoAppend ceremony whose passkey's first
 * finish attempt reaches the server 12 s late.
 */
import { DEFAULT_READINGS } from '../../../emulator/model.js';
import type { Step } from '../property.js';
import type { WorldOptions } from '../world.js';

/** The world of that run; `dateHeader`: whether the server's answers carry a readable `Date`. */
export const lateFinishWorld = (dateHeader: boolean): WorldOptions => ({
  readings: { ...DEFAULT_READINGS },
  locks: true,
  dateHeader,
  ttlMs: 20_000,
  processTtlMs: 45_000,
  deviceOffsetMs: 0,
  autoAppend: true,
  conditionalAppend: false,
  conditionalCreate: false,
  oldWebKit: false,
  signal: 'promise',
  nullExclude: false,
  foreignOrigin: false,
  faults: { init: [], start: [], finish: ['late'], events: [] },
});

/** Its steps: the sheet completed, the device clock set by `jumpMs`, the tab reloaded. */
export const clockThenReload = (jumpMs: number): Step[] => [
  { t: 'commit', sheet: 0, ms: 50 },
  { t: 'jump', ms: jumpMs },
  { t: 'reload', tab: 0 },
];
