/**
 * The public contract of `<corbado-append>`, defined once (docs/design.md, "Public contract"): its
 * states, its events (names, details, which are cancelable) and its properties and attributes.
 * The flow and the element import from here; everything else is derived:
 *
 * - the element's Lit `static properties` and its property types (`AppendProperties`);
 * - the React wrapper's `onCorbadoAppend…` props (`reactEventProps`), the JSX and Svelte
 *   template typings (`CorbadoAppendTemplateProps`, `CorbadoAppendOnEvents`);
 * - `custom-elements.json` (its attributes, properties and events, with these doc comments:
 *   `custom-elements-manifest.config.mjs`), and from it the kit's event recorder and the README's
 *   API table.
 *
 * A new event is one entry in `AppendEventDetailMap` and one in `APPEND_EVENTS`; a new property one
 * in `AppendProperties` and one in `APPEND_PROPERTIES`. `tsc` fails while either half is missing.
 */
import type { AppendVariant, CompletionType, PasskeyOperation } from './api/types.js';
import type { CorbadoAppendErrorCode } from './errors.js';
import type { AppendStrings } from './strings.js';

// ── states ──────────────────────────────────────────────────────────────────

/** `state` of the element. */
export type AppendState = 'idle' | 'loading' | 'ready' | 'creating' | 'finishing' | 'success' | 'error' | 'skipped';

/**
 * Why the element stepped aside (`corbado-append-skip.reason`). `finish-pending`: the user went on
 * while the passkey was still being saved; the finish goes on in the background. `snoozed`: the
 * user's "Not now" on this device still holds (`snooze-days`); no request was sent.
 */
export type SkipReason =
  'append-not-allowed' | 'passkey-intel-denied' | 'unsupported' | 'user-skipped' | 'finish-pending' | 'snoozed' | 'error';

// ── events ──────────────────────────────────────────────────────────────────

/** `corbado-append-ready`: the offer is shown; the server's decisions from the start response. */
export interface AppendReadyDetail {
  variant: AppendVariant;
  autoAppend: boolean;
  conditionalAppend: boolean;
  isRestrictedBrowser: boolean;
  /** `connectAppendStartRsp.customData` (opaque string map; empty object when absent). */
  customData: Record<string, string>;
}

/** `corbado-append-complete`: a passkey was created (`complete`) or already existed (`complete-noop`). */
export interface AppendCompleteDetail {
  status: 'complete' | 'complete-noop';
  completionType: CompletionType;
  /** `connectAppendFinishRsp.passkeyOperation`; absent for `complete-noop` and when `unconfirmed`. */
  passkeyOperation?: PasskeyOperation;
  /**
   * The server's confirmation was lost: an attempt went unanswered and the retry of the same
   * attestation was refused (as already used). The passkey is on the device and most likely on
   * the server; it was not signalled away.
   */
  unconfirmed?: true;
  /**
   * Corbado's `clientState` (as `CorbadoConnectAppend` hands `onComplete`): standard base64 of the
   * UTF-8 JSON `{lastLogin, clientEnvHandle}`, each `{data, source, ts}` (`ts` unix ms). Hosts may
   * persist it (e.g. with the user's account) to restore the client state on another device.
   */
  clientState: string;
}

/** `corbado-append-skip`: nothing was created; `skip-explicit` when the user chose it. */
export interface AppendSkipDetail {
  status: 'skip-implicit' | 'skip-explicit';
  reason: SkipReason;
}

/** `corbado-append-error`: one of the error codes (docs/design.md). Never contains the append token. */
export interface AppendErrorDetail {
  code: CorbadoAppendErrorCode;
  /** True when the user can try again in place. */
  recoverable: boolean;
  /** English, for logs (not for users). */
  message: string;
  /** `requestData.requestID` of a Corbado error body, to quote to Corbado support. */
  requestId?: string;
  /**
   * `finish-failed` only: the finish got no definitive answer before the options' deadline, so the
   * passkey may be stored after all (it was not signalled away; the next offer reconciles it,
   * README "Guarantees"). Absent when the server definitively refused it ("not saved").
   */
  maybeStored?: true;
}

/**
 * `corbado-append-continue`: the user pressed Continue on the success card (cancelable). The card
 * then hides and focus moves on (README "Continue and focus"); `preventDefault()` keeps focus where the page puts it.
 */
export interface AppendContinueDetail {
  status: 'complete' | 'complete-noop';
}

/** `corbado-append-state`: every state change. */
export interface AppendStateDetail {
  state: AppendState;
}

/**
 * Every event of the element and its `detail`. Each is a `CustomEvent` that bubbles and is
 * composed; the doc comment of each entry is its description in `custom-elements.json`.
 */
