/** `classifyCeremonyError` (src/webauthn/ceremony.ts): what each `create()` failure means (timing aside: test/flow/refused.test.ts). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { classifyCeremonyError } from '../../src/webauthn/ceremony.js';

const dom = (name: string, message = name) => new DOMException(message, name);

describe('classifyCeremonyError', () => {
  // A browser with WebAuthn: without `PublicKeyCredential` an unknown failure reads as "no WebAuthn" (below).
  const g = globalThis as { PublicKeyCredential?: unknown };
  before(() => (g.PublicKeyCredential = class PublicKeyCredential {}));
  after(() => delete g.PublicKeyCredential);

  it('only InvalidStateError means already registered', () => {
    assert.deepEqual(classifyCeremonyError(dom('InvalidStateError')), { kind: 'already-registered' });
    assert.equal(classifyCeremonyError(dom('ConstraintError')).kind, 'error');
  });
  it('NotAllowedError and a foreign AbortError (ours are never classified) are a user cancel: ceremony-cancelled, recoverable', () => {
    for (const name of ['NotAllowedError', 'AbortError']) {
      const f = classifyCeremonyError(dom(name));
      assert.equal(f.kind === 'error' && f.error.code, 'ceremony-cancelled', name);
      assert.equal(f.kind === 'error' && f.error.recoverable, true, name);
    }
  });
  it('SecurityError is a configuration error without retry', () => {
    const f = classifyCeremonyError(dom('SecurityError'));
    assert.equal(f.kind === 'error' && f.error.code, 'security-error');
    assert.equal(f.kind === 'error' && f.error.recoverable, false);
  });
  it('TypeError and NotSupportedError caused by options are options-invalid', () => {
    for (const e of [new TypeError('bad user.id'), dom('NotSupportedError')]) {
      const f = classifyCeremonyError(e);
      assert.equal(f.kind === 'error' && f.error.code, 'options-invalid');
    }
  });
  it('anything else is a recoverable ceremony-failed that keeps its cause', () => {
    const cause = dom('UnknownError', 'authenticator broke');
    const f = classifyCeremonyError(cause);
    assert.equal(f.kind === 'error' && f.error.code, 'ceremony-failed');
    assert.equal(f.kind === 'error' && f.error.recoverable, true);
    assert.equal(f.kind === 'error' && f.error.cause, cause);
  });
  it('…unless the browser has no WebAuthn at all: unsupported', () => {
    const had = g.PublicKeyCredential;
    delete g.PublicKeyCredential;
    try {
      const f = classifyCeremonyError(dom('UnknownError', 'authenticator broke'));
      assert.equal(f.kind === 'error' && f.error.code, 'unsupported');
    } finally {
      g.PublicKeyCredential = had;
    }
  });
});
