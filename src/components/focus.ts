/**
 * Where keyboard focus goes when the element steps aside while it holds focus ("Not now",
 * "Continue"): to the first focusable element after it in its tree (the document, or the shadow
 * root the element lives in), in DOM order — where Tab would have gone next.
 */
const FOCUSABLE = 'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]';

const visible = (el: HTMLElement) =>
  typeof el.checkVisibility === 'function' ? el.checkVisibility({ visibilityProperty: true }) : el.getClientRects().length > 0;

/** Focuses the first focusable element after `el`; false when there is none (focus is left to the browser). */
export function focusAfter(el: HTMLElement): boolean {
  const root = el.getRootNode() as Document | ShadowRoot;
  for (const next of root.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (el.contains(next) || !(el.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (next.tabIndex < 0 || next.matches(':disabled, [type="hidden"], [contenteditable="false"]') || !visible(next)) continue;
    next.focus();
    if (root.activeElement === next || next.matches(':focus-within')) return true;
  }
  return false;
}
