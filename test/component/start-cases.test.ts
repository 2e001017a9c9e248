/**
 * Every real start response of `shared/cases/append-start-responses.json`, in real Chromium with
 * the virtual authenticator: init is answered by the same-origin emulator (appendAllowed true),
 * start by the case itself and finish by the test — both through a `fetch` wrapper installed by
 * the test that matches only `/v2/connect/append/start` and `/v2/connect/append/finish` (the
 * emulator cannot verify options it did not issue). The case file is read from disk on every
 * run through the `/__shared/cases/` middleware (test/plugins/shared-cases.js), never a copy.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { appendFixture, waitFor, type FixtureOptions } from '../helpers/fixture.js';
import { bytesOf, finishOk, pause, spyCreate, spyFetch } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

/** Room for what follows a decision at once (auto/conditional create, skip after error). */
const FOLLOW_UP_MS = 50;
/** Room for a create() that must not come before the click. */
const NO_CREATE_MS = 200;
/** How long a ceremony with `timeout: 0` must stay pending (not ended at once). */
const STILL_PENDING_MS = 1500;

interface StartCase {
  id: string;
  about: string;
  response: { status: number; contentType: string; json?: Record<string, unknown>; text?: string };
  expiresInMs?: number;
  expect: {
    outcome: 'ready' | 'skip' | 'error';
    code?: string;
    requestId?: string;
    status?: string;
    reason?: string;
    errorEvent?: boolean;
    create: 'on-click' | 'never';
    finish?: boolean;
    variantShown?: string;
    customDataAsText?: boolean;
    challengeBytes?: string;
  };
}

const file = await fetch('/__shared/cases/append-start-responses.json');
if (!file.ok) throw new Error(`shared cases not served: HTTP ${file.status} ${await file.text()}`);
const CASES = ((await file.json()) as { cases: StartCase[] }).cases;

/** The case's answer, with `expiresMs = now + expiresInMs` applied at the moment it is sent. */
function answer(c: StartCase): Response {
  const { status, contentType, json, text } = c.response;
  let body: string | null;
  if (json !== undefined) {
    body = JSON.stringify(c.expiresInMs !== undefined ? { ...json, expiresMs: Date.now() + c.expiresInMs } : json);
  } else {
    body = text ?? '';
  }
  // A null-body status (204, 205, 304) cannot carry a body, even an empty one.
  if ([101, 204, 205, 304].includes(status)) body = null;
  return new Response(body, { status, headers: { 'content-type': contentType } });
}

/** The options object inside the case's `attestationOptions` (JSON text or object, `publicKey` wrapper or bare). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a case's options are checked field by field
function caseOptions(c: StartCase): Record<string, any> | undefined {
  let v = c.response.json?.attestationOptions;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  return (o.publicKey && typeof o.publicKey === 'object' ? o.publicKey : o) as Record<string, unknown>;
}

/** `requestData.requestID` of a Corbado error body in the case's text, if any. */
function corbadoRequestId(c: StartCase): string | undefined {
  try {
    return JSON.parse(c.response.text ?? '')?.requestData?.requestID;
  } catch {
    return undefined;
  }
}

const fromB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));

/**
 * Mounts with `c` answering start and the test answering finish (its bodies kept): init is the
 * emulator's, create() the virtual authenticator's, both spied.
 */
async function mount(c: StartCase, opts: FixtureOptions = {}) {
  const finishBodies: Record<string, unknown>[] = [];
  const net = spyFetch({
    answer: (call) => {
      if (call.path === '/v2/connect/append/start') return answer(c);
      if (call.path !== '/v2/connect/append/finish') return undefined;
      finishBodies.push(call.body);
      return finishOk();
    },
  });
  const create = spyCreate();
  const m = await appendFixture(opts);
  return { m, net, create, finishBodies };
}

