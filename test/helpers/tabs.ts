/**
 * A second tab of the test's browser: `openTab()` opens test/pages/tab.html with `window.open`
 * from the test page (tab 1) — a real top-level browsing context of the same browser and origin,
 * sharing `localStorage` (and its `storage` events), BroadcastChannel and Web Locks with the test
 * page — which mounts `<corbado-append>` for a project and reports its element's events back by
 * postMessage. The tab is closed after the test (test/helpers/cleanup.ts).
 *
 * The tab never takes tab 1's place in front of the user: WebAuthn runs only in the tab the user
 * looks at (Chromium: a visible WebContents; Firefox: the selected tab of the focused window), and
 * tab 1 is the one that makes the passkey. So it is opened as a popup window: Chromium shows it
 * as a window of its own beside tab 1; Firefox turns it into a background tab of tab 1's window
 * (prefs `browser.link.open_newwindow.restriction` 0 and `browser.tabs.loadDivertedInBackground`,
 * test/engines/firefox.js).
 */
import { onCleanup } from './cleanup.js';
import { getRequests, type EmulatorRequest } from './emulator.js';
import { POLL, eventLog, until, type AppendEventType, type EventLog, type Recorded } from './event-log.js';
import type { FetchSpy } from './spies.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- event details are checked field by field */

export interface TabOptions {
  /** false: STUB of a browser without Web Locks — `navigator.locks` removed before the element loads (default true). */
  webLocks?: boolean;
}

/** The second tab, and its element's events ({@link EventLog}). */
export interface OtherTab extends EventLog {
  /** Its window (same origin: readable from tab 1). */
  window: Window;
  /** Whether it has Web Locks (`navigator.locks`), as it reported when its page loaded. */
  webLocks: boolean;
  /** Closes it (idempotent; also done after the test). */
  close(): void;
}

let opened = 0;

/** Opens a second tab that mounts `<corbado-append>` for `projectId`; resolves once its page loaded (its element is being mounted). */
export async function openTab(projectId: string, opts: TabOptions = {}): Promise<OtherTab> {
  const id = `tab-${++opened}-${Date.now().toString(36)}`;
  const events: Recorded[] = [];
  const errors: string[] = [];
  const changed = new Set<() => void>();
  let loaded: { webLocks: boolean } | undefined;
  const onMessage = (e: MessageEvent) => {
    const m = e.data as { source?: string; tab?: string; type: string; detail: any } | null;
    if (e.origin !== location.origin || m?.source !== 'corbado-append-tab' || m.tab !== id) return;
    if (m.type === 'loaded') loaded = m.detail;
    else if (m.type === 'page-error') errors.push(String(m.detail));
    else events.push({ type: m.type as AppendEventType, detail: m.detail });
    for (const check of changed) check();
  };
  addEventListener('message', onMessage);

  const query = new URLSearchParams({ tab: id, projectId, ...(opts.webLocks === false ? { webLocks: '0' } : {}) });
  const win = window.open(`/test/pages/tab.html?${query}`, '_blank', 'popup,width=480,height=360');
  const close = () => {
    removeEventListener('message', onMessage);
    win?.close();
  };
  onCleanup(close);
  if (!win) throw new Error('openTab: window.open was refused (a popup blocker?)');

  const problems = () => (errors.length ? `; page errors: ${errors.join(' | ')}` : '');
  await until(
    () => loaded !== undefined || errors.length > 0,
    () => `the second tab's page to load${problems()}`,
    POLL.timeout,
    changed,
  );
  if (!loaded) throw new Error(`the second tab's page failed${problems()}`);
  return {
    window: win,
    webLocks: loaded.webLocks,
    ...eventLog(events, changed, (type, seen) => `${type} in the second tab (events ${seen}${problems()})`),
    close,
  };
}

const INIT = '/v2/connect/append/init';
const START = '/v2/connect/append/start';
const FINISH = '/v2/connect/append/finish';

/** The emulator's record of a project's Frontend API traffic from both tabs, split by tab where it can be. */
export interface TabTraffic {
  /** Every request, oldest first. */
  all: EmulatorRequest[];
  inits: EmulatorRequest[];
  finishes: EmulatorRequest[];
  /** The starts tab 1 sent (through the test page's `fetch`). */
  tab1Starts: EmulatorRequest[];
  /** Every other start: the second tab's. */
  tab2Starts: EmulatorRequest[];
  /** `path processId` of every request, for assertion messages. */
  summary: string;
}

const tokenOf = (body: unknown) => (body as { appendTokenValue?: unknown } | null | undefined)?.appendTokenValue;

/**
 * The emulator's request log of `projectId`, split by tab: a start is tab 1's when `tab1` (a
 * `spyFetch` of the test page) saw it go out — each start carries its own single-use append token.
 */
export async function trafficByTab(projectId: string, tab1: FetchSpy): Promise<TabTraffic> {
  const all = await getRequests(projectId);
  const mine = new Set(tab1.api(START).map((c) => tokenOf(c.body)));
  const starts = all.filter((r) => r.path === START);
  return {
    all,
    inits: all.filter((r) => r.path === INIT),
    finishes: all.filter((r) => r.path === FINISH),
    tab1Starts: starts.filter((r) => mine.has(tokenOf(r.body))),
    tab2Starts: starts.filter((r) => !mine.has(tokenOf(r.body))),
    summary: all.map((r) => `${r.path.replace('/v2/connect/', '')} ${r.processId ?? '(no process)'}`).join(', '),
  };
}

/** The process Corbado's client keeps for `projectId` (`cbo_connect_process-<projectId>` in `localStorage`, its `id`), if any. */
export function keptProcessId(projectId: string): string | undefined {
  try {
    return (JSON.parse(localStorage.getItem(`cbo_connect_process-${projectId}`) ?? 'null') as { id?: string } | null)?.id;
  } catch {
    return undefined;
  }
}
