// Size peer: Corbado's own React append component (@corbado/connect-react, pinned), mounted the
// way a page would, with React and ReactDOM bundled in — self-contained like the drop-in.
// Bundled by bench/peers.js with the drop-in's build settings.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { CorbadoConnectAppend } from '@corbado/connect-react';

const slot = document.getElementById('slot');
if (slot) {
  createRoot(slot).render(
    createElement(CorbadoConnectAppend, {
      projectId: slot.dataset.projectId ?? '',
      appendTokenProvider: async () => slot.dataset.token ?? '',
      onComplete: () => undefined,
      onSkip: () => undefined,
    }),
  );
}
