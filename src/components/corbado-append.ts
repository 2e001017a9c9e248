import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { CorbadoAppendErrorCode } from '../errors.js';
import { AppendController, type AppendHost } from '../flow/controller.js';
import type { AppendConfig } from '../flow/load-offer.js';
import { browserPorts } from '../flow/ports.js';
import { PUBLIC_STATE, type FlowState } from '../flow/types.js';
import type { AppendEventDetailMap, AppendState } from './events.js';
import { TEXT_FOR, finalText, stringsFor, type AppendStrings } from './messages.js';
import { styles } from './corbado-append.styles.js';

type Shown = Extract<FlowState, { name: 'ready' | 'renewing' | 'creating' | 'finishing' }>;

/** The page's callback for each element event (Corbado's `CorbadoConnectAppend` signatures). */
const CALLBACKS: { [K in keyof AppendEventDetailMap]?: (el: CorbadoAppend, detail: AppendEventDetailMap[K]) => void } = {
  'corbado-append-complete': (el, d) => el.onComplete?.(d.status, d.clientState),
  'corbado-append-skip': (el, d) => el.onSkip?.(d.status),
  'corbado-append-error': (el, d) => el.onError?.(d.code),
};

/**
 * `<corbado-append>` offers a passkey right after sign-in, as the Corbado Connect Frontend API
 * decides (`/v2/connect/append/init`, `/start`, `/finish`), runs the WebAuthn ceremony and
 * hands the result back. Configuration is read when the element is connected (a microtask later,
 * so properties set right after `append()` count); moving it within the page keeps its flow,
 * removing it ends the flow (but a finish, which goes on), re-adding starts a new one.
 * Events are `CustomEvent`s that bubble and are composed, typed in `HTMLElementEventMap`.
 *
 * @attr lang - Language (`en`, `de`); without it the closest ancestor's `lang`, else the browser's.
 *
 * @fires corbado-append-ready - `{variant, autoAppend, conditionalAppend, isRestrictedBrowser, customData}`: the offer is shown.
 * @fires corbado-append-complete - `{status: 'complete'|'complete-noop', completionType, passkeyOperation?, unconfirmed?}`: a passkey was created; `complete-noop`: one was already on this device; `unconfirmed: true`: the server's confirmation was lost (README "Finish rules").
 * @fires corbado-append-skip - `{status: 'skip-implicit'|'skip-explicit', reason}`: the element steps aside; reasons `append-not-allowed`, `passkey-intel-denied`, `unsupported`, `user-skipped`, `finish-pending`, `error`.
 * @fires corbado-append-error - `{code, recoverable, message, requestId?}`: one of the error codes (README "Error codes"); never contains the append token.
 * @fires corbado-append-state - `{state}`: every change of `state`.
 *
 * @csspart container - the card around everything
 * @csspart title - the heading
 * @csspart description - the text under the heading
 * @csspart primary-button - the "create passkey" `<button>`
 * @csspart skip-button - "not now" / "continue"
 * @csspart learn-more-button - opens (and closes) the explanation
 * @csspart message - live region for progress, cancel and error messages
 * @csspart hint - the hint of a restricted browser or a known limit (in-app browser, frame, no platform authenticator)
 * @csspart spinner - progress indicator inside the primary button
 *
 * @cssprop --cb-color-primary - primary button background
 * @cssprop --cb-color-on-primary - primary button text
 * @cssprop --cb-color-secondary - secondary buttons text
 * @cssprop --cb-color-surface - card background
 * @cssprop --cb-color-on-surface - text
 * @cssprop --cb-color-on-surface-variant - secondary text
 * @cssprop --cb-color-error - error text
 * @cssprop --cb-color-success - success text
 * @cssprop --cb-color-outline - card border
 * @cssprop --cb-border-radius - card and button corner radius
 * @cssprop --cb-font-family - font
 */
