/**
 * The process of this visit, as Corbado's client keeps it (`src/api/client-state.ts`): a kept
 * process whose append part is live is reused with no request at all; otherwise
 * `POST /v2/connect/append/init` (with the kept process's `X-Corbado-Process-ID`, so the server may
 * resume it, and the kept rollout `flags`), and its answer is kept for the next visit. Start,
 * finish and events then go to init's `frontendApiUrl` where `followApiUrl` allows it.
 *
 * A kept or resumed process the server then refuses (start refused with a 4xx: unknown, expired)
 * is forgotten and the visit starts afresh, once: init with no process ID, to the configured base
 * (`fresh`, the flow table).
 * A finish of the same project still running (finish.ts) is waited for first.
 */
import { forgetProcess, liveProcess, loadFlags, loadProcess, storeClientEnvHandle, storeFlags, storeProcess } from '../api/client-state.js';
import type { FrontendApiClient } from '../api/client.js';
import { followApiUrl } from '../api/config.js';
import { finishesSettled } from './finish.js';
import type { ClientInformation } from '../api/types.js';
import type { AppendConfig } from './load-offer.js';
import type { Scope } from './scope.js';
import type { FlowEvent } from './types.js';

export interface InitRequest {
  config: AppendConfig;
  client: Pick<FrontendApiClient, 'init' | 'baseUrl' | 'configuredBaseUrl' | 'processId'>;
  projectId: string;
  scope: Scope;
  /** The probes (`clientInformation`), started in parallel; awaited only when init is sent. */
  info: Promise<ClientInformation>;
  /** Forget the kept process first: the server refused it. */
  fresh?: boolean;
}

/**
 * @returns `init-done` (`kept`: from the kept process, no request); `client.processId` and `client.baseUrl` are set for the requests that follow
 * @throws CorbadoAppendError from the init request (`api-unavailable`, `api-rejected`)
 */
export async function initProcess(req: InitRequest): Promise<Extract<FlowEvent, { type: 'init-done' }>> {
  const { client, projectId, config, scope } = req;
  const configured = (client.baseUrl = client.configuredBaseUrl);
  if (req.fresh) forgetProcess(projectId);
  // A finish of this project still running (the element was removed and added again): its
  // challenge must outlive it, and a new start would void it.
  await finishesSettled(projectId);
  scope.signal.throwIfAborted();
  const follow = (frontendApiUrl: string | undefined) => {
    if (!frontendApiUrl) return;
    const followed = followApiUrl(frontendApiUrl, configured);
    if (typeof followed === 'string') client.baseUrl = followed;
    else console.warn(`[corbado-append] frontendApiUrl ${frontendApiUrl} not followed: ${followed.ignored}`);
  };
  const kept = liveProcess(projectId, Date.now());
  if (kept) {
    client.processId = kept.processID;
    follow(kept.frontendApiUrl);
    return { type: 'init-done', appendAllowed: kept.appendAllowed, kept: true };
  }
  const sent = (client.processId = loadProcess(projectId)?.processID);
  const clientInformation = await req.info;
  scope.signal.throwIfAborted();
  const { data } = await client.init(
    { clientInformation, flags: loadFlags(projectId), ...(config.situation ? { situation: config.situation } : {}) },
    scope.signal,
  );
  if (data.newClientEnvHandle) storeClientEnvHandle(projectId, data.newClientEnvHandle);
  const flags = storeFlags(projectId, data.flags);
  follow(data.frontendApiUrl);
  if (data.expiresAt !== undefined && data.frontendApiUrl) {
    const { processID, appendAllowed, expiresAt, frontendApiUrl } = data;
    storeProcess(projectId, { processID, frontendApiUrl, expiresAt, appendAllowed, flags });
  }
  // Resumed (the same process back): as good as kept, and as likely to be refused soon after.
  return { type: 'init-done', appendAllowed: data.appendAllowed, ...(sent && data.processID === sent ? { kept: true } : {}) };
}
