/**
 * A `create()` refused sooner than any user could cancel (README "Engines", Safari's rules):
 * the classification (pure, `classifyCeremonyError` with the ceremony's facts), the moves it
 * makes in the table, and the controller measuring it — under Node, with a fake clock.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { transition } from '../../src/flow/transition.js';
import { classifyCeremonyError, type CeremonyFailure } from '../../src/webauthn/ceremony.js';
import { REFUSED_AT_ONCE_MS } from '../../src/times.js';
import { reportsExcludedAsNotAllowed } from '../../src/webauthn/environment.js';
import { creating, ready } from './fixtures.js';
import { Harness } from './harness.js';
import { completed, kinds, reported } from './moves.js';

const notAllowed = (message = 'The request is not allowed by the user agent') => new DOMException(message, 'NotAllowedError');
/** Facts of a ceremony: how long it ran, how many credentials it excluded, on WebKit (`webkit`) or not. */
const at = (elapsedMs: number, excludeCredentials = 0, webkit = false) => ({ elapsedMs, excludeCredentials, excludedAsNotAllowed: webkit });
const refused = (excluded: boolean): Extract<CeremonyFailure, { kind: 'refused' }> => {
  const f = classifyCeremonyError(notAllowed(), undefined, at(3, excluded ? 1 : 0, true));
  assert.equal(f.kind, 'refused');
  return f as Extract<CeremonyFailure, { kind: 'refused' }>;
};

describe('classifyCeremonyError: refused at once', () => {
  it(`a NotAllowedError sooner than ${REFUSED_AT_ONCE_MS} ms is refused; with credentials to exclude it reads as excluded on old WebKit only`, () => {
    for (const [excludeCredentials, webkit, excluded] of [
      [0, true, false],
      [2, true, true],
      // Chromium and Firefox refuse user verification as fast (README "Engines"): nothing to read into it.
      [2, false, false],
      [0, false, false],
    ] as const) {
      const f = classifyCeremonyError(notAllowed(), undefined, at(REFUSED_AT_ONCE_MS - 1, excludeCredentials, webkit));
      assert.equal(f.kind, 'refused');
      assert.equal(f.kind === 'refused' && f.excluded, excluded);
      assert.deepEqual(f.kind === 'refused' && [f.error.code, f.error.recoverable], ['ceremony-cancelled', true]);
      assert.match(f.kind === 'refused' ? f.error.message : '', /at once \(499 ms\)/);
    }
  });
  it('as slow as a person (the threshold and on) it is a user cancel', () => {
    const f = classifyCeremonyError(notAllowed(), undefined, at(REFUSED_AT_ONCE_MS, 1));
    assert.deepEqual(f.kind === 'error' && [f.reason, f.error.code], ['user-cancel', 'ceremony-cancelled']);
  });
  it('without facts (nothing measured) no refusal is seen', () => {
    assert.equal(classifyCeremonyError(notAllowed()).kind, 'error');
  });
  it('a foreign AbortError, however quick, stays a cancel; InvalidStateError stays already-registered', () => {
    const abort = classifyCeremonyError(new DOMException('aborted', 'AbortError'), undefined, at(1));
    assert.equal(abort.kind === 'error' && abort.reason, 'user-cancel');
    assert.deepEqual(classifyCeremonyError(new DOMException('x', 'InvalidStateError'), undefined, at(1, 1)), {
      kind: 'already-registered',
    });
  });
  it('what is known first wins: a limit that repeats (frame; in-app, refused at once) is unsupported; a focus loss is a focus loss', () => {
    const frame = classifyCeremonyError(notAllowed(), 'frame-permission', at(1, 1));
    assert.deepEqual(frame.kind === 'error' && [frame.error.code, frame.reason], ['unsupported', 'frame-permission']);
    const frameSlow = classifyCeremonyError(notAllowed(), 'frame-permission', at(8000));
    assert.deepEqual(frameSlow.kind === 'error' && [frameSlow.error.code, frameSlow.reason], ['unsupported', 'frame-permission']);
    for (const facts of [at(1), undefined]) {
      const inApp = classifyCeremonyError(notAllowed(), 'in-app-browser', facts);
      assert.deepEqual(inApp.kind === 'error' && [inApp.error.code, inApp.error.recoverable, inApp.reason], [
        'unsupported',
        false,
        'environment',
      ]);
    }
    // A WebView whose app turned WebAuthn on (androidx.webkit, a WKWebView with associated domains)
    // shows the sheet; the user closing it after 8 s cancelled — nothing final about it.
    const inAppCancel = classifyCeremonyError(notAllowed(), 'in-app-browser', at(8000));
    assert.deepEqual(inAppCancel.kind === 'error' && [inAppCancel.error.code, inAppCancel.error.recoverable, inAppCancel.reason], [
      'ceremony-cancelled',
      true,
      'user-cancel',
    ]);
    const focus = classifyCeremonyError(notAllowed('The document is not focused.'), undefined, at(1));
    assert.equal(focus.kind === 'error' && focus.reason, 'focus-loss');
  });
  it('no platform authenticator: a NotAllowedError at once is refused (twice in a row: the end, never "try again" for ever); a slower one a person closing the offer of a phone or key: a cancel', () => {
    const quick = classifyCeremonyError(notAllowed(), 'no-platform-authenticator', at(40, 0));
    assert.equal(quick.kind, 'refused');
    const first = transition(creating(), { type: 'create-failed', failure: quick }).state;
    assert.equal(first.name === 'ready' && first.notice, 'ceremony-cancelled');
    const second = transition(creating({ refused: true }), { type: 'create-failed', failure: quick }).state;
    assert.equal(second.name === 'error' && second.error.code, 'unsupported');
    const slow = classifyCeremonyError(notAllowed(), 'no-platform-authenticator', at(REFUSED_AT_ONCE_MS + 2000, 0));
    assert.deepEqual(slow.kind === 'error' && [slow.error.code, slow.error.recoverable, slow.reason], [
      'ceremony-cancelled',
      true,
      'user-cancel',
    ]);
    const abort = classifyCeremonyError(new DOMException('aborted', 'AbortError'), 'no-platform-authenticator', at(3000));
    assert.equal(abort.kind === 'error' && abort.reason, 'user-cancel', 'a foreign abort stays a cancel');
  });
});

