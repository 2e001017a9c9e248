/**
 * The append flow (DESIGN.md, "The flow") as a Lit reactive controller. It owns the state, the
 * timers, the abort controllers and the one ceremony that may run at a time; the element only
 * renders what this holds and forwards clicks. Everything it starts, removal stops (`teardown`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { FrontendApiClient } from '../api/client.js';
import { resolveApiBaseUrl } from '../api/config.js';
import { MIN_OPTIONS_LIFETIME_MS, optionsLifetimeMs, refreshAfterMs } from '../api/expiry.js';
import type { AppendStartResponse, ClientInformation, CompletionType, ConnectEventType, PasskeyOperation } from '../api/types.js';
import { CorbadoAppendError } from '../errors.js';
import { classifyCeremonyError, runCeremony, type Ceremony } from '../webauthn/ceremony.js';
import { gatherClientInformation, storeClientEnvHandle } from '../webauthn/client-info.js';
import { parseAttestationOptions, rpIdFitsHost } from '../webauthn/options.js';
import type { AppendEventDetailMap, AppendState, SkipReason } from './events.js';

/** What the controller reads from its element, once per connect (and the token provider per refresh). */
export interface AppendConfig {
  projectId?: string;
  frontendApiUrl?: string;
  appendToken?: string;
  appendTokenProvider?: () => Promise<string>;
  situation?: string;
  forcePasskeyAppend?: boolean;
  /** Watchdog for a modal ceremony, relative ms; undefined = the options' `timeout` + 10 s (5 min without one). */
  ceremonyTimeoutMs?: number;
}

export interface AppendHost extends ReactiveControllerHost, HTMLElement {
  readonly appendConfig: AppendConfig;
  emitAppendEvent<K extends keyof AppendEventDetailMap>(type: K, detail: AppendEventDetailMap[K]): void;
}

/** What the element shows beside the offer: a key into its texts (`AppendStrings`). `…Final`: no retry left. */
export type AppendMessage =
  | 'cancelled'
  | 'timeout'
  | 'expired'
  | 'error'
  | 'finishFailed'
  | 'security'
  | 'expiredFinal'
  | 'errorFinal';

/** Conditional create gets this long (relative ms) before we fall through to the normal offer. */
export const CONDITIONAL_TIMEBOX_MS = 3000;
/** How long (relative ms) `appendTokenProvider` may take before the token counts as unavailable. */
export const TOKEN_TIMEOUT_MS = 15_000;
/** Finish is retried with the same attestation after these pauses (relative ms): 3 attempts in all. */
export const FINISH_RETRY_DELAYS_MS = [400, 1200];

interface Offer {
  options: PublicKeyCredentialCreationOptionsJSON;
  start: AppendStartResponse;
  /** Local unix ms after which the options are void. */
  deadlineMs: number;
}

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

export class AppendController implements ReactiveController {
  state: AppendState = 'idle';
  offer?: Offer;
  message?: AppendMessage;
  passkeyOperation?: PasskeyOperation;
  /** True when `success` means "a passkey was already on this device". */
  alreadyRegistered = false;
  /** Unix ms at which the element was connected (`connectAppendStartReq.loadedMs`). */
  loadedMs = 0;

  private readonly host: AppendHost;
  private life?: AbortController;
  private client?: FrontendApiClient;
  private clientInformation?: ClientInformation;
  private ceremony?: Ceremony;
  private conditional?: Ceremony;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private refreshTimer?: ReturnType<typeof setTimeout>;
  /**
   * A refresh (new token, new start) is in flight. Its start voids the current options' challenge
   * on the server, so no ceremony may start on them meanwhile (the element shows itself busy).
   */
  refreshing = false;
  /** A message was shown to the user: the next click is a `manual-retry`. */
  private retry = false;
  private finishing = false;
  /** Append tokens this element used: never repeated in what it reports (a server may echo them). */
  private readonly secrets = new Set<string>();

