// The page's own code (external file: no inline script under this CSP). It mounts the element
// against the same-origin emulator, with a token provider like a customer backend call.
const projectId = new URLSearchParams(location.search).get('projectId') ?? '';
// The element's class is TypeScript (src/): the one property this page sets.
const el = /** @type {HTMLElement & {appendTokenProvider?: () => Promise<string>}} */ (document.createElement('corbado-append'));
el.setAttribute('project-id', projectId);
el.setAttribute('frontend-api-url', location.origin);
el.appendTokenProvider = async () => {
  const res = await fetch(`/emulator/append-token?projectId=${encodeURIComponent(projectId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  return (await res.json()).appendToken;
};
for (const type of ['corbado-append-ready', 'corbado-append-complete', 'corbado-append-error', 'corbado-append-skip']) {
  el.addEventListener(type, (e) =>
    /** @type {typeof window & {__events: {type: string, detail: unknown}[]}} */ (window).__events.push({
      type,
      detail: /** @type {CustomEvent} */ (e).detail,
    }),
  );
}
/** @type {HTMLElement} */ (document.querySelector('main')).append(el);
