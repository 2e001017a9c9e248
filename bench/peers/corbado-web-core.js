// Size peer: Corbado's client alone (@corbado/web-core, pinned): the ConnectService calls the
// append flow makes (init, start, finish). Bundled by bench/peers.js with the drop-in's settings.
import { ConnectService } from '@corbado/web-core';

/** @param {string} projectId @param {string} token */
export async function append(projectId, token) {
  const service = new ConnectService(projectId, 'frontendapi.corbado.io', false);
  const ac = new AbortController();
  const init = await service.appendInit(ac);
  if (init.err || !init.val.appendAllowed) return init;
  const start = await service.startAppend(token, Date.now(), ac);
  if (start.err) return start;
  return service.completeAppend(start.val.attestationOptions, 'manual');
}
Object.assign(globalThis, { corbadoAppend: append });
