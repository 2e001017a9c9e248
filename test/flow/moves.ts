/** Readers of a move's effects, and the checks several transition tests share. */
import assert from 'node:assert/strict';
import { transition } from '../../src/flow/transition.js';
import type { Effect } from '../../src/flow/types.js';

/** Effect kinds in order: `emit:<event>`, `abort:<ceremony>`, `later:<slot>`, `cancel:<slot>`, `focus:<to>`, else the type. */
export const kinds = (effects: Effect[]) =>
  effects.map((e) => {
    switch (e.type) {
      case 'emit':
        return `emit:${e.event}`;
      case 'abort':
        return `abort:${e.ceremony}`;
      case 'later':
      case 'cancel':
        return `${e.type}:${e.slot}`;
      case 'focus':
        return `focus:${e.to}`;
      default:
        return e.type;
    }
  });
export const emitted = (effects: Effect[], event: string) =>
  effects.find((e) => e.type === 'emit' && e.event === event) as Extract<Effect, { type: 'emit' }> | undefined;
export const reported = (effects: Effect[]) =>
  effects.filter((e) => e.type === 'report').map((e) => (e as Extract<Effect, { type: 'report' }>).error);
export const tracked = (effects: Effect[]) =>
  effects.filter((e) => e.type === 'track').map((e) => (e as Extract<Effect, { type: 'track' }>).eventType);
/** The detail of the `complete` effect (`corbado-append-complete`, `clientState` added by the controller). */
export const completed = (effects: Effect[]) =>
  (effects.find((e) => e.type === 'complete') as Extract<Effect, { type: 'complete' }> | undefined)?.detail;

/**
 * `start` where the flow does not run (`problem`: WebAuthn unsupported here, or a "Not now" still
 * holds): skipped at once for that reason (`skip-implicit`), with no request and no report.
 */
export function assertSkippedAtStart(problem: 'unsupported' | 'snoozed'): void {
  const { state, effects } = transition({ name: 'idle' }, { type: 'start', problem });
  assert.deepEqual(state, { name: 'skipped', reason: problem });
  assert.deepEqual(kinds(effects), ['stop', 'emit:corbado-append-skip', 'focus:after']);
  assert.deepEqual(emitted(effects, 'corbado-append-skip')!.detail, { status: 'skip-implicit', reason: problem });
}
