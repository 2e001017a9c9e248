import { css } from 'lit';

/**
 * Colours are Corbado's `--cb-color-*` tokens, with light and dark defaults chosen by
 * `light-dark()` from the host's `color-scheme` (`theme` attribute, else `prefers-color-scheme`).
 * Only logical properties (inline/block), so right-to-left pages lay out mirrored. The card is at
 * most `--cb-max-width` (30rem) wide and fills narrower containers; its primary button is always
 * as wide as the card, the quiet secondary actions sit below it, aligned with the text edges.
 */
export const styles = css`
  :host {
    display: block;
    max-inline-size: var(--cb-max-width, 30rem);
    color-scheme: light dark;
    --_primary: var(--cb-color-primary, light-dark(#1953ff, #8fa8ff));
    --_on-primary: var(--cb-color-on-primary, light-dark(#fff, #0b1a4a));
    --_secondary: var(--cb-color-secondary, light-dark(#1f2937, #e5e7eb));
    --_surface: var(--cb-color-surface, light-dark(#fff, #1c1f26));
    --_on-surface: var(--cb-color-on-surface, light-dark(#111827, #f3f4f6));
    --_muted: var(--cb-color-on-surface-variant, light-dark(#4b5563, #c4c7ce));
    --_error: var(--cb-color-error, light-dark(#b3261e, #ffb4ab));
    --_success: var(--cb-color-success, light-dark(#146c2e, #8fd6a0));
    --_outline: var(--cb-color-outline, light-dark(#d1d5db, #3f4654));
    --_hint: var(--cb-color-hint, light-dark(#eef2ff, #262c3a));
    --_radius: var(--cb-border-radius, 10px);
    font-family: var(--cb-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    color: var(--_on-surface);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  /* Browsers without light-dark() (Safari < 17.5, Chrome < 123) get the light palette. */
  @supports not (color: light-dark(#000, #fff)) {
    :host {
      --_primary: var(--cb-color-primary, #1953ff);
      --_on-primary: var(--cb-color-on-primary, #fff);
      --_secondary: var(--cb-color-secondary, #1f2937);
      --_surface: var(--cb-color-surface, #fff);
      --_on-surface: var(--cb-color-on-surface, #111827);
      --_muted: var(--cb-color-on-surface-variant, #4b5563);
      --_error: var(--cb-color-error, #b3261e);
      --_success: var(--cb-color-success, #146c2e);
      --_outline: var(--cb-color-outline, #d1d5db);
      --_hint: var(--cb-color-hint, #eef2ff);
    }
  }
  /* Stepped aside (idle has no \`state\` attribute and renders nothing); \`hidden\` as on any element. */
  :host([state='skipped']),
  :host([hidden]) {
    display: none;
  }
  [part='container'] {
    box-sizing: border-box;
    padding: clamp(1.25rem, 5%, 1.75rem);
    border: 1px solid var(--_outline);
    border-radius: calc(var(--_radius) * 1.6);
    background: var(--_surface);
    color: var(--_on-surface);
    line-height: 1.5;
  }
  [part='icon'] {
    display: grid;
    place-items: center;
    inline-size: 3rem;
    block-size: 3rem;
    margin-block-end: 1rem;
    border-radius: 50%;
    --_tone: var(--_primary);
    color: var(--_tone);
    background: color-mix(in srgb, var(--_tone) 13%, var(--_surface));
  }
  [part='icon'] svg {
    inline-size: 1.75rem;
    block-size: 1.75rem;
  }
  .done [part='icon'] {
    --_tone: var(--_success);
  }
  .final [part='icon'] {
    --_tone: var(--_error);
  }
  svg {
    inline-size: 1.625rem;
    block-size: 1.625rem;
    flex: none;
  }
  [part='title'] {
    margin: 0 0 0.5rem;
    font-size: 1.375rem;
    line-height: 1.25;
    font-weight: 700;
    letter-spacing: -0.01em;
  }
  [part='title']:focus {
    outline: none; /* focused by the element to announce the result, not a control */
  }
  p {
    margin: 0;
  }
  [part='description'],
  .text {
    color: var(--_muted);
  }
  .stack {
    position: relative;
    display: grid;
    margin-block-end: 1.25rem;
  }
  .stack > * {
    grid-area: 1 / 1;
  }
  /* A notice takes the text's place, centred in it: the cell is as tall as the tallest text. */
  .notice {
    align-self: center;
    font-weight: 500;
  }
  .notice.error {
    background: color-mix(in srgb, var(--_error) 10%, var(--_surface));
    color: var(--_error);
  }
  .error svg {
    color: var(--_error);
  }
  .unseen {
    visibility: hidden;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [part='hint'],
  .notice {
    display: flex;
    gap: 0.625rem;
    align-items: flex-start;
    padding: 0.75rem 0.875rem;
    border-radius: var(--_radius);
    background: var(--_hint);
    font-size: 0.9375rem;
    line-height: 1.45;
  }
  [part='hint'] {
    margin-block-end: 1.25rem;
  }
  [part='hint'] svg,
  .notice svg {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    color: var(--_primary);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
  }
  button:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  .primary {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.625rem;
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 3rem;
    padding: 0.75rem 1rem;
    border: none;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  .primary:hover {
    background: color-mix(in srgb, var(--_primary) 88%, var(--_on-surface));
  }
  /* Busy, not unavailable: full contrast, the spinner tells. */
  .primary[aria-disabled='true'] {
    cursor: progress;
    background: var(--_primary);
  }
  .final .text,
  .done [part='description'] {
    margin-block-end: 1.25rem;
  }
  .label {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .secondary {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0.5rem -0.75rem -0.5rem;
  }
  .quiet {
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: none;
    background: transparent;
    color: var(--_secondary);
    font-size: 0.9375rem;
    font-weight: 500;
  }
  .quiet:hover {
    background: color-mix(in srgb, var(--_on-surface) 7%, transparent);
  }
  .provider {
    color: var(--_on-surface);
    font-weight: 600;
  }
  [part='provider-icon'] {
    inline-size: 1.25em;
    block-size: 1.25em;
    margin-inline-end: 0.3em;
    vertical-align: -0.25em;
  }
  .for-dark,
  :host([theme='dark']) .for-light {
    display: none;
  }
  :host([theme='dark']) .for-dark {
    display: inline;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) .for-light {
      display: none;
    }
    :host(:not([theme='light'])) .for-dark {
      display: inline;
    }
  }
  [part='spinner'] {
    flex: none;
    box-sizing: border-box;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part='spinner'] {
      animation: none;
      border-inline-end-color: currentColor;
      opacity: 0.6;
    }
  }
`;
