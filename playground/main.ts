/**
 * The playground: the signed-in account page of a demo shop with `<corbado-append>`, and beside
 * it the emulator's scenario form, a live log of the element's events and the passkeys the
 * emulator stored. Everything from the server is written with `textContent` (never as HTML).
 */
import '../src/index.js';
import type { CorbadoAppend } from '../src/index.js';
import { EmulatorError, connectEmulator } from '../emulator/client.js';
import {
  DEFAULT_PROJECT_ID,
  FAULT_ENDPOINTS,
  FAULT_KINDS,
  READING_VALUES,
  USER_VERIFICATION,
  type ScenarioPatch,
} from '../emulator/contract.js';

const projectId = new URLSearchParams(location.search).get('projectId') ?? DEFAULT_PROJECT_ID;
/** The emulator's demo side, mounted on this origin by the dev server (emulator/vite-plugin.js). */
const emulator = connectEmulator(location.origin, { projectId });
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const form = $<HTMLFormElement>('#scenario');

// The faults' rows: `fault-<endpoint>`, one for each endpoint faults can target, offering every kind.
for (const ep of FAULT_ENDPOINTS) {
  const row = document.createElement('label');
  row.className = 'row';
  const select = document.createElement('select');
  select.name = `fault-${ep}`;
  for (const f of ['', ...FAULT_KINDS]) select.add(new Option(f || '(none)', f));
  row.append(ep, select);
  $('#faults').append(row);
}

/** The customer backend's job in production: mint a connect token (Corbado backend API). */
const appendTokenProvider = (): Promise<string> => emulator.mintAppendToken();

function log(type: string, detail: unknown): void {
  const li = document.createElement('li');
  li.textContent = `${new Date().toISOString().slice(11, 23)} ${type} ${JSON.stringify(detail)}`;
  $('#log').prepend(li);
}

async function showCredentials(): Promise<void> {
  const credentials = await emulator.listPasskeys();
  const ul = $('#credentials');
  ul.replaceChildren(
    ...credentials.map((c) => {
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

function scenarioFromForm(): ScenarioPatch {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  /** The contract's value the form control `name` names (a select offers only those), if any. */
  const oneOf = <T>(values: readonly T[], name: string): T | undefined => values.find((v) => String(v) === text(name));
  const faults: NonNullable<ScenarioPatch['faults']> = {};
  for (const ep of FAULT_ENDPOINTS) {
    const f = oneOf(FAULT_KINDS, `fault-${ep}`);
    if (f) faults[ep] = f;
  }
  const customText = text('customData');
  const flagsText = text('flags');
  const aaguidName = text('aaguidName');
  return {
    variant: text('variant'),
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
    userVerification: oneOf(USER_VERIFICATION, 'userVerification') ?? null,
    dateHeader: data.get('dateHeader') === 'on',
    faults,
    readings: {
      startChallenge: oneOf(READING_VALUES.startChallenge, 'readings-startChallenge'),
      optionsOutliveProcess: oneOf(READING_VALUES.optionsOutliveProcess, 'readings-optionsOutliveProcess'),
      replayAnswer: oneOf(READING_VALUES.replayAnswer, 'readings-replayAnswer'),
      initResumeVoids: oneOf(READING_VALUES.initResumeVoids, 'readings-initResumeVoids'),
    },
  };
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const status = $('#scenario-status');
  try {
    await emulator.setScenario(scenarioFromForm());
  } catch (err) {
    status.textContent = `${err instanceof EmulatorError ? 'rejected' : 'not applied'}: ${(err as Error).message}`;
    return;
  }
  status.textContent = 'applied';
  forget('process'); // a first visit: init goes out, so its knobs apply
  mount();
});

$('#remount').addEventListener('click', mount);
// (Not `#reset`: a form control with that id would shadow `form.reset()`.)
$('#reset-emulator').addEventListener('click', async () => {
  await emulator.reset();
  forget('all'); // the server forgot the process: so does this device
  form.reset();
  $('#log').replaceChildren();
  await showCredentials();
  mount();
});

mount();
void showCredentials();
