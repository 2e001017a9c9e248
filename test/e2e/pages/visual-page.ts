/**
 * Mounts `<corbado-append>` (from source) for test/e2e/visual.spec.ts: `?project=…` on the
 * same-origin emulator, `&lang=…`, with a token provider like a customer backend's. Every event
 * is kept in `window.__events`.
 */
import '../../../src/index.js';

const params = new URLSearchParams(location.search);
const project = params.get('project') ?? '';
const events: { type: string; detail: unknown }[] = [];
(window as unknown as { __events: typeof events }).__events = events;

const el = document.createElement('corbado-append');
el.setAttribute('project-id', project);
el.setAttribute('frontend-api-url', location.origin);
if (params.get('lang')) el.lang = params.get('lang')!;
el.appendTokenProvider = async () => {
  const res = await fetch(`/emulator/append-token?projectId=${encodeURIComponent(project)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  return ((await res.json()) as { appendToken: string }).appendToken;
};
for (const type of ['ready', 'complete', 'skip', 'error', 'state', 'continue']) {
  el.addEventListener(`corbado-append-${type}`, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
}
document.querySelector('main')!.append(el);
