// The page's own code (external file: no inline script under this CSP). It mounts the element
// against the same-origin emulator, with a token provider like a customer backend call.
const projectId = new URLSearchParams(location.search).get('projectId');
const el = document.createElement('corbado-append');
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
  el.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
}
document.querySelector('main').append(el);
