/**
 * Mounting `<corbado-append>` against the same-origin emulator, and recording what it emits.
 */
import '../../src/index.js';
import type { CorbadoAppend } from '../../src/index.js';
import { emulatorUrl, mintToken } from './emulator.js';

export const EVENT_TYPES = [
  'corbado-append-ready',
  'corbado-append-complete',
  'corbado-append-skip',
  'corbado-append-error',
  'corbado-append-state',
] as const;
export type AppendEventType = (typeof EVENT_TYPES)[number];

export interface Recorded {
  type: AppendEventType;
  detail: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface Mounted {
  el: CorbadoAppend;
  events: Recorded[];
  /** Resolves with the detail of the first (or next, if `after` given) event of `type`. */
  next(type: AppendEventType, timeoutMs?: number): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves once `el.state === state`. */
  state(state: string, timeoutMs?: number): Promise<void>;
  /** A part inside the shadow root. */
  part<T extends HTMLElement = HTMLElement>(name: string): T | null;
  of(type: AppendEventType): any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  remove(): void;
}

export interface MountOptions {
  /** Default: a provider minting a fresh emulator token per call. `null`: no provider. */
  provider?: (() => Promise<string>) | null;
  attrs?: Record<string, string>;
  props?: Partial<CorbadoAppend>;
  parent?: HTMLElement;
}

/** Polls `check` every 10 ms until true or `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 10));
  }
}

export function mountAppend(projectId: string, opts: MountOptions = {}): Mounted {
  const el = document.createElement('corbado-append');
  const events: Recorded[] = [];
  for (const type of EVENT_TYPES) el.addEventListener(type, e => events.push({ type, detail: (e as CustomEvent).detail }));
  el.setAttribute('project-id', projectId);
  el.setAttribute('frontend-api-url', emulatorUrl());
  for (const [k, v] of Object.entries(opts.attrs ?? {})) el.setAttribute(k, v);
  if (opts.provider !== null) el.appendTokenProvider = opts.provider ?? (() => mintToken(projectId));
  Object.assign(el, opts.props ?? {});
  (opts.parent ?? document.body).append(el);
  const of = (type: AppendEventType) => events.filter(e => e.type === type).map(e => e.detail);
  return {
    el,
    events,
    of,
    async next(type, timeoutMs = 5000) {
      await until(() => of(type).length > 0, type, timeoutMs);
      return of(type)[0];
    },
    async state(state, timeoutMs = 5000) {
      try {
        await until(() => el.state === state, `state ${state}`, timeoutMs);
      } catch {
        const seen = JSON.stringify(events.filter(e => e.type !== 'corbado-append-state'));
        throw new Error(`timed out waiting for state ${state} (now ${el.state}; events ${seen})`);
      }
      await el.updateComplete;
    },
    part<T extends HTMLElement = HTMLElement>(name: string) {
      return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
    },
    remove() {
      el.remove();
    },
  };
}
