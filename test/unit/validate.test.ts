/** The response parsers (src/api/validate.ts): what init, start, finish and error bodies must hold, and what is kept of them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseErrorBody, parseFinishResponse, parseInitResponse, parseStartResponse } from '../../src/api/validate.js';
import { CorbadoAppendError } from '../../src/errors.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CorbadoAppendError, `a CorbadoAppendError, not ${String(e)}`);
    return e.code;
  }
  return 'no error';
};

describe('parseInitResponse', () => {
  it('requires processID and a boolean appendAllowed', () => {
    const ok = parseInitResponse({ processID: 'p1', appendAllowed: false, expiresAt: 1, frontendApiUrl: 'x', flags: { a: 'b', n: 1 } });
    assert.deepEqual(ok, {
      processID: 'p1',
      appendAllowed: false,
      newClientEnvHandle: undefined,
      expiresAt: 1,
      frontendApiUrl: 'x',
      flags: { a: 'b' },
    });
    assert.deepEqual(parseInitResponse({ processID: 'p1', appendAllowed: true, expiresAt: 'soon', flags: 'x' }), {
      processID: 'p1',
      appendAllowed: true,
      newClientEnvHandle: undefined,
      flags: {},
    });
    assert.equal(parseInitResponse({ processID: 'p1', appendAllowed: true, newClientEnvHandle: 'ceh' }).newClientEnvHandle, 'ceh');
    assert.equal(
      code(() => parseInitResponse({ processID: '', appendAllowed: true })),
      'api-unavailable',
    );
    assert.equal(
      code(() => parseInitResponse({ appendAllowed: true })),
      'api-unavailable',
    );
    assert.equal(
      code(() => parseInitResponse({ processID: 'p', appendAllowed: 'true' })),
      'api-unavailable',
    );
    assert.equal(
      code(() => parseInitResponse('<html>')),
      'api-unavailable',
    );
  });
});

describe('parseStartResponse', () => {
  const start = {
    attestationOptions: '{}',
    variant: 'default',
    isRestrictedBrowser: false,
    autoAppend: true,
    conditionalAppend: false,
    expiresMs: 5,
  };
  it('keeps real booleans and counts anything else as false', () => {
    assert.equal(parseStartResponse(start).autoAppend, true);
    const r = parseStartResponse({ ...start, autoAppend: 1, conditionalAppend: 'true', isRestrictedBrowser: 'yes' });
    assert.deepEqual(
      { autoAppend: r.autoAppend, conditionalAppend: r.conditionalAppend, isRestrictedBrowser: r.isRestrictedBrowser },
      { autoAppend: false, conditionalAppend: false, isRestrictedBrowser: false },
    );
  });
  it('reads an unknown or missing variant as default', () => {
    assert.equal(parseStartResponse({ ...start, variant: 'after-passkey-removal' }).variant, 'default');
    assert.equal(parseStartResponse({ ...start, variant: undefined }).variant, 'default');
    assert.equal(parseStartResponse({ ...start, variant: 'after-hybrid' }).variant, 'after-hybrid');
  });
  it('keeps only string customData members and usable expiresMs', () => {
    const r = parseStartResponse({ ...start, customData: { a: '<b>', n: 2 }, expiresMs: 'soon' });
    assert.deepEqual(r.customData, { a: '<b>' });
    assert.equal(r.expiresMs, undefined);
  });
  it('requires attestationOptions as string or object', () => {
    assert.equal(
      code(() => parseStartResponse({ ...start, attestationOptions: undefined })),
      'api-unavailable',
    );
    assert.equal(
      code(() => parseStartResponse({ ...start, attestationOptions: 3 })),
      'api-unavailable',
    );
    assert.deepEqual(parseStartResponse({ ...start, attestationOptions: { publicKey: {} } }).attestationOptions, { publicKey: {} });
  });
});

describe('parseFinishResponse', () => {
  it('requires passkeyOperation and keeps a well-formed aaguidDetails', () => {
    const r = parseFinishResponse({
      passkeyOperation: {
        operationType: 'append',
        identifierValue: 'a@b.c',
        identifierType: 'email',
        ceremonyType: 'local',
        aaguidDetails: { name: 'iCloud Keychain', iconLight: 'l', iconDark: 'd' },
      },
    });
    assert.equal(r.passkeyOperation.aaguidDetails?.name, 'iCloud Keychain');
    assert.ok(!('aaguidDetails' in parseFinishResponse({ passkeyOperation: { aaguidDetails: { name: 5 } } }).passkeyOperation));
    assert.equal(
      code(() => parseFinishResponse({})),
      'api-unavailable',
    );
  });
});

describe('parseErrorBody', () => {
  it('reads error.type and requestData.requestID of a Corbado error body only', () => {
    assert.deepEqual(
      parseErrorBody({ error: { type: 'validation_error', details: 'x', links: [] }, requestData: { requestID: 'req-1' } }),
      {
        errorType: 'validation_error',
        requestId: 'req-1',
        details: 'x',
      },
    );
    assert.equal(parseErrorBody({ message: 'nope' }), undefined);
    assert.equal(parseErrorBody('oops'), undefined);
  });
});
