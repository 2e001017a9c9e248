import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { PasskeyOperation } from '../api/types.js';
import type { CorbadoAppendErrorCode } from '../errors.js';
import { AppendController, type AppendConfig, type AppendHost, type AppendMessage } from './append-controller.js';
import type { AppendEventDetailMap, AppendState } from './events.js';
import { stringsFor, type AppendStrings } from './messages.js';
import { styles } from './corbado-append.styles.js';

/**
 * `<corbado-append>` offers a passkey right after sign-in, as the Corbado Connect Frontend API
 * decides (`/v2/connect/append/init`, `/start`, `/finish`), runs the WebAuthn ceremony and
 * hands the result back. Configuration is read when the element is connected.
 *
 * @fires corbado-append-ready - `{variant, autoAppend, conditionalAppend, isRestrictedBrowser, customData}` the offer is shown
 * @fires corbado-append-complete - `{status: 'complete'|'complete-noop', completionType, passkeyOperation?}`
 * @fires corbado-append-skip - `{status: 'skip-implicit'|'skip-explicit', reason}` nothing was created
 * @fires corbado-append-error - `{code, recoverable, message, requestId?}` one of the design's error codes
 * @fires corbado-append-state - `{state}` every state change
 *
 * @csspart container - the card around everything
 * @csspart title - the heading
 * @csspart description - the text under the heading
 * @csspart primary-button - the "create passkey" `<button>`
 * @csspart skip-button - "not now" / "continue"
 * @csspart learn-more-button - opens (and closes) the explanation
 * @csspart message - live region for progress, cancel and error messages
 * @csspart hint - the restricted-browser hint
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

  /** Corbado project ID (one DNS label, e.g. `pro-1234567890`); sent as `X-Corbado-ProjectID`. */
  declare projectId?: string;
  /** Frontend API base URL; default `https://{projectId}.frontendapi.corbado.io`. `https:`, or `http:` on loopback only. */
  declare frontendApiUrl?: string;
  /** The append (connect) token, when the page already has one. Single use. */
  declare appendToken?: string;
  /** Forwarded as `situation` to init and start. */
  declare situation?: string;
  /** Forwarded as `forcePasskeyAppend` to start. */
  declare forcePasskeyAppend: boolean;
  /** Colour scheme: `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto';
  /** Overrides for any text (see `AppendStrings`). */
  declare strings?: Partial<AppendStrings>;

  /** Returns a fresh append token; called after init allows append, and again for each options refresh. */
  declare appendTokenProvider?: () => Promise<string>;
  /** Watchdog for a ceremony that never settles, in ms (relative). Default: the options' `timeout` + 10 s. */
  declare ceremonyTimeoutMs?: number;
  /** Called on `corbado-append-complete` with its `status` (`complete` or `complete-noop`). */
  declare onComplete?: (status: 'complete' | 'complete-noop', passkeyOperation?: PasskeyOperation) => void;
  /** Called on `corbado-append-skip` with its `status`. */
  declare onSkip?: (status: 'skip-implicit' | 'skip-explicit') => void;
  /** Called on `corbado-append-error` with its `code`. */
  declare onError?: (code: CorbadoAppendErrorCode) => void;

  constructor() {
    super();
    this.forcePasskeyAppend = false;
    this.theme = 'auto';
  }

  private readonly flow = new AppendController(this);
  private view: 'offer' | 'learn-more' = 'offer';

  /** Where the flow is: `idle`, `loading`, `ready`, `creating`, `finishing`, `success`, `error` or `skipped`. */
  get state(): AppendState {
    return this.flow.state;
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
      ceremonyTimeoutMs: this.ceremonyTimeoutMs,
    };
  }

  /** @internal dispatches the event (bubbles, composed) and calls the matching callback. */
  emitAppendEvent<K extends keyof AppendEventDetailMap>(type: K, detail: AppendEventDetailMap[K]): void {
    if (!this.isConnected) return; // removed: nothing is fired (the flow is being torn down)
    if (type === 'corbado-append-state') this.setAttribute('state', (detail as { state: string }).state);
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    try {
      if (type === 'corbado-append-complete') {
        const d = detail as AppendEventDetailMap['corbado-append-complete'];
        this.onComplete?.(d.status, d.passkeyOperation);
      } else if (type === 'corbado-append-skip') {
        this.onSkip?.((detail as AppendEventDetailMap['corbado-append-skip']).status);
      } else if (type === 'corbado-append-error') {
        this.onError?.((detail as AppendEventDetailMap['corbado-append-error']).code);
      }
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
    const { state, offer } = this.flow;
    if (state === 'idle' || state === 'skipped' || (state === 'loading' && !offer)) return nothing;
    const t = this.t;
    if (state === 'success') return this.renderSuccess(t);
    const variant = offer?.start.variant ?? 'default';
    const [title, text] =
      this.view === 'learn-more'
        ? [t.learnMoreTitle, t.learnMoreText]
        : variant === 'after-hybrid'
          ? [t.afterHybridTitle, t.afterHybridText]
          : variant === 'after-error'
            ? [t.afterErrorTitle, t.afterErrorText]
            : [t.defaultTitle, t.defaultText];
    const busy = state === 'loading' || state === 'creating' || state === 'finishing' || this.flow.refreshing;
    const message = this.flow.message;
    return html`<section part="container" aria-labelledby="title" aria-busy=${busy}>
      <h2 part="title" id="title">${title}</h2>
      <p part="description">${text}</p>
      ${offer?.start.isRestrictedBrowser ? html`<p part="hint">${t.restrictedHint}</p>` : nothing}
      <p part="message" class=${message ? 'error' : ''} role=${message ? 'alert' : 'status'}>${this.messageText(t, message, state)}</p>
      <div class="actions">
        ${state === 'error'
          ? nothing
          : html`<button part="primary-button" type="button" ?disabled=${busy} @click=${this.onCreate}>
              ${busy ? html`<span part="spinner" aria-hidden="true"></span>` : nothing}${t.create}
            </button>`}
        ${state === 'finishing'
          ? nothing
          : html`<button part="skip-button" type="button" @click=${this.onSkipClick}>
              ${state === 'error' ? t.continue : t.skip}
            </button>`}
      </div>
      ${state === 'error'
        ? nothing
        : html`<p class="more">
            <button part="learn-more-button" type="button" @click=${this.onToggleLearnMore}>
              ${this.view === 'learn-more' ? t.back : t.learnMore}
            </button>
          </p>`}
    </section>`;
  }

  private renderSuccess(t: AppendStrings) {
    const exists = this.flow.alreadyRegistered;
    const name = this.flow.passkeyOperation?.aaguidDetails?.name;
    const text = exists ? t.existsText : name ? t.successStoredIn.replace('{name}', name) : t.successText;
    return html`<section part="container" aria-labelledby="title">
      <h2 part="title" id="title" tabindex="-1">${exists ? t.existsTitle : t.successTitle}</h2>
      <p part="description" class="success">${text}</p>
      <p part="message" role="status" class="sr-only">${exists ? t.existsTitle : t.successTitle}</p>
    </section>`;
  }

  private messageText(t: AppendStrings, message: AppendMessage | undefined, state: AppendState): string {
    if (message) return t[message];
    return state === 'creating' ? t.creating : state === 'finishing' ? t.finishing : state === 'loading' ? t.loading : '';
  }

  private lastState?: AppendState;

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const state = this.flow.state;
    if (state === this.lastState) return;
    const was = this.lastState;
    this.lastState = state;
    // Focus follows the result: the heading on success, the button again after a failed attempt.
    if (state === 'success') this.shadowRoot?.querySelector<HTMLElement>('[part=title]')?.focus();
    else if (state === 'error' && [document.body, this, null].includes(document.activeElement as never)) {
      // The primary button (often focused) is gone: keep the keyboard user in the element.
      this.shadowRoot?.querySelector<HTMLElement>('[part=skip-button]')?.focus();
    }
    else if (state === 'ready' && was === 'creating') this.shadowRoot?.querySelector<HTMLElement>('[part=primary-button]')?.focus();
  }

  // Synchronous all the way to navigator.credentials.create(): the click's user activation holds.
  private onCreate = () => this.flow.create();
  private onSkipClick = () => this.flow.skip();
  // One button toggles the explanation in place (the same node, so keyboard focus stays on it).
  private onToggleLearnMore = () => {
    this.view = this.view === 'offer' ? 'learn-more' : 'offer';
    if (this.view === 'learn-more') this.flow.learnMore();
    this.requestUpdate();
  };

  override connectedCallback(): void {
    if (this.flow.state === 'idle') {
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