export interface AppendEventDetailMap {
  /** `{variant, autoAppend, conditionalAppend, isRestrictedBrowser, customData}`: the offer is shown (a `variant` this version does not know reads as `default`). */
  'corbado-append-ready': AppendReadyDetail;
  /** `{status: 'complete'|'complete-noop', completionType, passkeyOperation?, unconfirmed?, clientState}`: a passkey was created; `complete-noop`: one was already on this device; `unconfirmed: true`: the server's confirmation was lost (README "Guarantees"). */
  'corbado-append-complete': AppendCompleteDetail;
  /** `{status: 'skip-implicit'|'skip-explicit', reason}`: the element steps aside; reasons `append-not-allowed`, `passkey-intel-denied`, `unsupported`, `user-skipped`, `finish-pending`, `snoozed`, `error`. Cancelable: `preventDefault()` keeps focus where the page puts it (README "Continue and focus"). */
  'corbado-append-skip': AppendSkipDetail;
  /** `{code, recoverable, message, requestId?, maybeStored?}`: one of the error codes (README "Error codes"); never contains the append token. `maybeStored: true` (`finish-failed` only): no definitive answer, the passkey may be stored after all (README "Guarantees"). */
  'corbado-append-error': AppendErrorDetail;
  /** `{state}`: every change of `state` (a renewal of expired options shows as `loading` while the offer stays on screen, busy). */
  'corbado-append-state': AppendStateDetail;
  /** `{status: 'complete'|'complete-noop'}`: the user pressed Continue on the success card, which then hides. Cancelable: `preventDefault()` keeps focus where the page puts it. */
  'corbado-append-continue': AppendContinueDetail;
}

export type AppendEventName = keyof AppendEventDetailMap;

/**
 * Every event at run time. `cancelable`: its default action — moving focus on as the element steps
 * aside — may be prevented. A missing or extra entry fails `tsc`.
 */
export const APPEND_EVENTS = {
  'corbado-append-ready': { cancelable: false },
  'corbado-append-complete': { cancelable: false },
  'corbado-append-skip': { cancelable: true },
  'corbado-append-error': { cancelable: false },
  'corbado-append-state': { cancelable: false },
  'corbado-append-continue': { cancelable: true },
} as const satisfies { [K in AppendEventName]: { cancelable: boolean } };

/** The event names, in the order above. */
export const APPEND_EVENT_NAMES = Object.keys(APPEND_EVENTS) as AppendEventName[];

declare global {
  // Each event, typed for `addEventListener` on any element.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends AppendEventMap {}
}

/** `CustomEvent` of each event, by name (as `HTMLElementEventMap` has them). */
export type AppendEventMap = { [K in AppendEventName]: CustomEvent<AppendEventDetailMap[K]> };

/** `corbado-append-complete` → `CorbadoAppendComplete`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** The React prop of an event: `corbado-append-complete` → `onCorbadoAppendComplete`. */
export type ReactEventProp<K extends AppendEventName> = `on${Pascal<K>}`;

/** `corbado-append-complete` → `onCorbadoAppendComplete` (the `@lit/react` event prop). */
export const reactEventProp = <K extends AppendEventName>(name: K): ReactEventProp<K> =>
  `on${name.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase())}` as ReactEventProp<K>;

/** React prop name → event name, for every event (`@lit/react` `createComponent({events})`). */
export const reactEventProps = Object.fromEntries(APPEND_EVENT_NAMES.map((name) => [reactEventProp(name), name])) as {
  [K in AppendEventName as ReactEventProp<K>]: K;
};

/** `oncorbado-append-ready`, …: a listener for that event, as React 19 and Svelte 5 templates attach one to a custom element. */
export type CorbadoAppendOnEvents = {
  [K in AppendEventName as `on${K}`]?: (event: CustomEvent<AppendEventDetailMap[K]>) => void;
};

// ── properties and attributes ───────────────────────────────────────────────

/**
 * Every public property of the element. The doc comment of each is its description in
 * `custom-elements.json`; its attribute, if any, is in `APPEND_PROPERTIES`.
 */
