/**
 * Which text goes with what the element shows (src/components/messages.ts): the final error cards.
 * (That the element renders a final card — its text, no primary button, "Continue" — is shown in
 * the browser by test/component/finish-failures.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finalText } from '../../src/components/messages.js';

describe('finalText', () => {
  it('options that expired for good: "This offer has expired" and where to add a passkey later', () => {
    assert.deepEqual(finalText('expired'), ['expiredTitle', 'expiredFinal']);
  });
  it('a refused finish, a security error, no WebAuthn: each its own card', () => {
    assert.deepEqual(finalText('finish-failed'), ['finishFailedTitle', 'finishFailed']);
    assert.deepEqual(finalText('security-error'), ['securityTitle', 'security']);
    assert.deepEqual(finalText('unsupported'), ['unsupportedTitle', 'unsupportedFinal']);
  });
  it('a finish without a definitive answer (whatever its code): "we could not confirm"; any other code: the generic card', () => {
    assert.deepEqual(finalText('finish-failed', true), ['finishUnknownTitle', 'finishUnknown']);
    assert.deepEqual(finalText('api-unavailable'), ['errorTitle', 'errorFinal']);
  });
});
