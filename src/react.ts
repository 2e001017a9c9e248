/**
 * `corbado-append/react`: `<corbado-append>` as a React component (made with `@lit/react`), and
 * JSX typings for using the raw `<corbado-append>` tag in React 19.
 *
 * ```tsx
 * import { CorbadoAppend } from 'corbado-append/react';

 *
 * <CorbadoAppend
 *   projectId="pro-1234567890"
 *   appendTokenProvider={() => fetchAppendTokenFromYourBackend()}
 *   onCorbadoAppendComplete={e => console.log(e.detail.status)}
 *   onCorbadoAppendSkip={e => navigate('/home')}
 * />
 * ```
 *
 * Properties (`projectId`, `appendTokenProvider`, `strings`, `onComplete`, …) are set as element
 * properties; each element event is an `onCorbadoAppend…` prop receiving the `CustomEvent`.
 * `react` is an optional peer dependency: only this entry point imports it.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { CorbadoAppend as CorbadoAppendElement } from './index.js';
import {
  reactEventProps,
  type AppendEventMap,
  type CorbadoAppendOnEvents,
  type CorbadoAppendTemplateProps,
  type ReactEventProp,
} from './contract.js';

/** React prop name → element event name, for every event of the contract (contract.ts). */
export const corbadoAppendEvents = reactEventProps as {
  [K in keyof AppendEventMap as ReactEventProp<K>]: EventName<AppendEventMap[K]>;
};

/** `<corbado-append>` for React (17–19): element properties as props, events as `onCorbadoAppend…`. */
export const CorbadoAppend = createComponent({
  react: React,
  tagName: 'corbado-append',
  elementClass: CorbadoAppendElement,
  events: corbadoAppendEvents,
  displayName: 'CorbadoAppend',
});

/** Props of the React `CorbadoAppend` component. */
export type CorbadoAppendProps = React.ComponentProps<typeof CorbadoAppend>;

export type { CorbadoAppendElement };

/**
 * The raw tag in React 19 JSX. React 19 sets a prop as a property when the element has it, and
 * turns `on<event-name>` props into listeners for exactly that event name, hence
 * `oncorbado-append-complete`. Do not pass `onComplete`/`onSkip`/`onError` to the raw tag
 * (React would listen for events named `Complete`…); use the events, or the wrapper above.
 */
export interface CorbadoAppendJSXProps
  extends
    React.DetailedHTMLProps<React.HTMLAttributes<CorbadoAppendElement>, CorbadoAppendElement>,
    CorbadoAppendTemplateProps,
    CorbadoAppendOnEvents {}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'corbado-append': CorbadoAppendJSXProps;
    }
  }
}
