/**
 * The element's icons: inline SVG (24 × 24 viewBox, drawn with `currentColor` strokes, so the
 * `--cb-*` colours theme them), decorative (`aria-hidden`). A few hundred bytes in all.
 *
 * Every shape has an explicit end tag (`<circle …></circle>`), never `<circle …/>`: the drop-in's
 * HTML minifier reads an `svg` fragment as HTML, drops the self-closing slash, and each shape would
 * swallow the next (test/e2e/visual.spec.ts compares the drop-in's pictures with the sources').
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

const icon = (shapes: SVGTemplateResult): TemplateResult =>
  html`<svg
    viewBox="0 0 24 24"
    aria-hidden="true"
    focusable="false"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    ${shapes}
  </svg>`;

/** A passkey: a person and a key, in the style of the FIDO Alliance's passkey mark (our own drawing). */
export const passkeyIcon = icon(
  svg`<circle cx="8.5" cy="7" r="4"></circle><path d="M1.75 21v-.75A6.25 6.25 0 0 1 8 14h2.5"></path><circle cx="17" cy="9.5" r="3.25"></circle><path d="M17 12.75V21l2-2-1.5-1.5L19 16"></path>`,
);

/** Done: a check mark. */
export const checkIcon = icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5"></path>`);

/** Could not be done: an exclamation mark. */
export const alertIcon = icon(svg`<path d="M12 6.5v7M12 17.5v.01"></path>`);

/** Worth knowing: an "i" in a circle (the hint). */
export const infoIcon = icon(svg`<circle cx="12" cy="12" r="9"></circle><path d="M12 11v5.5M12 7.5v.01"></path>`);
