/**
 * The one test fixture of the component tests: `appendFixture()` mounts `<corbado-append>`
 * against the same-origin emulator (test/helpers/emulator.ts) with the engine's virtual authenticator
 * (test/helpers/webauthn.ts), records what it emits, and undoes it all after the test
 * (test/helpers/cleanup.ts): the element removed, the authenticator detached.
 *
 *   const m = await appendFixture({ scenario: { autoAppend: true } });
 *   await m.state('ready');
 *   m.click('primary-button');
 *
 * Tests use only the element's public contract: attributes and properties, `state`, its
 * `corbado-append-*` events, its shadow parts, plus the emulator, the authenticator and spies on
 * browser globals (test/helpers/spies.ts).
 */
import { waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { CorbadoAppend } from '../../src/index.js';
import { APPEND_EVENT_NAMES } from '../../src/contract.js';
import { onCleanup } from './cleanup.js';
import { emulatorUrl, mintToken, setScenario, uniqueProjectId, type ScenarioPatch } from './emulator.js';
import { POLL, eventLog, eventsButStates, until, type EventLog, type Recorded } from './event-log.js';
import { realTimers } from './spies.js';
import { addAuthenticator, clearAuthenticators, type VirtualAuthenticatorOptions } from './webauthn.js';

/**
 * The element's own time limits, from the one module that defines them (src/times.ts): the
 * conditional-create time-box and how long an `appendTokenProvider` may take.
 */
export { CONDITIONAL_TIMEBOX_MS, TOKEN_TIMEOUT_MS } from '../../src/times.js';

/** `waitUntil` of @open-wc/testing with this suite's polling: resolves once `check()` is true. */
export const waitFor = (check: () => unknown, what: string, timeoutMs = POLL.timeout): Promise<void> =>
  waitUntil(check, what, { ...POLL, timeout: timeoutMs });

/** {@link waitFor} on the page's real timers: for tests that fake `setTimeout` (sinon). */
export async function waitForReal(check: () => unknown, what: string, timeoutMs = POLL.timeout): Promise<void> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => realTimers.setTimeout(r, POLL.interval));
  }
}

export interface FixtureOptions {
  /** Default: a fresh `uniqueProjectId()`. Pass one to mount again on the same project. */
  projectId?: string;
  /** Set on the emulator before mounting (what init/start/finish answer). */
  scenario?: ScenarioPatch;
  /**
   * The virtual authenticator: options for it (default `{}`: ctap2, internal, resident keys, UV,
   * automatic presence), or `false` for none. One per test: a second fixture reuses the first's.
   */
  authenticator?: Partial<VirtualAuthenticatorOptions> | false;
  /** Default: a provider minting a fresh emulator token per call. `null`: no provider. */
  provider?: (() => Promise<string>) | null;
  attrs?: Record<string, string>;
  props?: Partial<CorbadoAppend>;
  /** Default: `document.body`. */
  parent?: HTMLElement;
}

/** The element mounted, and its events ({@link EventLog}). */
export interface AppendFixture extends EventLog {
  el: CorbadoAppend;
  projectId: string;
  /** The test's virtual authenticator (undefined with `authenticator: false`). */
  authenticatorId: string | undefined;
  /** Resolves once `el.state === state` and the element has rendered it. */
  state(state: string, timeoutMs?: number): Promise<void>;
  /** A part inside the shadow root. */
  part<T extends HTMLElement = HTMLButtonElement>(name: string): T | null;
  /** A part's trimmed text. */
  text(name: string): string | undefined;
  /** Clicks a part as the user would (a disabled button ignores it). */
  click(name: string): void;
  /**
   * Runs a part's click handler through the DOM, even on a disabled button: what a keyboard
   * activation or a second click reaches before Lit re-renders the button as disabled.
   */
  activate(name: string): void;
  remove(): void;
  /**
   * Ends the visit: removes the element and resolves once its flow has let go of Corbado's kept
   * process ({@link processReleased}). A fixture mounted after it on the project is a second visit.
   */
  leave(): Promise<void>;
}

let authenticator: Promise<string> | undefined;

/**
 * The test's virtual authenticator, attached on first use (with `options`) and detached after
 * the test. Chromium allows one `internal` authenticator per page, hence one per test.
 */
