/**
 * The playground: the signed-in account page of a demo shop with `<corbado-append>`, and beside
 * it the emulator's scenario form, a live log of the element's events and the passkeys the
 * emulator stored. Everything from the server is written with `textContent` (never as HTML).
 */
import '../src/index.js';
import type { CorbadoAppend } from '../src/index.js';
import type { FaultKind } from '../kit/emulator.types.js';

const projectId = new URLSearchParams(location.search).get('projectId') ?? 'pro-local';
const q = `?projectId=${encodeURIComponent(projectId)}`;
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const form = $<HTMLFormElement>('#scenario');
/** emulator/scenario.js FAULT_KINDS, typed by the kit (test/e2e/playground-scenario.spec.ts keeps them equal). */
const FAULTS: readonly ('' | FaultKind)[] = [
  '',
  'http-500',
  'http-400',
  'html',
  'timeout',
  'malformed',
  'drop',
  'stored-500',
  'stored-504-html',
  'stored-200-html',
  'stored-drop',
];

for (const sel of form.querySelectorAll<HTMLSelectElement>('select[name^="fault-"]')) {
  for (const f of FAULTS) sel.add(new Option(f || '(none)', f));
}

/** The customer backend's job in production: mint a connect token (Corbado backend API). */
async function appendTokenProvider(): Promise<string> {
  const res = await fetch(`/emulator/append-token${q}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`append-token: HTTP ${res.status}`);
  return (await res.json()).appendToken;
}

function log(type: string, detail: unknown): void {
  const li = document.createElement('li');
  li.textContent = `${new Date().toISOString().slice(11, 23)} ${type} ${JSON.stringify(detail)}`;
  $('#log').prepend(li);
}

async function showCredentials(): Promise<void> {
  const res = await fetch(`/emulator/credentials${q}`);
  const { credentials } = await res.json();
  const ul = $('#credentials');
  ul.replaceChildren(
    ...credentials.map((c: { id: string; aaguid: string; completionType: string; createdAt: number }) => {
      const li = document.createElement('li');
      li.textContent = `${c.id} · ${c.completionType} · ${new Date(c.createdAt).toLocaleTimeString()}`;
      return li;
    }),
  );
  if (!credentials.length) ul.textContent = 'none yet';
}

/**
 * What this device keeps for the project in Corbado's keys (README "What it keeps in localStorage"):
 * `'process'` forgets the kept process (the next mount is a first visit), `'all'` every key and the snooze.
 */
function forget(what: 'process' | 'all'): void {
  const keys = what === 'process' ? [`cbo_connect_process-${projectId}`] : Object.keys(localStorage);
  for (const k of keys) if (k.endsWith(`-${projectId}`) || k.endsWith(`:${projectId}`)) localStorage.removeItem(k);
}

function mount(): void {
  const data = new FormData(form);
  const el = document.createElement('corbado-append') as CorbadoAppend;
  el.id = 'append';
  el.setAttribute('project-id', projectId);
  el.setAttribute('frontend-api-url', location.origin);
  el.appendTokenProvider = appendTokenProvider;
  const lang = String(data.get('lang') ?? '');
  if (lang) el.lang = lang;
  el.theme = String(data.get('theme') ?? 'auto') as CorbadoAppend['theme'];
  const situation = String(data.get('situation') ?? '');
  if (situation) el.situation = situation;
  el.forcePasskeyAppend = data.get('forcePasskeyAppend') === 'on';
  const snoozeDays = Number(data.get('snoozeDays'));
  if (snoozeDays > 0) el.snoozeDays = snoozeDays;
  for (const type of ['ready', 'complete', 'skip', 'error', 'state', 'continue'] as const) {
    el.addEventListener(`corbado-append-${type}`, (e) => {
      log(e.type, (e as CustomEvent).detail);
      if (type === 'complete') void showCredentials();
    });
  }
  $('#slot').replaceChildren(el);
}

function scenarioFromForm(): Record<string, unknown> {
  const data = new FormData(form);
  const faults: Record<string, string> = {};
  for (const ep of ['init', 'start', 'finish', 'events']) {
    const f = String(data.get(`fault-${ep}`) ?? '');
    if (f) faults[ep] = f;
  }
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const customText = text('customData');
  const flagsText = text('flags');
  const aaguidName = text('aaguidName');
  return {
    variant: data.get('variant'),
    appendAllowed: data.get('appendAllowed') === 'on',
    autoAppend: data.get('autoAppend') === 'on',
    conditionalAppend: data.get('conditionalAppend') === 'on',
    isRestrictedBrowser: data.get('isRestrictedBrowser') === 'on',
    passkeyIntelDenied: data.get('passkeyIntelDenied') === 'on',
    ttlMs: Number(data.get('ttlMs')),
    latencyMs: Number(data.get('latencyMs')),
    customData: customText ? JSON.parse(customText) : null,
    aaguidName: aaguidName || null,
    // Unset (null): the emulator's default.
    aaguidIconLight: text('aaguidIconLight') || null,
    aaguidIconDark: text('aaguidIconDark') || null,
    flags: flagsText ? JSON.parse(flagsText) : null,
    frontendApiUrl: text('frontendApiUrl') || null,
    processTtlMs: Number(text('processTtlMs')) || null,
    userVerification: String(data.get('userVerification') ?? '') || null,
    dateHeader: data.get('dateHeader') === 'on',
    faults,
    readings: {
      startChallenge: text('readings-startChallenge'),
      optionsOutliveProcess: text('readings-optionsOutliveProcess') === 'true',
      replayAnswer: text('readings-replayAnswer'),
      initResumeVoids: text('readings-initResumeVoids') === 'true',
    },
  };
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const status = $('#scenario-status');
  try {
    const res = await fetch(`/emulator/scenario${q}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scenarioFromForm()),
    });
    status.textContent = res.ok ? 'applied' : `rejected: ${await res.text()}`;
    if (!res.ok) return;
    forget('process'); // a first visit: init goes out, so its knobs apply
    mount();
  } catch (err) {
    status.textContent = `not applied: ${(err as Error).message}`;
  }
});

$('#remount').addEventListener('click', mount);
// (Not `#reset`: a form control with that id would shadow `form.reset()`.)
$('#reset-emulator').addEventListener('click', async () => {
  await fetch(`/emulator/reset${q}`, { method: 'POST' });
  forget('all'); // the server forgot the process: so does this device
  form.reset();
  $('#log').replaceChildren();
  await showCredentials();
  mount();
});

mount();
void showCredentials();
