import { LitElement, nothing, type PropertyValues } from 'lit';
import type { CorbadoAppendErrorCode } from '../errors.js';
import { AppendController, type AppendHost } from '../flow/controller.js';
import type { AppendConfig } from '../flow/load-offer.js';
import { browserPorts } from '../flow/ports.js';
import { PUBLIC_STATE } from '../flow/types.js';
import type { AppendEventDetailMap, AppendState } from './events.js';
import { focusAfter } from './focus.js';
import { addLocale, onLocale, stringsFor, type AppendStrings } from './messages.js';
import { styles } from './corbado-append.styles.js';
import { errorCard, offerCard, successCard, type Handlers } from './corbado-append.templates.js';

/** The page's callback for each element event (Corbado's `CorbadoConnectAppend` signatures). */
const CALLBACKS: { [K in keyof AppendEventDetailMap]?: (el: CorbadoAppend, detail: AppendEventDetailMap[K]) => void } = {
  'corbado-append-complete': (el, d) => el.onComplete?.(d.status, d.clientState),
  'corbado-append-skip': (el, d) => el.onSkip?.(d.status),
  'corbado-append-error': (el, d) => el.onError?.(d.code),
};

/** Events whose default action — moving focus on when the element steps aside — the page may prevent. */
const CANCELABLE = new Set<string>(['corbado-append-skip', 'corbado-append-continue']);

