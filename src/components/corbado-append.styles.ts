import { css } from 'lit';

/**
 * Colours are Corbado's `--cb-color-*` tokens, with light and dark defaults chosen by
 * `light-dark()` from the host's `color-scheme` (`theme` attribute, else `prefers-color-scheme`).
 * Only logical properties (inline/block), so right-to-left pages lay out mirrored.
 */
export const styles = css`
  :host {
    display: block;
    color-scheme: light dark;
    --_primary: var(--cb-color-primary, light-dark(#1953ff, #8fa8ff));
    --_on-primary: var(--cb-color-on-primary, light-dark(#fff, #0b1a4a));
    --_secondary: var(--cb-color-secondary, light-dark(#1f2937, #e5e7eb));
    --_surface: var(--cb-color-surface, light-dark(#fff, #1c1f26));
    --_on-surface: var(--cb-color-on-surface, light-dark(#111827, #f3f4f6));
    --_muted: var(--cb-color-on-surface-variant, light-dark(#4b5563, #c4c7ce));
    --_error: var(--cb-color-error, light-dark(#b3261e, #ffb4ab));
    --_success: var(--cb-color-success, light-dark(#146c2e, #8fd6a0));
    --_outline: var(--cb-color-outline, light-dark(#d1d5db, #4b5563));
    --_radius: var(--cb-border-radius, 8px);
    font-family: var(--cb-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
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
    }
  }
  :host([state='skipped']),
  :host([state='idle']) {
    display: none;
  }
  [part='container'] {
    box-sizing: border-box;
    padding: 1.25rem;
    border: 1px solid var(--_outline);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_on-surface);
  }
  [part='title'] {
    margin: 0 0 0.5rem;
    font-size: 1.125rem;
    line-height: 1.4;
  }
  [part='description'] {
    margin: 0 0 1rem;
    line-height: 1.5;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: 0.625rem 1rem;
    min-block-size: 44px;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  button:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  [part='primary-button'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    border: none;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  [part='skip-button'],
  [part='learn-more-button'] {
    border: 1px solid transparent;
    background: transparent;
    color: var(--_secondary);
    text-decoration: underline;
  }
  [part='learn-more-button'] {
    padding-inline: 0;
  }
  [part='message'] {
    margin: 0 0 1rem;
    line-height: 1.5;
  }
  [part='message']:empty {
    display: none;
  }
  .error {
    color: var(--_error);
  }
  .success {
    color: var(--_success);
  }
  .more {
    margin: 0.5rem 0 0;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [part='hint'] {
    margin: 0 0 1rem;
    line-height: 1.5;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  [part='spinner'] {
    inline-size: 1em;
    block-size: 1em;
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