export interface AppendProperties {
  /** Corbado project ID, sent as `X-Corbado-ProjectID`: one DNS label (`[a-z0-9-]`, ≤ 63, e.g. `pro-1234567890`); anything else is `config-invalid` and no request is made. */
  projectId?: string;
  /** Frontend API base URL; default `https://{projectId}.frontendapi.corbado.io`. `https:`, or `http:` on loopback only. */
  frontendApiUrl?: string;
  /** The append (connect) token, when the page already has one. Single use. */
  appendToken?: string;
  /** Forwarded as `situation` to init and start. */
  situation?: string;
  /** Forwarded as `forcePasskeyAppend` to start: offer even where Corbado's passkey intelligence would not. A boolean attribute: present means true (also `="false"`). */
  forcePasskeyAppend: boolean;
  /**
   * Opt-in: ask `appendTokenProvider` for the first token in parallel with init, not after it —
   * one backend round trip less before the offer; the cost is a token minted for a user whom init
   * then declines (it expires unused). A boolean attribute.
   */
  earlyToken: boolean;
  /** Opt-in: remember "Not now" on this device for this many days (per project, `localStorage`); meanwhile the element skips at once (`skip-implicit`, reason `snoozed`) and sends no request. A success forgets it. */
  snoozeDays?: number;
  /** Colour scheme: `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  theme: 'light' | 'dark' | 'auto';
  /** Overrides for any text, in any language (see `AppendStrings`). */
  strings?: Partial<AppendStrings>;
  /** Returns a fresh append token; called after init allows append, and again for each options refresh (the one set at that moment). May take up to 15 s, else `token-unavailable`. */
  appendTokenProvider?: () => Promise<string>;
  /** Watchdog for a ceremony that never settles, in ms (relative). Default: the options' `timeout` + 10 s. */
  ceremonyTimeoutMs?: number;
  /**
   * Called on `corbado-append-complete` with its `status` and Corbado's `clientState` (standard base64 of
   * JSON `{lastLogin, clientEnvHandle}`), as `CorbadoConnectAppend` calls it; `passkeyOperation` is on the event.
   */
  onComplete?: (status: 'complete' | 'complete-noop', clientState: string) => void;
  /** Called on `corbado-append-skip` with its `status` (Corbado `CorbadoConnectAppend` style). */
  onSkip?: (status: 'skip-implicit' | 'skip-explicit') => void;
  /** Called on `corbado-append-error` with its `code` (Corbado `CorbadoConnectAppend` style). */
  onError?: (code: CorbadoAppendErrorCode) => void;
}

/** How a property meets HTML: its attribute (dashed), how the attribute reads (Lit `type`), whether it is reflected. */
interface PropertySpec {
  readonly attribute: string | false;
  readonly type?: typeof Boolean | typeof Number;
  readonly reflect?: true;
  /** Read by the flow once per connect (`AppendConfig`); changing it later does not restart the flow. */
  readonly config?: true;
}

/**
 * Every property at run time: the element's Lit `static properties`. `attribute: false`:
 * property only (a function or an object; frameworks set it as a property). A missing or extra
 * entry fails `tsc`.
 */
export const APPEND_PROPERTIES = {
  projectId: { attribute: 'project-id', config: true },
  frontendApiUrl: { attribute: 'frontend-api-url', config: true },
  appendToken: { attribute: 'append-token', config: true },
  situation: { attribute: 'situation', config: true },
  forcePasskeyAppend: { attribute: 'force-passkey-append', type: Boolean, config: true },
  earlyToken: { attribute: 'early-token', type: Boolean, config: true },
  snoozeDays: { attribute: 'snooze-days', type: Number, config: true },
  theme: { attribute: 'theme', reflect: true },
  strings: { attribute: false },
  appendTokenProvider: { attribute: false, config: true },
  ceremonyTimeoutMs: { attribute: false, config: true },
  onComplete: { attribute: false },
  onSkip: { attribute: false },
  onError: { attribute: false },
} as const satisfies { [K in keyof AppendProperties]-?: PropertySpec };

type Specs = typeof APPEND_PROPERTIES;

/** The properties the flow reads once per connect. */
export type AppendConfigKey = { [K in keyof Specs]: Specs[K] extends { config: true } ? K : never }[keyof Specs];

/** What the flow reads from its element when it is connected; `appendTokenProvider` is read again for each token. */
export type AppendConfig = Partial<Pick<AppendProperties, AppendConfigKey>>;

/** The names of the config properties, at run time. */
export const APPEND_CONFIG_KEYS = (Object.keys(APPEND_PROPERTIES) as (keyof Specs)[]).filter(
  (k): k is AppendConfigKey => 'config' in APPEND_PROPERTIES[k],
);

/** Attribute name → the property it sets. */
type AttributeOf = { [K in keyof Specs as Specs[K]['attribute'] extends string ? Specs[K]['attribute'] : never]: K };

/**
 * The value a template may give an attribute. A boolean attribute is on when present, whatever its
 * text (HTML; Lit's `Boolean` converter): Svelte writes `{false}` as the text `"false"`, which is
 * on — so only `true` (present) or `""` is accepted; a condition goes to the property
 * (`earlyToken={cond}`). A number attribute takes a number or its text.
 */
type AttributeValue<K extends keyof Specs> = Specs[K] extends { type: typeof Boolean }
  ? true | ''
  : Specs[K] extends { type: typeof Number }
    ? number | `${number}`
    : AppendProperties[K];

/**
 * What a framework template may put on the tag: every attribute (dashed) and every property
 * (camelCase). Not here: `onComplete`/`onSkip`/`onError` — React 19 and Svelte 5 take any `on…`
 * for an event listener (for events named `Complete`, …); use the events, or set those callbacks
 * in script.
 */
export type CorbadoAppendTemplateProps = { [A in keyof AttributeOf]?: AttributeValue<AttributeOf[A]> } & {
  [K in Exclude<keyof AppendProperties, 'onComplete' | 'onSkip' | 'onError'>]?: AppendProperties[K];
};
