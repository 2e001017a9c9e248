// Loaded first: records every CSP / Trusted Types violation the page reports, and the element's events.
/** What this page records on `window` (test/e2e/csp.spec.ts reads it). */
const w = /** @type {typeof window & {__violations: object[], __events: {type: string, detail: unknown}[]}} */ (window);
w.__violations = [];
w.__events = [];
const record = (/** @type {SecurityPolicyViolationEvent} */ e) =>
  w.__violations.push({
    directive: e.violatedDirective,
    effective: e.effectiveDirective,
    blockedURI: e.blockedURI,
    sample: e.sample,
    sourceFile: e.sourceFile,
    line: e.lineNumber,
  });
document.addEventListener('securitypolicyviolation', record, true);