  constructor(host: AppendHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.life) return; // moved within the page (removed and re-added in one task): the flow goes on
    const life = new AbortController();
    this.life = life;
    // A microtask later, so properties set right after `append()` are seen.
    queueMicrotask(() => {
      if (!life.signal.aborted && this.host.isConnected) void this.run(life.signal);
    });
  }

  hostDisconnected(): void {
    // A removal ends everything; a move (re-added before this microtask) does not.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.teardown();
    });
  }

  /** Abort requests, ceremonies and timers; forget the flow. Fires nothing. */
  private teardown(): void {
    this.life?.abort();
    this.life = undefined;
    this.ceremony?.abort('disconnect');
    this.conditional?.abort('disconnect');
    this.ceremony = this.conditional = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.offer = this.message = this.passkeyOperation = this.client = undefined;
    this.refreshing = this.retry = this.finishing = this.alreadyRegistered = false;
    this.state = 'idle';
    this.host.removeAttribute('state');
  }

  /** The primary button. Must stay synchronous up to `create()` (user activation). */
  create(): void {
    this.startModal(this.retry ? 'manual-retry' : 'manual');
  }

  /** The skip button: ends everything, `skip-explicit`. */
  skip(): void {
    if (this.state === 'skipped' || this.state === 'success' || this.state === 'idle') return;
    this.ceremony?.abort('skip');
    this.conditional?.abort('skip');
    this.track('append-explicit-abort');
    this.end('skipped');
    this.host.emitAppendEvent('corbado-append-skip', { status: 'skip-explicit', reason: 'user-skipped' });
  }

  /** Telemetry for the learn-more view (fire-and-forget). */
  learnMore(): void {
    this.track('append-learn-more');
  }

  // ── the flow ─────────────────────────────────────────────────────────────

  private async run(signal: AbortSignal): Promise<void> {
    this.loadedMs = Date.now();
    const cfg = this.host.appendConfig;
    try {
      const baseUrl = resolveApiBaseUrl(cfg.projectId, cfg.frontendApiUrl);
      const projectId = cfg.projectId!;
      if (!webAuthnAvailable()) return this.skipImplicit('unsupported');
      this.setState('loading');
      this.client = new FrontendApiClient(baseUrl, projectId);
      this.clientInformation = await gatherClientInformation(projectId);
      if (signal.aborted) return;
      const { data: init } = await this.client.init(
        { clientInformation: this.clientInformation, flags: {}, ...(cfg.situation ? { situation: cfg.situation } : {}) },
        signal,
      );
      if (init.newClientEnvHandle) storeClientEnvHandle(projectId, init.newClientEnvHandle);
      if (!init.appendAllowed) return this.skipImplicit('append-not-allowed');
      if (!(await this.loadOffer(signal))) return;
      const start = this.offer!.start;
      this.setState('ready');
      this.host.emitAppendEvent('corbado-append-ready', {
        variant: start.variant,
        autoAppend: start.autoAppend,
        conditionalAppend: start.conditionalAppend,
        isRestrictedBrowser: start.isRestrictedBrowser,
        customData: start.customData ?? {},
      });
      if (start.isRestrictedBrowser) return;
      if (start.conditionalAppend && this.clientInformation.clientCapabilities?.conditionalCreate) {
        this.startConditional();
      } else if (start.autoAppend) {
        this.startModal('auto');
      }
    } catch (e) {
      if (!signal.aborted) this.failEarly(e);
    }
  }

  /**
   * Token → start → checked options, and the refresh/expiry timers for them.
   * @returns false when the flow ended (quiet skip); throws the design's errors otherwise.
   */
  private async loadOffer(signal: AbortSignal): Promise<boolean> {
    const cfg = this.host.appendConfig;
    const token = await this.appendToken(cfg);
    signal.throwIfAborted();
    const { data: start, serverDateMs, receivedAtMs } = await this.client!.start(
      {
        appendTokenValue: token,
        loadedMs: this.loadedMs,
        ...(cfg.forcePasskeyAppend ? { forcePasskeyAppend: true } : {}),
        ...(cfg.situation ? { situation: cfg.situation } : {}),
      },
      signal,
    );
    if (this.state == 'success' || this.state == 'skipped' || this.state == 'error') return false; // ended meanwhile
    const options = parseAttestationOptions(start.attestationOptions);
    if (!options) {
      this.skipImplicit('passkey-intel-denied');
      return false;
    }
    if (!rpIdFitsHost(options.rp.id, location.hostname)) {
      throw new CorbadoAppendError('security-error', `rp.id "${options.rp.id}" does not fit ${location.hostname}`);
    }
    const lifetime = optionsLifetimeMs(start.expiresMs, serverDateMs, receivedAtMs);
    if (lifetime < MIN_OPTIONS_LIFETIME_MS) {
      throw new CorbadoAppendError('expired', 'attestationOptions arrived already expired (expiresMs)');
    }
    this.offer = { options, start, deadlineMs: receivedAtMs + lifetime };
    this.clearTimer(this.refreshTimer);
    const offer = this.offer;
    this.refreshTimer = this.later(() => this.onRefreshDue(offer), refreshAfterMs(lifetime));
    this.later(() => this.onExpired(offer), lifetime);
    return true;
  }

  private async appendToken(cfg: AppendConfig): Promise<string> {
    let token: unknown = cfg.appendToken;
    if (cfg.appendTokenProvider) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        token = await Promise.race([
          cfg.appendTokenProvider(),
          new Promise((_, reject) => {
            timer = this.later(() => reject(new Error(`no token within ${TOKEN_TIMEOUT_MS} ms`)), TOKEN_TIMEOUT_MS);
          }),
        ]);
      } catch (cause) {
        throw new CorbadoAppendError('token-unavailable', 'appendTokenProvider failed', { cause });
      } finally {
        this.clearTimer(timer);
      }
    }
    if (typeof token !== 'string' || !token) {
      throw new CorbadoAppendError('token-unavailable', 'No append token: set append-token or appendTokenProvider');
    }
    this.secrets.add(token);
    return token;
  }

  /** Fresh options before the old ones die (needs `appendTokenProvider`: a token is single-use). */
  private onRefreshDue(offer: Offer): void {
    if (this.offer !== offer || this.state !== 'ready' || this.ceremony || !this.host.appendConfig.appendTokenProvider) return;
    // The new start voids this challenge on the server: a conditional create on it must not finish.
    this.conditional?.abort('expired');
    void this.refresh(false);
  }

  /** The options are void: abort what uses them, then refresh or give up. */
  private onExpired(offer: Offer): void {
    if (this.offer !== offer) return;
    this.conditional?.abort('expired');
    if (this.ceremony) return this.ceremony.abort('expired'); // its failure handler refreshes
    if (this.state === 'ready') void this.refresh(false);
  }

  /** New token, new start. `announce`: tell the user their attempt expired. */
  private async refresh(announce: boolean): Promise<void> {
    const signal = this.life?.signal;
    if (!signal || this.refreshing) return;
    const expired = Date.now() >= (this.offer?.deadlineMs ?? 0);
    if (!this.host.appendConfig.appendTokenProvider) {
      if (expired) this.failLate(new CorbadoAppendError('expired', 'Options expired and no appendTokenProvider to renew them'));
      return;
    }
    this.refreshing = true;
    this.host.requestUpdate();
    if (expired) this.setState('loading');
    try {
      if (await this.loadOffer(signal)) {
        if (announce) this.showMessage('expired');
        if (this.state === 'loading') this.setState('ready');
      }
    } catch (e) {
      if (!signal.aborted && Date.now() >= (this.offer?.deadlineMs ?? 0)) this.failLate(e);
      // a failed early refresh keeps the still-valid offer; the expiry timer tries once more
    } finally {
      this.refreshing = false;
      this.host.requestUpdate();
    }
  }

  private startConditional(): void {
    const offer = this.offer!;
    const c = runCeremony(offer.options, true);
    this.conditional = c;
    const box = this.later(() => c.abort('time-box'), CONDITIONAL_TIMEBOX_MS);
    c.result.then(
      resp => {
        this.clearTimer(box);
        if (this.conditional !== c) return;
        this.conditional = undefined;
        if (this.state === 'ready') void this.finish(resp, 'conditional', offer);
      },
      () => {
        // Any failure of conditional create stays silent (DESIGN.md).
        this.clearTimer(box);
        if (this.conditional !== c) return;
        this.conditional = undefined;
        if (c.abortReason === 'time-box' || c.abortReason === undefined) {
          if (this.state === 'ready' && offer.start.autoAppend) this.startModal('auto');
        }
      },
    );
  }

  /** Start the modal ceremony now: no `await` before `create()`. One ceremony at a time. */
  private startModal(completionType: CompletionType): void {
    const offer = this.offer;
    if (this.state !== 'ready' || this.ceremony || this.finishing || this.refreshing || !offer) return;
    if (Date.now() >= offer.deadlineMs) {
      void this.refresh(true); // never create() with void options
      return;
    }
    if (this.conditional) {
      this.conditional.abort('superseded');
      this.conditional = undefined;
    }
    const c = runCeremony(offer.options);
    this.ceremony = c;
    this.message = undefined;
    this.setState('creating');
    const cfgTimeout = this.host.appendConfig.ceremonyTimeoutMs;
    const watchdogMs = cfgTimeout && cfgTimeout > 0 ? cfgTimeout : (offer.options.timeout ?? 290_000) + 10_000;
    const watchdog = this.later(() => c.abort('timeout'), watchdogMs);
    c.result.then(
      resp => {
        this.clearTimer(watchdog);
        if (this.ceremony !== c) return;
        this.ceremony = undefined;
        void this.finish(resp, completionType, offer);
      },
      err => {
        this.clearTimer(watchdog);
        if (this.ceremony !== c) return;
        this.ceremony = undefined;
        this.onCeremonyFailed(err, c, completionType);
      },
    );
  }

  private onCeremonyFailed(err: unknown, c: Ceremony, completionType: CompletionType): void {
    const f = classifyCeremonyError(err, c.abortReason);
    switch (f.kind) {
      case 'already-registered':
        this.track('append-credential-exists');
        this.alreadyRegistered = true;
        this.end('success');
        this.host.emitAppendEvent('corbado-append-complete', { status: 'complete-noop', completionType });
        return;
      case 'cancelled':
        this.track('append-error', 'cancelled');
        this.setState('ready');
        // autoAppend falls back to the button silently: no message, no loop.
        if (completionType !== 'auto') this.showMessage('cancelled');
        return;
      case 'aborted':
        if (f.reason === 'timeout') {
          this.setState('ready');
          this.reportError(new CorbadoAppendError('ceremony-timeout', 'The authenticator did not answer in time', { recoverable: true }));
          this.showMessage('timeout');
        } else if (f.reason === 'expired') {
          this.setState('ready');
          // Without a token provider, refresh() reports the final `expired` itself.
          if (this.host.appendConfig.appendTokenProvider) {
            this.reportError(new CorbadoAppendError('expired', 'The options expired during the ceremony', { recoverable: true }));
          }
          void this.refresh(true);
        }
        return; // 'skip' / 'disconnect': already handled by whoever aborted
      case 'error':
        this.track(f.error.code === 'ceremony-cancelled' ? 'append-error-unexpected' : 'append-error', f.error.message);
        if (f.error.recoverable) {
          this.setState('ready');
          this.reportError(f.error);
          this.showMessage('error');
        } else {
          this.failLate(f.error);
        }
    }
  }

  /** Send the attestation; retry the same one on transient failures; never re-run `create()`. */
  private async finish(resp: RegistrationResponseJSON, completionType: CompletionType, offer: Offer): Promise<void> {
    const signal = this.life?.signal;
    if (!signal || !this.client) return;
    this.finishing = true;
    this.setState('finishing');
    const req = {
      attestationResponse: JSON.stringify(resp),
      completionType,
      ...(offer.start.customData ? { customData: offer.start.customData } : {}),
    };
    let lastError: unknown;
    // An attempt without an HTTP answer (network error, timeout) may still have been stored.
    let maybeStored = false;
    for (let attempt = 0; attempt <= FINISH_RETRY_DELAYS_MS.length; attempt++) {
      if (attempt > 0) await this.sleep(FINISH_RETRY_DELAYS_MS[attempt - 1]!);
      if (signal.aborted) return;
      try {
        const { data } = await this.client.finish(req, signal);
        this.finishing = false;
        this.passkeyOperation = data.passkeyOperation;
        this.end('success');
        this.host.emitAppendEvent('corbado-append-complete', {
          status: 'complete',
          completionType,
          passkeyOperation: data.passkeyOperation,
        });
        return;
      } catch (e) {
        if (signal.aborted) return;
        lastError = e;
        if (!(e instanceof CorbadoAppendError) || e.code !== 'api-unavailable') break;
        if (e.status === undefined) maybeStored = true;
      }
    }
    this.finishing = false;
    // Tell the passkey provider to drop the orphan only when the server surely did not store it.
    if (!maybeStored) signalUnknownCredential(offer.options.rp.id ?? location.hostname, resp.id);
    const cause = lastError instanceof CorbadoAppendError ? lastError : undefined;
    this.failLate(
      new CorbadoAppendError('finish-failed', `The passkey was created but not confirmed: ${cause?.message ?? String(lastError)}`, {
        requestId: cause?.requestId,
        errorType: cause?.errorType,
        cause: lastError,
      }),
    );
  }

  // ── outcomes ─────────────────────────────────────────────────────────────

  private skipImplicit(reason: SkipReason): void {
    this.end('skipped');
    this.host.emitAppendEvent('corbado-append-skip', { status: 'skip-implicit', reason });
  }

  /** Before the offer was shown: report, then step aside quietly (nothing to show the user). */
  private failEarly(e: unknown): void {
    this.reportError(toAppendError(e));
    this.skipImplicit('error');
  }

  /** After the offer was shown: report and show it; the user can still skip. */
  private failLate(e: unknown): void {
    const err = toAppendError(e);
    this.reportError(err);
    this.end('error');
    const finals: Partial<Record<string, AppendMessage>> = {
      'finish-failed': 'finishFailed',
      'security-error': 'security',
      expired: 'expiredFinal',
    };
    this.message = finals[err.code] ?? 'errorFinal';
  }

  private reportError(err: CorbadoAppendError): void {
    const scrub = (text: string) => [...this.secrets].reduce((t, secret) => t.split(secret).join('[append token]'), text);
    this.host.emitAppendEvent('corbado-append-error', {
      code: err.code,
      recoverable: err.recoverable,
      message: scrub(err.message),
      ...(err.requestId ? { requestId: scrub(err.requestId) } : {}),
    });
  }

  /** A final state: stop timers and the conditional attempt. */
  private end(state: AppendState): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.conditional?.abort('skip');
    this.conditional = undefined;
    this.setState(state);
  }

  private showMessage(m: AppendMessage): void {
    this.message = m;
    this.retry = true;
    this.host.requestUpdate();
  }

  private setState(state: AppendState): void {
    if (state === this.state) return;
    this.state = state;
    this.host.requestUpdate();
    this.host.emitAppendEvent('corbado-append-state', { state });
  }

  private track(eventType: ConnectEventType, message?: string): void {
    const signal = this.life?.signal;
    if (this.client?.processId && signal) this.client.event({ eventType, ...(message ? { message } : {}) }, signal);
  }

  private later(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private clearTimer(t: ReturnType<typeof setTimeout> | undefined): void {
    if (t === undefined) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const signal = this.life?.signal;
      const t = this.later(resolve, ms);
      signal?.addEventListener('abort', () => { this.clearTimer(t); resolve(); }, { once: true });
    });
  }
}

/** WebAuthn can run here: secure context, `PublicKeyCredential`, `navigator.credentials.create`. */
export function webAuthnAvailable(): boolean {
  return (
    globalThis.isSecureContext === true &&
    typeof globalThis.PublicKeyCredential === 'function' &&
    typeof navigator.credentials?.create === 'function'
  );
}

function toAppendError(e: unknown): CorbadoAppendError {
  if (e instanceof CorbadoAppendError) return e;
  if (isAbort(e)) return new CorbadoAppendError('api-unavailable', 'Request aborted', { cause: e });
  return new CorbadoAppendError('api-unavailable', `Unexpected failure: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/** WebAuthn L3 §5.1.10 `signalUnknownCredential`: tell the passkey provider to drop an orphan. */
function signalUnknownCredential(rpId: string, credentialId: string): void {
  const pkc = globalThis.PublicKeyCredential as unknown as {
    signalUnknownCredential?: (o: { rpId: string; credentialId: string }) => Promise<void>;
  };
  pkc?.signalUnknownCredential?.({ rpId, credentialId })?.catch(() => undefined);
}
