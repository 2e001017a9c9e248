/**
 * <corbado-append> in React 19 through the `corbado-append/react` wrapper (@lit/react):
 * element properties as props, element events as `onCorbadoAppend…` props.
 * Query parameters: ?api=<Frontend API / emulator base URL>&project=<project id>.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CorbadoAppend } from 'corbado-append/react';

const params = new URLSearchParams(location.search);
const api = params.get('api') ?? 'http://localhost:8787';
const projectId = params.get('project') ?? 'pro-react-example';

/** Your backend's job (Corbado backend API `/v2/connectTokens`); here the emulator's demo endpoint. */
async function appendTokenProvider(): Promise<string> {
  const res = await fetch(`${api}/emulator/append-token?projectId=${encodeURIComponent(projectId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  return ((await res.json()) as { appendToken: string }).appendToken;
}

function App() {
  const [status, setStatus] = useState('waiting');
  const [log, setLog] = useState<string[]>([]);
  const record = (e: CustomEvent) => setLog((l) => [...l, `${e.type} ${JSON.stringify(e.detail)}`]);
  return (
    <main>
      <h1>Welcome back</h1>
      <p>
        Status: <output data-testid="status">{status}</output>
      </p>
      <CorbadoAppend
        projectId={projectId}
        frontendApiUrl={api}
        appendTokenProvider={appendTokenProvider}
        onCorbadoAppendReady={(e) => {
          record(e);
          setStatus(`ready:${e.detail.variant}`);
        }}
        onCorbadoAppendComplete={(e) => {
          record(e);
          setStatus(`complete:${e.detail.status}`);
        }}
        onCorbadoAppendSkip={(e) => {
          record(e);
          setStatus(`skip:${e.detail.reason}`);
        }}
        onCorbadoAppendError={(e) => {
          record(e);
          setStatus(`error:${e.detail.code}`);
        }}
      />
      <h2>Events</h2>
      <ol data-testid="log">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
