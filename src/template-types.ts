/**
 * `<corbado-append>` as a framework template sees it: its attributes and properties, and its
 * events as `on<event-name>` handlers (how React 19 and Svelte 5 attach listeners to a custom
 * element). The typings of `corbado-append/react` and `corbado-append/svelte` are built from these.
 *
 * Not here: `onComplete`/`onSkip`/`onError`. Both frameworks take any `on…` attribute for an event
 * listener (for events named `Complete`, …); use the events, or set those callbacks in script.
 */
import type { CorbadoAppend } from './components/corbado-append.js';
import type { AppendEventDetailMap } from './components/events.js';

/** Attributes (dashed) and properties (camelCase) a template may set. */
export interface CorbadoAppendTemplateProps {
  'project-id'?: string;
  'frontend-api-url'?: string;
  'append-token'?: string;
  'force-passkey-append'?: boolean;
  situation?: string;
  theme?: CorbadoAppend['theme'];
  projectId?: string;
  frontendApiUrl?: string;
  appendToken?: string;
  appendTokenProvider?: CorbadoAppend['appendTokenProvider'];
  forcePasskeyAppend?: boolean;
  strings?: CorbadoAppend['strings'];
  ceremonyTimeoutMs?: number;
}

/** `oncorbado-append-ready`, `oncorbado-append-complete`, …: a listener for that event. */
export type CorbadoAppendOnEvents = {
  [K in keyof AppendEventDetailMap as `on${K}`]?: (event: CustomEvent<AppendEventDetailMap[K]>) => void;
};