describe('which engines answer an excluded credential with NotAllowedError', () => {
  const UA = {
    safari15: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Safari/605.1.15',
    safari17: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    iphone15:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1',
    iphone18:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    chromeIos15:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 15_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/96.0.4664.101 Mobile/15E148 Safari/604.1',
    chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  };
  it('old WebKit: Safari before 16, and every browser on iOS before 16 (all WebKit)', () => {
    for (const ua of [UA.safari15, UA.iphone15, UA.chromeIos15]) assert.equal(reportsExcludedAsNotAllowed(ua), true, ua);
  });
  it('not Safari 16 on (InvalidStateError, like the others), Chromium or Firefox: a quick NotAllowedError says nothing of the device', () => {
    for (const ua of [UA.safari17, UA.iphone18, UA.chromeMac, UA.chromeAndroid, UA.firefox, '']) {
      assert.equal(reportsExcludedAsNotAllowed(ua), false, ua);
    }
  });
});

describe('the table: refused at once', () => {
  it('after autoAppend → the button, silently (Safari: no user activation yet); the next click is plain manual', () => {
    const { state, effects } = transition(creating({ completionType: 'auto' }), { type: 'create-failed', failure: refused(true) });
    assert.deepEqual(state, ready());
    assert.deepEqual(effects, [
      { type: 'track', eventType: 'append-error', message: 'refused-at-once' },
      { type: 'focus', to: 'primary-button' },
      { type: 'cancel', slot: 'watchdog' },
    ]);
  });
  it('after a click, with credentials to exclude → complete-noop (Safari for a passkey already on this device)', () => {
    const { state, effects } = transition(creating({ completionType: 'manual' }), { type: 'create-failed', failure: refused(true) });
    assert.deepEqual(state, { name: 'success', alreadyRegistered: true });
    assert.deepEqual(
      effects.find((e) => e.type === 'track'),
      { type: 'track', eventType: 'append-credential-exists', message: 'refused-at-once' },
    );
    assert.deepEqual(completed(effects), { status: 'complete-noop', completionType: 'manual' });
    assert.deepEqual(reported(effects), [], 'no error');
  });
  it('after a click, nothing to exclude, the first time → the offer with the cancel notice, marked refused', () => {
    const { state, effects } = transition(creating(), { type: 'create-failed', failure: refused(false) });
    assert.deepEqual(state, ready({ notice: 'ceremony-cancelled', retry: true, refused: true }));
    assert.deepEqual(kinds(effects), ['track', 'report', 'focus:primary-button', 'cancel:watchdog']);
  });
  it('the next click carries the mark; a second refusal in a row → the final unsupported error, no "try again"', () => {
    const { state: armed } = transition(ready({ notice: 'ceremony-cancelled', retry: true, refused: true }), {
      type: 'click',
      now: Date.now(),
    });
    assert.deepEqual(armed.name === 'creating' && [armed.completionType, armed.refused], ['manual-retry', true]);
    const { state, effects } = transition(armed, { type: 'create-failed', failure: refused(false) });
    assert.equal(state.name, 'error');
    assert.deepEqual(state.name === 'error' && [state.error.code, state.error.recoverable], ['unsupported', false]);
    assert.deepEqual(kinds(effects), ['stop', 'track', 'report', 'focus:skip-button', 'cancel:watchdog']);
  });
  it('a slow cancel in between clears the mark: refusals count only in a row', () => {
    const cancel = classifyCeremonyError(notAllowed(), undefined, at(REFUSED_AT_ONCE_MS + 500));
    const { state } = transition(creating({ refused: true }), { type: 'create-failed', failure: cancel });
    assert.deepEqual(state, ready({ notice: 'ceremony-cancelled', retry: true }));
  });
});

describe('the controller measures the ceremony', () => {
  let h: Harness;
  beforeEach(() => (h = new Harness()));
  afterEach(() => h.restore());

  it('two clicks refused at once → ready with a notice, then the final error; one create() each', async () => {
    await h.mount();
    for (let i = 0; i < 2; i++) {
      h.controller.click();
      const call = h.ceremony();
      call.facts = at(4);
      call.settle.reject(notAllowed());
      await h.settle();
      assert.equal(h.state, i === 0 ? 'ready' : 'error');
    }
    assert.equal(h.ceremonies.length, 2);
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => [e.code, e.recoverable]),
      [
        ['ceremony-cancelled', true],
        ['unsupported', false],
      ],
    );
  });
});