describe('start responses from shared/cases', () => {
  before(() => {
    expect(CASES.length, 'cases in the shared file').to.be.greaterThanOrEqual(20);
  });

  it('reads the real shared file (one case per id, S01…)', () => {
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.include.members(['S01', 'S08', 'S13', 'S15', 'S20']);
  });

  for (const c of CASES) {
    it(`${c.id} ${c.about} → ${c.expect.outcome}${c.expect.code ? ` ${c.expect.code}` : ''}`, async () => {
      const x = c.expect;
      const { m: mm, net, create, finishBodies } = await mount(c);
      await waitFor(
        () => mm.of('corbado-append-ready').length + mm.of('corbado-append-skip').length + mm.of('corbado-append-error').length > 0,
        'ready, skip or error',
      );
      await pause(FOLLOW_UP_MS);
      await mm.el.updateComplete;
      expect(net.api('/v2/connect/append/start'), 'one start request').to.have.length(1);
      const errors = mm.of('corbado-append-error');

      if (x.outcome === 'error') {
        expect(
          errors.map((e) => e.code),
          'error events',
        ).to.deep.equal([x.code]);
        const wantRequestId = x.requestId ?? corbadoRequestId(c);
        expect(errors[0].requestId, 'requestId').to.equal(wantRequestId);
        expect(mm.of('corbado-append-ready'), 'no offer').to.have.length(0);
        expect(mm.of('corbado-append-skip'), 'steps aside').to.deep.equal([{ status: 'skip-implicit', reason: 'error' }]);
        await mm.state('skipped');
      } else if (x.outcome === 'skip') {
        expect(mm.of('corbado-append-skip')).to.deep.equal([{ status: x.status ?? 'skip-implicit', reason: x.reason }]);
        if (x.errorEvent === false) expect(errors, 'no error event').to.have.length(0);
        expect(mm.of('corbado-append-ready')).to.have.length(0);
        await mm.state('skipped');
      } else {
        expect(errors, 'no error event').to.have.length(0);
        await mm.state('ready');
      }
      if (x.outcome !== 'ready') {
        expect(mm.el.getBoundingClientRect().height, 'takes no space').to.equal(0);
        expect(mm.of('corbado-append-state').map((s) => s.state)).not.to.include('ready');
      }

      if (x.create === 'never') {
        await pause(NO_CREATE_MS);
        expect(create.calls, 'navigator.credentials.create calls').to.have.length(0);
        expect(net.api('/v2/connect/append/finish')).to.have.length(0);
        return;
      }

      // create: on-click — nothing before the click (no auto, no conditional create) …
      const ready = mm.of('corbado-append-ready')[0];
      const json = c.response.json!;
      expect(ready.autoAppend, 'autoAppend only when the server sent true').to.equal(json.autoAppend === true);
      expect(ready.conditionalAppend, 'conditionalAppend only when the server sent true').to.equal(json.conditionalAppend === true);
      if (json.autoAppend !== true && json.conditionalAppend !== true) {
        await pause(NO_CREATE_MS);
        expect(create.calls, 'no create() before the click').to.have.length(0);
      }
      const wantCustomData = (json.customData as Record<string, string> | undefined) ?? undefined;
      expect(ready.customData).to.deep.equal(wantCustomData ?? {});
      const variantShown = x.variantShown ?? (json.variant as string);
      const titles: Record<string, string> = {
        default: en.defaultTitle,
        'after-hybrid': en.afterHybridTitle,
        'after-error': en.afterErrorTitle,
      };
      expect(ready.variant).to.equal(variantShown);
      expect(mm.part('title')!.textContent!.trim(), 'heading of the variant shown').to.equal(titles[variantShown]);
      if (x.customDataAsText) {
        expect(mm.el.shadowRoot!.querySelectorAll('img, script, iframe'), 'no element injected in the shadow root').to.have.length(0);
        expect(document.querySelectorAll('img, iframe'), 'no element injected in the page').to.have.length(0);
      }

      // … and create() inside the click's own task.
      mm.click('primary-button');
      expect(create.calls, 'create() called synchronously by the click').to.have.length(1);
      const pk = create.calls[0]!.options.publicKey!;
      const opts = caseOptions(c)!;
      expect(bytesOf(pk.challenge), 'challenge bytes handed to create()').to.deep.equal(
        Array.from(fromB64url(String(opts.challenge).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))),
      );
      if (x.challengeBytes) {
        const [, lo, hi] = /bytes (\d+)\.\.(\d+)/.exec(x.challengeBytes)!;
        const want = Array.from({ length: Number(hi) - Number(lo) + 1 }, (_, i) => Number(lo) + i);
        expect(bytesOf(pk.challenge)).to.deep.equal(want);
      }
      if (opts.timeout === 0) {
        expect(pk.timeout === undefined || pk.timeout > 0, `timeout handed to create(): ${pk.timeout}`).to.equal(true);
      }
      const excl = (opts.excludeCredentials ?? []) as { id: string; transports?: string[] }[];
      expect((pk.excludeCredentials ?? []).map((d) => d.transports ?? [])).to.deep.equal(excl.map((d) => d.transports ?? []));

      const complete = await mm.event('corbado-append-complete');
      expect(complete.status).to.equal('complete');
      expect(complete.completionType).to.equal('manual');
      expect(create.calls, 'one ceremony').to.have.length(1);
      expect(x.finish).to.equal(true);
      expect(finishBodies, 'one finish request').to.have.length(1);
      const fin = finishBodies[0]!;
      expect(fin.completionType).to.equal('manual');
      if (wantCustomData) expect(fin.customData, 'customData echoed').to.deep.equal(wantCustomData);
      else expect(fin).not.to.have.property('customData');
      const att = JSON.parse(fin.attestationResponse as string);
      const onDevice = await authn.getCredentials(mm.authenticatorId!);
      expect(
        onDevice.map((d) => d.credentialId),
        'the credential the virtual authenticator made',
      ).to.deep.equal([att.id]);
      expect(att.rawId).to.equal(att.id);
      expect(att.type).to.equal('public-key');
      const clientData = JSON.parse(new TextDecoder().decode(fromB64url(att.response.clientDataJSON)));
      expect(clientData.type).to.equal('webauthn.create');
      expect(clientData.origin).to.equal(location.origin);
      expect(Array.from(fromB64url(clientData.challenge))).to.deep.equal(bytesOf(pk.challenge));
      await mm.state('success');
      if (x.customDataAsText) expect(mm.el.shadowRoot!.querySelectorAll('img, script, iframe')).to.have.length(0);
    });
  }

  // S15 and its kind: a `timeout` of 0 (or any non-positive value) must not end the ceremony at once.
  for (const c of CASES.filter((k) => caseOptions(k)?.timeout === 0 && k.expect.outcome === 'ready')) {
    it(`${c.id} timeout ${caseOptions(c)!.timeout}: a pending ceremony is still running 1.5 s later`, async () => {
      const { m, create } = await mount(c, { authenticator: { automaticPresenceSimulation: false } }); // create() stays pending
      await m.state('ready');
      m.click('primary-button');
      await pause(STILL_PENDING_MS);
      expect(create.calls).to.have.length(1);
      expect(create.calls[0]!.settled, 'create() still pending').to.equal(false);
      expect(create.calls[0]!.signal?.aborted, 'not aborted').to.equal(false);
      expect(m.el.state).to.equal('creating');
      expect(m.of('corbado-append-error')).to.have.length(0);
      m.click('skip-button'); // ends it (aborts the pending create)
      await waitFor(() => create.calls[0]!.settled, 'create() aborted by skip');
    });
  }
});
