import { expect } from '@open-wc/testing';
import { classifyCeremonyError } from '../../src/webauthn/ceremony.js';

const dom = (name: string, message = name) => new DOMException(message, name);

describe('classifyCeremonyError', () => {
  it('only InvalidStateError means already registered', () => {
    expect(classifyCeremonyError(dom('InvalidStateError'))).to.deep.equal({ kind: 'already-registered' });
    expect(classifyCeremonyError(dom('ConstraintError')).kind).to.equal('error');
  });
  it('NotAllowedError and a foreign AbortError (ours are never classified) are a user cancel: ceremony-cancelled, recoverable', () => {
    for (const name of ['NotAllowedError', 'AbortError']) {
      const f = classifyCeremonyError(dom(name));
      expect(f.kind === 'error' && f.error.code, name).to.equal('ceremony-cancelled');
      expect(f.kind === 'error' && f.error.recoverable, name).to.equal(true);
    }
  });
  it('SecurityError is a configuration error without retry', () => {
    const f = classifyCeremonyError(dom('SecurityError'));
    expect(f.kind === 'error' && f.error.code).to.equal('security-error');
    expect(f.kind === 'error' && f.error.recoverable).to.equal(false);
  });
  it('TypeError and NotSupportedError caused by options are options-invalid', () => {
    for (const e of [new TypeError('bad user.id'), dom('NotSupportedError')]) {
      const f = classifyCeremonyError(e);
      expect(f.kind === 'error' && f.error.code).to.equal('options-invalid');
    }
  });
  it('anything else is a recoverable ceremony-failed that keeps its cause', () => {
    const cause = dom('UnknownError', 'authenticator broke');
    const f = classifyCeremonyError(cause);
    expect(f.kind === 'error' && f.error.code).to.equal('ceremony-failed');
    expect(f.kind === 'error' && f.error.recoverable).to.equal(true);
    expect(f.kind === 'error' && f.error.cause).to.equal(cause);
  });
});
