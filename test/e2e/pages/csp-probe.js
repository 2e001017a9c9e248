// Loaded first: records every CSP / Trusted Types violation the page reports, and the element's events.
window.__violations = [];
window.__events = [];
const record = (e) =>
  window.__violations.push({
    directive: e.violatedDirective,
    effective: e.effectiveDirective,
    blockedURI: e.blockedURI,
    sample: e.sample,
    sourceFile: e.sourceFile,
    line: e.lineNumber,
  });
document.addEventListener('securitypolicyviolation', record, true);
