/**
 * <corbado-append> in React 19 through the `corbado-append/react` wrapper (@lit/react):
 * element properties as props, element events as `onCorbadoAppend…` props.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CorbadoAppend } from 'corbado-append/react';
import { api, appendTokenProvider, projectId } from '../shared/demo-backend';

function App() {
  const [status, setStatus] = useState('waiting');
  const [log, setLog] = useState<string[]>([]);
  const show = (e: CustomEvent, next: string) => {
    setLog((lines) => [...lines, `${e.type} ${JSON.stringify(e.detail)}`]);
    setStatus(next);
  };
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
        onCorbadoAppendReady={(e) => show(e, `ready:${e.detail.variant}`)}
        onCorbadoAppendComplete={(e) => show(e, `complete:${e.detail.status}`)}
        onCorbadoAppendSkip={(e) => show(e, `skip:${e.detail.reason}`)}
        onCorbadoAppendError={(e) => show(e, `error:${e.detail.code}`)}
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