export function testAuthenticator(options: Partial<VirtualAuthenticatorOptions> = {}): Promise<string> {
  if (authenticator) {
    if (Object.keys(options).length) throw new Error('testAuthenticator: already attached; pass its options on first use');
    return authenticator;
  }
  authenticator = addAuthenticator(options);
  onCleanup(async () => {
    authenticator = undefined;
    await clearAuthenticators();
  });
  return authenticator;
}

/** Mounts `<corbado-append>` on a project of the emulator; see the module comment. */
export async function appendFixture(opts: FixtureOptions = {}): Promise<AppendFixture> {
  const projectId = opts.projectId ?? uniqueProjectId();
  if (opts.scenario) await setScenario(projectId, opts.scenario);
  const authenticatorId = opts.authenticator === false ? undefined : await testAuthenticator(opts.authenticator);
  return mountAppend(projectId, { ...opts, authenticatorId });
}

/**
 * The synchronous part of {@link appendFixture}: mounts now, in this task, on a project set up
 * beforehand (scenario, authenticator) — for tests that act before the flow's first microtask.
 */
export function mountAppend(
  projectId: string,
  opts: Omit<FixtureOptions, 'projectId' | 'scenario' | 'authenticator'> & { authenticatorId?: string } = {},
): AppendFixture {
  const el = document.createElement('corbado-append');
  const events: Recorded[] = [];
  const changed = new Set<() => void>();
  for (const type of APPEND_EVENT_NAMES) {
    el.addEventListener(type, (e) => {
      events.push({ type, detail: (e as CustomEvent).detail });
      for (const check of changed) check();
    });
  }
  el.setAttribute('project-id', projectId);
  el.setAttribute('frontend-api-url', emulatorUrl());
  for (const [k, v] of Object.entries(opts.attrs ?? {})) el.setAttribute(k, v);
  if (opts.provider !== null) el.appendTokenProvider = opts.provider ?? (() => mintToken(projectId));
  Object.assign(el, opts.props ?? {});
  (opts.parent ?? document.body).append(el);
  onCleanup(() => el.remove());

  const log = eventLog(events, changed, (type, seen) => `${type} (now ${el.state}; events ${seen})`);
  /**
   * Resolves once `done()` holds: checked now, on every event, and every 20 ms. On the page's
   * real timers, so it works under fake or counted timers (`waitUntil` of @open-wc/testing uses
   * the global `setTimeout` and leaves its timeout timer running).
   */
  const when = (done: () => boolean, what: () => string, timeoutMs: number) => until(done, what, timeoutMs, changed);
  const part = <T extends HTMLElement = HTMLButtonElement>(name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  const mustPart = (name: string) => {
    const p = part(name);
    if (!p) throw new Error(`no part ${name} in state ${el.state}`);
    return p;
  };
  return {
    el,
    projectId,
    authenticatorId: opts.authenticatorId,
    ...log,
    async state(state, timeoutMs = POLL.timeout) {
      await when(
        () => el.state === state,
        () => `state ${state} (now ${el.state}; events ${eventsButStates(events)})`,
        timeoutMs,
      );
      await el.updateComplete;
    },
    part,
    text: (name) => part(name)?.textContent?.trim(),
    click: (name) => mustPart(name).click(),
    activate: (name) => void mustPart(name).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })),
    remove: () => el.remove(),
    async leave() {
      el.remove();
      await processReleased(projectId);
    },
  };
}

/**
 * Resolves once no flow of the page holds a process of `projectId`. A flow holds its process with
 * a Web Lock (`corbado-append:process:<projectId>:<processId>`, src/flow/claims.ts) while it shows
 * an offer or runs a finish; its release is asynchronous (in Firefox a round trip to the parent
 * process), so an element mounted right after a removal could still find the process held and
 * open one of its own — a second element beside the first, not a second visit.
 */
export async function processReleased(projectId: string): Promise<void> {
  if (!navigator.locks) return;
  const prefix = `corbado-append:process:${projectId}:`;
  await waitFor(
    async () => !((await navigator.locks.query()).held ?? []).some((lock) => lock.name?.startsWith(prefix)),
    `the claim on a process of ${projectId} let go`,
  );
}

/** Creates a passkey for the project's demo user on the test's authenticator (an earlier visit). */
export async function registerPasskey(projectId: string): Promise<void> {
  const first = await appendFixture({ projectId });
  await first.state('ready');
  first.click('primary-button');
  const complete = await first.event('corbado-append-complete');
  if (complete.status !== 'complete') throw new Error(`registerPasskey: ${JSON.stringify(complete)}`);
  await first.leave();
}
