/**
 * The process a flow uses, as Corbado's client keeps it (`src/api/client-state.ts`), held by one
 * flow at a time (claims.ts).
 *
 * - A kept process whose append part is live, that no other flow holds and none started on within
 *   `IN_FLIGHT_MS`, is reused with no request at all.
 * - Otherwise `POST /v2/connect/append/init`: with the kept process's `X-Corbado-Process-ID` (so
 *   the server may resume it) when this flow could claim it, without one when another flow holds
 *   it; the kept rollout `flags` go with it. Its answer is kept for the next visit — unless it is
 *   a process of this flow's own beside a live one another flow holds.
 * - `fresh`: a process of this flow's own whatever is kept (the held one is in doubt or gone).
 *
 * Start, finish and events then go to init's `frontendApiUrl` where `followApiUrl` allows it.
 */
import { liveProcess, loadFlags, loadProcess, storeClientEnvHandle, storeFlags, storeProcess } from '../api/client-state.js';
import type { FrontendApiClient } from '../api/client.js';
import { followApiUrl } from '../api/config.js';
import type { ClientInformation } from '../api/types.js';
import { startingByAnother, type Claim } from './claims.js';
import type { AppendConfig } from '../contract.js';
import { processLifetimeMs } from './offer-clock.js';
import type { PagePort } from './ports.js';
import type { Scope } from './scope.js';

/** The process a flow uses now. */
export interface HeldProcess {
  id: string;
  /** When it dies (init's `expiresAt`), on the page's monotonic clock (`Clock.mono`), when known. */
  deadlineMs?: number;
  /** How long it lives in all (relative ms), when this flow opened it. */
  lifetimeMs?: number;
  /** init's `expiresAt` (unix seconds, the server's clock): each start answer measures it afresh against its `Date`. */
  expiresAtS?: number;
  /** This flow's claim on it (undefined only where claiming failed unexpectedly). */
  claim?: Claim;
}

export interface InitRequest {
  config: AppendConfig;
  client: Pick<FrontendApiClient, 'init' | 'baseUrl' | 'configuredBaseUrl' | 'processId'>;
  projectId: string;
  scope: Scope;
  page: Pick<PagePort, 'clock' | 'storage' | 'claims'>;
  /** The probes for init (`clientInformation`); asked for only when init is sent. */
  info: () => Promise<ClientInformation>;
  /** A process of this flow's own, whatever is kept. */
  fresh?: boolean;
  /** The process this flow leaves because the server refused it: a new one replaces it as the kept one. */
  gone?: string;
  /** Called right before an init that may resume `processId` goes out (it may void that process's challenge). */
  marking?(processId: string): void;
  /** This flow (start marks, claims.ts). */
  flowId: string;
}

export interface InitResult {
  appendAllowed: boolean;
  /** From the kept process (no request), or the kept one resumed by init: the server may have forgotten it. */
  kept: boolean;
  process: HeldProcess;
}

/**
 * @returns the process this flow holds now; `client.processId` and `client.baseUrl` are set for
 *   the requests that follow. On failure nothing is held.
 * @throws CorbadoAppendError from the init request (`api-unavailable`, `api-rejected`); the
 *   scope's abort reason when the flow ended meanwhile
 */
export async function initProcess(req: InitRequest): Promise<InitResult> {
  const { client, projectId, config, scope, page } = req;
  const store = page.storage();
  const configured = (client.baseUrl = client.configuredBaseUrl);
  const follow = (frontendApiUrl: string | undefined) => {
    if (!frontendApiUrl) return;
    const followed = followApiUrl(frontendApiUrl, configured);
    if (typeof followed === 'string') client.baseUrl = followed;
    else console.warn(`[corbado-append] frontendApiUrl ${frontendApiUrl} not followed: ${followed.ignored}`);
  };
  let claim: Claim | undefined;
  const held = (c: Claim | undefined) => {
    if (scope.disposed) c?.release();
    scope.signal.throwIfAborted();
    return c;
  };
  try {
    let resume: string | undefined;
    const stored = req.fresh ? undefined : loadProcess(store, projectId);
    if (stored) {
      claim = held(await page.claims.claim(projectId, stored.processID));
      // Free now, but another flow's start on it moments ago (a page closed since, say) may still land.
      if (claim && startingByAnother(store, projectId, stored.processID, req.flowId, page.clock.now())) {
        claim.release();
        claim = undefined;
      }
      const kept = claim && liveProcess(store, projectId, page.clock.now());
      if (kept?.processID === stored.processID) {
        client.processId = kept.processID;
        follow(kept.frontendApiUrl);
        // Kept without its server's time: the local clock as it is.
        // (How long it lived in all is not kept: only when it dies.)
        const process = {
          id: kept.processID,
          deadlineMs: page.clock.mono() + (kept.expiresAt * 1000 - page.clock.now()),
          expiresAtS: kept.expiresAt,
          claim,
        };
        return { appendAllowed: kept.appendAllowed, kept: true, process };
      }
      if (claim) resume = stored.processID; // its append part expired: init may resume it
    }
    client.processId = resume;
    const clientInformation = await req.info();
    scope.signal.throwIfAborted();
    if (resume) req.marking?.(resume);
    const { data, serverDateMs, receivedAtMs, arrivedAt, roundTripMs } = await client.init(
      { clientInformation, flags: loadFlags(store, projectId), ...(config.situation ? { situation: config.situation } : {}) },
      scope.signal,
    );
    if (data.processID !== resume) {
      claim?.release();
      // A new process nobody else knows yet: the claim is free (undefined only if claims fail).
      claim = held(await page.claims.claim(projectId, data.processID));
    }
    if (data.newClientEnvHandle) storeClientEnvHandle(store, projectId, data.newClientEnvHandle, receivedAtMs);
    const flags = storeFlags(store, projectId, data.flags);
    follow(data.frontendApiUrl);
    const lifetimeMs =
      data.expiresAt === undefined ? undefined : processLifetimeMs(data.expiresAt, serverDateMs, receivedAtMs, roundTripMs);
    // Kept for the next visit — but a process of our own never displaces a live one another flow holds.
    const other = liveProcess(store, projectId, receivedAtMs);
    const displaces = other !== undefined && other.processID !== data.processID && other.processID !== req.gone;
    if (data.expiresAt !== undefined && data.frontendApiUrl && !displaces) {
      const { processID, appendAllowed, expiresAt, frontendApiUrl } = data;
      storeProcess(store, projectId, { processID, frontendApiUrl, expiresAt, appendAllowed, flags });
    }
    return {
      appendAllowed: data.appendAllowed,
      kept: resume !== undefined && data.processID === resume,
      process: {
        id: data.processID,
        ...(lifetimeMs === undefined ? {} : { deadlineMs: arrivedAt + lifetimeMs, lifetimeMs, expiresAtS: data.expiresAt }),
        ...(claim ? { claim } : {}),
      },
    };
  } catch (e) {
    claim?.release();
    throw e;
  }
}