/**
 * `<corbado-append>` offers a passkey right after sign-in, as the Corbado Connect Frontend API
 * decides (`/v2/connect/append/init`, `/start`, `/finish`), runs the WebAuthn ceremony and
 * hands the result back. Configuration is read when the element is connected (a microtask later,
 * so properties set right after `append()` count); later changes of its configuration do not
 * restart the flow (`theme` and `strings` apply at once, `lang` with the next render). Moving it
 * within the page keeps its flow, removing it ends the flow (but a finish, which goes on),
 * re-adding starts a new one with the configuration of that moment.
 * Events are `CustomEvent`s that bubble and are composed, typed in `HTMLElementEventMap`.
 *
 * @attr lang - Language: `en` (built in), `de`, `fr`, `es`, `it`, `nl`, `pt`, `pl`, `ja` (each loaded from `locales/<lang>.js` beside the element's file, README "Languages"); without it the closest ancestor's `lang`, else the browser's.
 *
 * @fires corbado-append-ready - `{variant, autoAppend, conditionalAppend, isRestrictedBrowser, customData}`: the offer is shown (a `variant` this version does not know reads as `default`).
 * @fires corbado-append-complete - `{status: 'complete'|'complete-noop', completionType, passkeyOperation?, unconfirmed?}`: a passkey was created; `complete-noop`: one was already on this device; `unconfirmed: true`: the server's confirmation was lost (README "Guarantees").
 * @fires corbado-append-skip - `{status: 'skip-implicit'|'skip-explicit', reason}`: the element steps aside; reasons `append-not-allowed`, `passkey-intel-denied`, `unsupported`, `user-skipped`, `finish-pending`, `snoozed`, `error`. Cancelable: `preventDefault()` keeps focus where the page puts it (README "Focus").
 * @fires corbado-append-error - `{code, recoverable, message, requestId?, maybeStored?}`: one of the error codes (README "Error codes"); never contains the append token. `maybeStored: true` (`finish-failed` only): no definitive answer, the passkey may be stored after all (README "Guarantees").
 * @fires corbado-append-state - `{state}`: every change of `state` (a renewal of expired options shows as `loading` while the offer stays on screen, busy).
 * @fires corbado-append-continue - `{status: 'complete'|'complete-noop'}`: the user pressed Continue on the success card, which then hides. Cancelable: `preventDefault()` keeps focus where the page puts it.
 *
 * @csspart container - the card around everything (at most `--cb-max-width` wide)
 * @csspart icon - the round badge above the heading: passkey, check mark (success), exclamation mark (final error)
 * @csspart title - the heading
 * @csspart description - the text under the heading
 * @csspart primary-button - the "Create passkey" `<button>` (progress inside: spinner and label)
 * @csspart skip-button - "Not now"; "Continue" while a slow finish goes on, and (as a full-width button) after a final error
 * @csspart learn-more-button - opens (and closes) the explanation
 * @csspart continue-button - Continue on the success card (fires `corbado-append-continue`); `::part(continue-button) { display: none }` hides it for pages that navigate on complete
 * @csspart provider-icon - the passkey provider's icon on success (`aaguidDetails.iconLight`/`iconDark`, `data:` PNG/SVG/WebP only)
 * @csspart message - live region: progress (read out, not shown), the cancel or error notice in place of the text, the final error
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
 * @cssprop --cb-color-hint - hint background
 * @cssprop --cb-border-radius - card corner radius (buttons: 3/4 of it)
 * @cssprop --cb-font-family - font
 * @cssprop --cb-max-width - widest the card gets (default `30rem`)
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
    snoozeDays: { attribute: 'snooze-days', type: Number },
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
  /** Opt-in: remember "Not now" on this device for this many days (per project, `localStorage`); meanwhile the element skips at once (`skip-implicit`, reason `snoozed`) and sends no request. A success forgets it. */
  declare snoozeDays?: number;
  /** Colour scheme: `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto';
  /** Overrides for any text, in any language (see `AppendStrings`). */
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

  /**
   * Adds (or replaces) a language by BCP 47 tag (`sv`, `pt-br`); keys it lacks fall back to
   * English. The shipped language files call this themselves (README "Languages").
   */
  static addLocale(lang: string, strings: Partial<AppendStrings>): void {
    addLocale(lang, strings);
  }

  private readonly flow = new AppendController(this, browserPorts);
  private view: 'offer' | 'learn-more' = 'offer';
  private lastState?: AppendState;
  /** In `loading` on the way back from a ceremony (its options expired meanwhile and are renewed). */
  private fromCeremony = false;
  /** Continue was pressed on the success card: it is hidden. */
  private dismissed = false;
  /** Focus was inside when the element stepped aside, and the page did not take it over. */
  private refocus = false;
  private unsubscribe?: () => void;

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
      snoozeDays: this.snoozeDays,
      ceremonyTimeoutMs: this.ceremonyTimeoutMs,
    };
  }

  /**
   * @internal The one way out: dispatches the event (bubbles, composed; skip and continue are
   * cancelable) and calls the matching callback; `corbado-append-state` also reflects the `state`
   * attribute. Nothing is fired once removed. Returns false when the page prevented the default.
   */
  emit<K extends keyof AppendEventDetailMap>(type: K, detail: AppendEventDetailMap[K]): boolean {
    if (type === 'corbado-append-state') {
      const { state } = detail as AppendEventDetailMap['corbado-append-state'];
      // Taken before the state attribute hides the element (and the browser moves focus away).
      this.refocus = state === 'skipped' && this.matches(':focus-within');
      if (state === 'idle') this.removeAttribute('state');
      else this.setAttribute('state', state);
    }
    if (!this.isConnected) return true;
    const event = new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: CANCELABLE.has(type) });
    const proceed = this.dispatchEvent(event);
    if (!proceed) this.refocus = false;
    try {
      CALLBACKS[type]?.(this, detail);
    } catch (e) {
      queueMicrotask(() => {
        throw e; // a throwing callback is the page's bug: report it, keep our flow going
      });
    }
    return proceed;
  }

  /** The language: own `lang`, else the closest ancestor's, else the browser's. */
  private get language(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || navigator.language;
  }

  private get t(): AppendStrings {
    return { ...stringsFor(this.language), ...this.strings };
  }

  override render() {
    const s = this.flow.state;
    if (s.name === 'idle' || s.name === 'loading' || s.name === 'skipped' || this.dismissed) return nothing;
    if (s.name === 'success') return successCard(this.t, s, this.on);
    if (s.name === 'error') return errorCard(this.t, s, this.on);
    return offerCard(this.t, s, this.view === 'learn-more', this.on);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const state = this.state;
    if (this.refocus) {
      // Stepped aside while focused ("Not now", Continue): on to what follows the element (README "Focus").
      this.refocus = false;
      focusAfter(this);
    }
    if (state === this.lastState) return;
    const was = this.lastState;
    this.lastState = state;
    // Back from a ceremony to the offer: directly, or through a renewal of options that expired meanwhile.
    const fromCeremony = was === 'creating' || (was === 'loading' && this.fromCeremony);
    this.fromCeremony = state === 'loading' && fromCeremony;
    const focus = (part: string) => this.shadowRoot?.querySelector<HTMLElement>(`[part=${part}]`)?.focus();
    // Focus is moved only when it is in the element or nowhere: a user typing elsewhere on the page
    // (a conditional create or the autoAppend ceremony ended meanwhile) keeps it.
    if (![document.body, this, null].includes(document.activeElement as never)) return;
    // Focus follows the result: the heading on success, the button again after a failed attempt.
    if (state === 'success') focus('title');
    // The primary button (often focused) is gone: keep the keyboard user in the element.
    else if (state === 'error') focus('skip-button');
    else if (state === 'ready' && fromCeremony) focus('primary-button');
  }

  private readonly on: Handlers = {
    // Synchronous all the way to navigator.credentials.create(): the click's user activation holds.
    create: () => this.flow.click(),
    skip: () => this.flow.skip(),
    // One button toggles the explanation in place (the same node, so keyboard focus stays on it).
    toggleLearnMore: () => {
      this.view = this.view === 'offer' ? 'learn-more' : 'offer';
      if (this.view === 'learn-more') this.flow.learnMore();
      this.requestUpdate();
    },
    continue: () => {
      const s = this.flow.state;
      const focused = this.matches(':focus-within');
      const status = s.name === 'success' && s.alreadyRegistered ? 'complete-noop' : 'complete';
      this.dismissed = true;
      this.refocus = this.emit('corbado-append-continue', { status }) && focused;
      this.requestUpdate();
    },
  };

  override connectedCallback(): void {
    if (this.flow.state.name === 'idle') {
      // A fresh flow (first connect, or re-added after a removal): start from the offer view.
      this.view = 'offer';
      this.lastState = undefined;
      this.dismissed = false;
    }
    super.connectedCallback();
    // A language file arriving re-renders; asking for the texts now starts loading it.
    this.unsubscribe = onLocale(() => this.requestUpdate());
    void this.t;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'corbado-append': CorbadoAppend;
  }
}
