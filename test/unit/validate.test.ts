import { expect } from '@open-wc/testing';
import { parseErrorBody, parseFinishResponse, parseInitResponse, parseStartResponse } from '../../src/api/validate.js';
import { CorbadoAppendError } from '../../src/errors.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(CorbadoAppendError);
    return (e as CorbadoAppendError).code;
  }
  return 'no error';
};

describe('parseInitResponse', () => {
  it('requires processID and a boolean appendAllowed', () => {
    const ok = parseInitResponse({ processID: 'p1', appendAllowed: false, expiresAt: 1, frontendApiUrl: 'x', flags: { a: 'b', n: 1 } });
    expect(ok).to.deep.equal({
      processID: 'p1',
      appendAllowed: false,
      newClientEnvHandle: undefined,
      expiresAt: 1,
      frontendApiUrl: 'x',
      flags: { a: 'b' },
    });
    expect(parseInitResponse({ processID: 'p1', appendAllowed: true, expiresAt: 'soon', flags: 'x' })).to.deep.equal({
      processID: 'p1',
      appendAllowed: true,
      newClientEnvHandle: undefined,
      flags: {},
    });
    expect(parseInitResponse({ processID: 'p1', appendAllowed: true, newClientEnvHandle: 'ceh' }).newClientEnvHandle).to.equal('ceh');
    expect(code(() => parseInitResponse({ processID: '', appendAllowed: true }))).to.equal('api-unavailable');
    expect(code(() => parseInitResponse({ appendAllowed: true }))).to.equal('api-unavailable');
    expect(code(() => parseInitResponse({ processID: 'p', appendAllowed: 'true' }))).to.equal('api-unavailable');
    expect(code(() => parseInitResponse('<html>'))).to.equal('api-unavailable');
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
    expect(parseStartResponse(start).autoAppend).to.equal(true);
    const r = parseStartResponse({ ...start, autoAppend: 1, conditionalAppend: 'true', isRestrictedBrowser: 'yes' });
    expect(r).to.include({ autoAppend: false, conditionalAppend: false, isRestrictedBrowser: false });
  });
  it('reads an unknown or missing variant as default', () => {
    expect(parseStartResponse({ ...start, variant: 'after-passkey-removal' }).variant).to.equal('default');
    expect(parseStartResponse({ ...start, variant: undefined }).variant).to.equal('default');
    expect(parseStartResponse({ ...start, variant: 'after-hybrid' }).variant).to.equal('after-hybrid');
  });
  it('keeps only string customData members and usable expiresMs', () => {
    const r = parseStartResponse({ ...start, customData: { a: '<b>', n: 2 }, expiresMs: 'soon' });
    expect(r.customData).to.deep.equal({ a: '<b>' });
    expect(r.expiresMs).to.equal(undefined);
  });
  it('requires attestationOptions as string or object', () => {
    expect(code(() => parseStartResponse({ ...start, attestationOptions: undefined }))).to.equal('api-unavailable');
    expect(code(() => parseStartResponse({ ...start, attestationOptions: 3 }))).to.equal('api-unavailable');
    expect(parseStartResponse({ ...start, attestationOptions: { publicKey: {} } }).attestationOptions).to.deep.equal({ publicKey: {} });
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
    expect(r.passkeyOperation.aaguidDetails?.name).to.equal('iCloud Keychain');
    expect(parseFinishResponse({ passkeyOperation: { aaguidDetails: { name: 5 } } }).passkeyOperation).not.to.have.property(
      'aaguidDetails',
    );
    expect(code(() => parseFinishResponse({}))).to.equal('api-unavailable');
  });
});

describe('parseErrorBody', () => {
  it('reads error.type and requestData.requestID of a Corbado error body only', () => {
    expect(
      parseErrorBody({ error: { type: 'validation_error', details: 'x', links: [] }, requestData: { requestID: 'req-1' } }),
    ).to.deep.equal({ errorType: 'validation_error', requestId: 'req-1', details: 'x' });
    expect(parseErrorBody({ message: 'nope' })).to.equal(undefined);
    expect(parseErrorBody('oops')).to.equal(undefined);
  });
});