export class CorbadoAppend extends LitElement implements AppendHost {
  static override styles = styles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    projectId: { attribute: 'project-id' },
    frontendApiUrl: { attribute: 'frontend-api-url' },
    appendToken: { attribute: 'append-token' },
    situation: {},
    forcePasskeyAppend: { attribute: 'force-passkey-append', type: Boolean },
    earlyToken: { attribute: 'early-token', type: Boolean },
    theme: { reflect: true },
    strings: { attribute: false },
    // Property-only: accessors on the prototype, so frameworks (React, @lit/react, Vue) set them
    // as properties; changing them does not restart the flow.
    appendTokenProvider: { attribute: false },
    ceremonyTimeoutMs: { attribute: false },
    onComplete: { attribute: false },
    onSkip: { attribute: false },
    onError: { attribute: false },
  };

  /** Corbado project ID, sent as `X-Corbado-ProjectID`: one DNS label (`[a-z0-9-]`, ≤ 63, e.g. `pro-1234567890`); anything else is `config-invalid` and no request is made. */
  declare projectId?: string;
  /** Frontend API base URL; default `https://{projectId}.frontendapi.corbado.io`. `https:`, or `http:` on loopback only. */
  declare frontendApiUrl?: string;
  /** The append (connect) token, when the page already has one. Single use. */
  declare appendToken?: string;
  /** Forwarded as `situation` to init and start. */
  declare situation?: string;
  /** Forwarded as `forcePasskeyAppend` to start: offer even where Corbado's passkey intelligence would not. A boolean attribute: present means true (also `="false"`). */
  declare forcePasskeyAppend: boolean;
  /**
   * Opt-in: ask `appendTokenProvider` for the first token in parallel with init, not after it —
   * one backend round trip less before the offer; the cost is a token minted for a user whom init
   * then declines (it expires unused). A boolean attribute.
   */
  declare earlyToken: boolean;
  /** Colour scheme: `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto';
  /** Overrides for any text (see `AppendStrings`). */
  declare strings?: Partial<AppendStrings>;

  /** Returns a fresh append token; called after init allows append, and again for each options refresh. May take up to 15 s, else `token-unavailable`. */
  declare appendTokenProvider?: () => Promise<string>;
  /** Watchdog for a ceremony that never settles, in ms (relative). Default: the options' `timeout` + 10 s. */
  declare ceremonyTimeoutMs?: number;
  /**
   * Called on `corbado-append-complete` with its `status` and Corbado's `clientState` (standard base64 of
   * JSON `{lastLogin, clientEnvHandle}`), as `CorbadoConnectAppend` calls it; `passkeyOperation` is on the event.
   */
  declare onComplete?: (status: 'complete' | 'complete-noop', clientState: string) => void;
  /** Called on `corbado-append-skip` with its `status` (Corbado `CorbadoConnectAppend` style). */
  declare onSkip?: (status: 'skip-implicit' | 'skip-explicit') => void;
  /** Called on `corbado-append-error` with its `code` (Corbado `CorbadoConnectAppend` style). */
  declare onError?: (code: CorbadoAppendErrorCode) => void;

  constructor() {
    super();
    this.forcePasskeyAppend = false;
    this.earlyToken = false;
    this.theme = 'auto';
  }

  private readonly flow = new AppendController(this, browserPorts);
  private view: 'offer' | 'learn-more' = 'offer';
  private lastState?: AppendState;

  /** Where the flow is: `idle`, `loading`, `ready`, `creating`, `finishing`, `success`, `error` or `skipped`; reflected as the `state` attribute. */
  get state(): AppendState {
    return PUBLIC_STATE[this.flow.state.name];
  }

  /** @internal read by the flow controller */
  get appendConfig(): AppendConfig {
    return {
      projectId: this.projectId,
      frontendApiUrl: this.frontendApiUrl,
      appendToken: this.appendToken,
      appendTokenProvider: this.appendTokenProvider,
      situation: this.situation,
      forcePasskeyAppend: this.forcePasskeyAppend,
      earlyToken: this.earlyToken,
      ceremonyTimeoutMs: this.ceremonyTimeoutMs,
    };
  }

  /**
   * @internal The one way out: dispatches the event (bubbles, composed) and calls the matching
   * callback; `corbado-append-state` also reflects the `state` attribute. Nothing is fired once removed.
   */
  emit<K extends keyof AppendEventDetailMap>(type: K, detail: AppendEventDetailMap[K]): void {
    if (type === 'corbado-append-state') {
      const { state } = detail as AppendEventDetailMap['corbado-append-state'];
      if (state === 'idle') this.removeAttribute('state');
      else this.setAttribute('state', state);
    }
    if (!this.isConnected) return;
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    try {
      CALLBACKS[type]?.(this, detail);
    } catch (e) {
      queueMicrotask(() => {
        throw e; // a throwing callback is the page's bug: report it, keep our flow going
      });
    }
  }

  private get t(): AppendStrings {
    const lang = this.lang || this.closest('[lang]')?.getAttribute('lang') || navigator.language;
    return { ...stringsFor(lang), ...this.strings };
  }

  override render() {
    const s = this.flow.state;
    switch (s.name) {
      case 'idle':
      case 'loading':
      case 'skipped':
        return nothing;
      case 'success':
        return this.renderSuccess(this.t, s);
      case 'error':
        return this.renderError(this.t, s);
      default:
        return this.renderOffer(this.t, s);
    }
  }

  private renderOffer(t: AppendStrings, s: Shown) {
    const [title, text] =
      this.view === 'learn-more' ? (['learnMoreTitle', 'learnMoreText'] as const) : TEXT_FOR.variant[s.offer.start.variant];
    const busy = s.name !== 'ready' || s.refreshing;
    const notice = s.name === 'finishing' ? undefined : s.notice;
    const slow = s.name === 'finishing' && s.slow;
    const progress = s.name === 'ready' ? '' : t[slow ? 'finishSlow' : TEXT_FOR.progress[s.name]];
    const { limit, start } = s.offer;
    const hint = start.isRestrictedBrowser ? 'restrictedHint' : limit && TEXT_FOR.hint[limit];
    return this.card(
      t[title],
      t[text],
      busy,
      html`${hint ? html`<p part="hint">${t[hint]}</p>` : nothing}
        <p part="message" class=${notice ? 'error' : ''} role=${notice ? 'alert' : 'status'}>
          ${notice ? t[TEXT_FOR.notice[notice]] : progress}
        </p>`,
      html`<button part="primary-button" type="button" ?disabled=${busy} @click=${this.onCreate}>
          ${busy ? html`<span part="spinner" aria-hidden="true"></span>` : nothing}${t.create}
        </button>
        ${
          s.name === 'finishing' && !slow
            ? nothing
            : html`<button part="skip-button" type="button" @click=${this.onSkipClick}>${slow ? t.continue : t.skip}</button>`
        }`,
      html`<p class="more">
        <button part="learn-more-button" type="button" @click=${this.onToggleLearnMore}>
          ${this.view === 'learn-more' ? t.back : t.learnMore}
        </button>
      </p>`,
    );
  }

  private renderError(t: AppendStrings, s: Extract<FlowState, { name: 'error' }>) {
    return this.card(
      t.errorTitle,
      '',
      false,
      html`<p part="message" class="error" role="alert">${t[finalText(s.error.code, s.maybeStored)]}</p>`,
      html`<button part="skip-button" type="button" @click=${this.onSkipClick}>${t.continue}</button>`,
    );
  }

  private card(title: string, text: string, busy: boolean, status: TemplateResult, actions: TemplateResult, more?: TemplateResult) {
    return html`<section part="container" aria-labelledby="title" aria-busy=${busy}>
      <h2 part="title" id="title">${title}</h2>
      ${text ? html`<p part="description">${text}</p>` : nothing} ${status}
      <div class="actions">${actions}</div>
      ${more ?? nothing}
    </section>`;
  }

  private renderSuccess(t: AppendStrings, s: Extract<FlowState, { name: 'success' }>) {
    const name = s.passkeyOperation?.aaguidDetails?.name;
    const title = s.alreadyRegistered ? t.existsTitle : t.successTitle;
    // The provider's name is the server's text: inserted as text, its direction isolated (<bdi>).
    const [before, after] = t.successStoredIn.split('{name}');
    const text = s.alreadyRegistered
      ? t.existsText
      : name && after !== undefined
        ? html`${before}<bdi>${name}</bdi>${after}`
        : t.successText;
    return html`<section part="container" aria-labelledby="title">
      <h2 part="title" id="title" tabindex="-1">${title}</h2>
      <p part="description" class="success">${text}</p>
      <p part="message" role="status" class="sr-only">${title}</p>
    </section>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const state = this.state;
    if (state === this.lastState) return;
    const was = this.lastState;
    this.lastState = state;
    const focus = (part: string) => this.shadowRoot?.querySelector<HTMLElement>(`[part=${part}]`)?.focus();
    // Focus follows the result: the heading on success, the button again after a failed attempt.
    if (state === 'success') focus('title');
    // The primary button (often focused) is gone: keep the keyboard user in the element.
    else if (state === 'error' && [document.body, this, null].includes(document.activeElement as never)) focus('skip-button');
    else if (state === 'ready' && was === 'creating') focus('primary-button');
  }

  // Synchronous all the way to navigator.credentials.create(): the click's user activation holds.
  private onCreate = () => this.flow.click();
  private onSkipClick = () => this.flow.skip();
  // One button toggles the explanation in place (the same node, so keyboard focus stays on it).
  private onToggleLearnMore = () => {
    this.view = this.view === 'offer' ? 'learn-more' : 'offer';
    if (this.view === 'learn-more') this.flow.learnMore();
    this.requestUpdate();
  };

  override connectedCallback(): void {
    if (this.flow.state.name === 'idle') {
      // A fresh flow (first connect, or re-added after a removal): start from the offer view.
      this.view = 'offer';
      this.lastState = undefined;
    }
    super.connectedCallback();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'corbado-append': CorbadoAppend;
  }
}
