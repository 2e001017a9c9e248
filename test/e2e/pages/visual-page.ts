/**
 * Mounts `<corbado-append>` for test/e2e/visual.spec.ts: `?project=…` on the same-origin
 * emulator, `&lang=…`, with a token provider like a customer backend's. Every event is kept in
 * `window.__events`. The element comes from source, or with `&build=drop-in` from the built
 * drop-in by a classic script (`/drop-in/corbado-append.min.js`, which the test serves from
 * dist/ untouched, past the dev server's transforms).
 */
import { connectEmulator } from '../../../emulator/client.js';

const params = new URLSearchParams(location.search);
if (params.get('build') === 'drop-in') {
  const script = Object.assign(document.createElement('script'), { src: '/drop-in/corbado-append.min.js' });
  await new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = () => reject(new Error('the drop-in did not load'));
    document.head.append(script);
  });
} else {
  await import('../../../src/index.js');
}

const project = params.get('project') ?? '';
const events: { type: string; detail: unknown }[] = [];
(window as unknown as { __events: typeof events }).__events = events;

const el = document.createElement('corbado-append');
el.setAttribute('project-id', project);
el.setAttribute('frontend-api-url', location.origin);
if (params.get('lang')) el.lang = params.get('lang')!;
el.appendTokenProvider = () => connectEmulator(location.origin, { projectId: project }).mintAppendToken();
for (const type of ['ready', 'complete', 'skip', 'error', 'state', 'continue']) {
  el.addEventListener(`corbado-append-${type}`, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
}
document.querySelector('main')!.append(el);
