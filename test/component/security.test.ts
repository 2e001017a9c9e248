/**
 * A hostile page configuration or a hostile server:
 * - a `project-id` that is not one DNS label, or a `frontend-api-url` that is not https (http only
 *   on loopback) or carries credentials/query/fragment → `config-invalid`, and NO request leaves
 *   the page (fetch wrapper + Resource Timing entries);
 * - every server string (customData, aaguidDetails.name, error details) is rendered as text;
 * - the append token never shows up in events, console output, or any requested URL — not even
 *   when the server echoes it back in an error.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/components/messages.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { emulatorUrl, mintToken, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { interceptFetch, jsonResponse, sleep, type FetchSpy } from '../helpers/intercept.js';
import * as authn from '../helpers/webauthn.js';

const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';

const HOSTILE_PROJECT_IDS = [
  'evil.com/', 'a.b', 'x@y', 'evil.com#', 'pro-1/../x', 'pro-1?x=1', 'pro-1:443', 'PRO-1', '-pro', 'pro-', 'pro 1',
  'pro-1\n', 'prö', 'a'.repeat(64), '%2e%2e', '',
];
const HOSTILE_API_URLS = [
  'http://evil.example', 'javascript:alert(1)', 'https://user:pass@evil.example', 'https://:pass@evil.example',
  'http://localhost:80@evil.example', 'data:text/html,<b>x</b>', 'ftp://evil.example', '//evil.example', 'evil.example',
  'http://localhost.evil.example', 'http://127.0.0.1.nip.io', 'https://evil.example/?q=1', 'https://evil.example/#x',
  'file:///etc/passwd', 'ws://localhost:8000', 'https://', ' javascript:alert(1)',
];

describe('<corbado-append> hostile configuration', () => {
  let m: Mounted | undefined;
  let net: FetchSpy;

  beforeEach(() => {
    net = interceptFetch();
    performance.clearResourceTimings();
  });
  afterEach(() => {
    m?.remove();
    m = undefined;
    net.restore();
  });

  async function expectConfigInvalid(attrs: Record<string, string>, props: Record<string, unknown> = {}) {
    const t0 = performance.now();
    const tokenCalls: number[] = [];
    m = mountAppend(uniqueProjectId(), { attrs, props, provider: async () => (tokenCalls.push(1), 'token') });
    const err = await m.next('corbado-append-error');
    expect(err.code, JSON.stringify(attrs)).to.equal('config-invalid');
    expect(await m.next('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'error' });
    await sleep(50);
    expect(net.calls.map(c => c.url.href), 'fetch calls').to.deep.equal([]);
    const resources = performance.getEntriesByType('resource').filter(e => e.startTime >= t0).map(e => e.name);
    expect(resources, 'nothing fetched by any means').to.deep.equal([]);
    expect(tokenCalls, 'token provider not called').to.have.length(0);
    expect(m.of('corbado-append-state').map(s => s.state)).to.deep.equal(['skipped']);
    m.remove();
  }

  it('a hostile project-id → config-invalid, no request (with and without frontend-api-url)', async () => {
    for (const id of HOSTILE_PROJECT_IDS) {
      await expectConfigInvalid({ 'project-id': id });
      await expectConfigInvalid({ 'project-id': id, 'frontend-api-url': '' }); // the default https://{id}.frontendapi.corbado.io
    }
  });

  it('a hostile frontend-api-url → config-invalid, no request', async () => {
    for (const url of HOSTILE_API_URLS) await expectConfigInvalid({ 'frontend-api-url': url });
  });

  it('the same set as properties instead of attributes → config-invalid, no request', async () => {
    await expectConfigInvalid({}, { projectId: 'evil.com/' });
    await expectConfigInvalid({}, { frontendApiUrl: 'javascript:alert(1)' });
    await expectConfigInvalid({}, { frontendApiUrl: 'https://user:pw@evil.example' });
  });
});

describe('<corbado-append> hostile server strings and secrets', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let net: FetchSpy | undefined;
  let consoleOut: string[];
  const restoreConsole: (() => void)[] = [];

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
    delete (window as unknown as Record<string, unknown>).__pwned;
    consoleOut = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const orig = console[level];
      console[level] = (...args: unknown[]) => {
        consoleOut.push(args.map(a => (a instanceof Error ? `${a.name}: ${a.message}\n${a.stack}` : typeof a === 'string' ? a : safeJson(a))).join(' '));
        orig.apply(console, args);
      };
      restoreConsole.push(() => (console[level] = orig));
    }
    performance.clearResourceTimings();
  });
  afterEach(async () => {
    m?.remove();
    m = undefined;
    net?.restore();
    net = undefined;
    for (const r of restoreConsole.splice(0)) r();
    await authn.clearAuthenticators();
  });

  function expectNoMarkupRendered() {
    const root = m!.el.shadowRoot!;
    expect(root.querySelectorAll('img, script, b, iframe'), 'no element from server text').to.have.length(0);
    expect(document.querySelectorAll('body img, body iframe'), 'nothing in the page').to.have.length(0);
    expect((window as unknown as Record<string, unknown>).__pwned, 'no script ran').to.equal(undefined);
  }

  /** The token must not be in any event, console line, or requested URL (fetch + Resource Timing). */
  function expectTokenNowhere(token: string) {
    expect(token.length).to.be.greaterThan(8);
    expect(safeJson(m!.events), 'events').not.to.contain(token);
    expect(consoleOut.join('\n'), 'console output').not.to.contain(token);
    const urls = [...(net?.calls.map(c => c.url.href) ?? []), ...performance.getEntriesByType('resource').map(e => e.name)];
    expect(urls.length).to.be.greaterThan(0);
    for (const u of urls) {
      expect(u, 'requested URL').not.to.contain(token);
      expect(decodeURIComponent(u), 'requested URL (decoded)').not.to.contain(token);
    }
    // Headers of the element's own requests (the token belongs in the start body only).
    for (const c of net?.api() ?? []) for (const [k, v] of c.headers) expect(`${k}: ${v}`, 'request header').not.to.contain(token);
  }

  it('aaguidDetails.name with markup → shown as text in the success message', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { aaguidName: MARKUP });
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.passkeyOperation.aaguidDetails.name).to.equal(MARKUP);
    await m.state('success');
    expect(m.part('description')!.textContent).to.equal(en.successStoredIn.replace('{name}', MARKUP));
    expectNoMarkupRendered();
  });

  it('customData with markup → exposed and echoed as data, never rendered', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { customData: { campaign: MARKUP, [MARKUP]: 'key' } });
    m = mountAppend(projectId);
    const ready = await m.next('corbado-append-ready');
    expect(ready.customData).to.deep.equal({ campaign: MARKUP, [MARKUP]: 'key' });
    await m.state('ready');
    expectNoMarkupRendered();
    expect(m.el.shadowRoot!.textContent).not.to.contain('bold');
  });

  it('error details with markup (start and finish rejected) → text only, the fixed message shown', async () => {
    const rejected = (where: string) =>
      jsonResponse(400, {
        httpStatusCode: 400,
        message: MARKUP,
        requestData: { requestID: `req-${where}`, link: 'javascript:alert(1)' },
        runtime: 0,
        error: { type: `validation_error ${MARKUP}`, details: MARKUP, links: [] },
      });
    net = interceptFetch(call => (call.url.pathname === '/v2/connect/append/finish' ? rejected('finish') : undefined));
    m = mountAppend(uniqueProjectId());
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const err = await m.next('corbado-append-error');
    expect(err.code).to.equal('finish-failed');
    expect(err.requestId).to.equal('req-finish');
    await m.state('error');
    expect(m.part('message')!.textContent!.trim()).to.equal(en.finishFailed);
    expectNoMarkupRendered();
    m.remove();
    net.restore();

    net = interceptFetch(call => (call.url.pathname === '/v2/connect/append/start' ? rejected('start') : undefined));
    m = mountAppend(uniqueProjectId());
    const err2 = await m.next('corbado-append-error');
    expect(err2.code).to.equal('api-rejected');
    expect(err2.requestId).to.equal('req-start');
    await m.state('skipped');
    expectNoMarkupRendered();
  });

  it('the append token (attribute) never appears in events, console or URLs — full flow', async () => {
    const projectId = uniqueProjectId();
    const token = await mintToken(projectId);
    net = interceptFetch();
    m = mountAppend(projectId, { provider: null, attrs: { 'append-token': token } });
    await m.state('ready');
    const start = net.api('/v2/connect/append/start')[0]!;
    expect(JSON.parse(start.body!).appendTokenValue, 'the token goes in the start body').to.equal(token);
    m.part<HTMLButtonElement>('primary-button')!.click();
    await m.next('corbado-append-complete');
    expect(await authn.getCredentials(authenticatorId)).to.have.length(1);
    expectTokenNowhere(token);
  });

  it('the token never appears even when the server echoes it in an error (start rejected, provider token)', async () => {
    const token = `tok-${crypto.randomUUID()}`;
    net = interceptFetch(call => {
      if (call.url.pathname !== '/v2/connect/append/start') return undefined;
      const sent = JSON.parse(call.body!).appendTokenValue as string;
      return jsonResponse(400, {
        httpStatusCode: 400,
        message: `appendTokenValue ${sent} is invalid`,
        requestData: { requestID: 'req-echo', link: '' },
        runtime: 0,
        error: { type: 'validation_error', details: `appendTokenValue: "${sent}" is not a valid token`, links: [] },
      });
    });
    m = mountAppend(uniqueProjectId(), { provider: async () => token });
    const err = await m.next('corbado-append-error');
    expect(err.code).to.equal('api-rejected');
    expect(err.requestId).to.equal('req-echo');
    await m.state('skipped');
    await sleep(50);
    expectTokenNowhere(token);
  });

  it('the token never appears when finish fails with the token echoed (errors after the offer)', async () => {
    const token = `tok-${crypto.randomUUID()}`;
    const projectId = uniqueProjectId();
    const real = await mintToken(projectId);
    net = interceptFetch(call => {
      if (call.url.pathname === '/v2/connect/append/finish') {
        return jsonResponse(500, { error: { type: 'internal_error', details: `token ${token} / ${real}` }, requestData: { requestID: `r-${real}` } });
      }
      return undefined;
    });
    m = mountAppend(projectId, { provider: null, attrs: { 'append-token': real } });
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const err = await m.next('corbado-append-error', 8000);
    expect(err.code).to.equal('finish-failed');
    expect(err.requestId, 'kept, with the token masked').to.equal('r-[append token]');
    await m.state('error');
    expectTokenNowhere(real);
  });
});

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

void emulatorUrl;
