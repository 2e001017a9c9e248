/**
 * Unsupported environments: no `PublicKeyCredential`, no `navigator.credentials` (or no
 * `create`), an insecure context → a quiet `skip-implicit` with reason `unsupported`, before any
 * request and without ever rendering (no spinner, no card). Each environment is made by
 * stubbing the globals before mount; an insecure context cannot be made on localhost, so
 * `isSecureContext` is stubbed (see also test/unit/support.test.ts).
 */
import { expect } from '@open-wc/testing';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { getRequests, uniqueProjectId } from '../helpers/emulator.js';
import { interceptFetch, sleep, spyCreate, type FetchSpy } from '../helpers/intercept.js';
import { stubProperty as stub } from '../helpers/spies.js';

const environments: [string, () => (() => void)[]][] = [
  ['PublicKeyCredential deleted', () => [stub(window, 'PublicKeyCredential', undefined, true)]],
  ['PublicKeyCredential shadowed by undefined', () => [stub(window, 'PublicKeyCredential', undefined)]],
  ['navigator.credentials missing', () => [stub(navigator, 'credentials', undefined)]],
  ['navigator.credentials.create missing', () => [stub(navigator.credentials, 'create', undefined)]],
  ['insecure context (isSecureContext stubbed false)', () => [stub(window, 'isSecureContext', false)]],
];

describe('<corbado-append> unsupported environments', () => {
  let m: Mounted | undefined;
  let net: FetchSpy | undefined;
  let undo: (() => void)[] = [];

  afterEach(() => {
    m?.remove();
    m = undefined;
    for (const u of undo.reverse()) u();
    undo = [];
    net?.restore();
  });

  for (const [name, make] of environments) {
    it(`${name} → skip-implicit unsupported, no request, never rendered`, async () => {
      const projectId = uniqueProjectId();
      const create = spyCreate(() => Promise.reject(new Error('create() must not be called')));
      undo.push(() => create.restore());
      net = interceptFetch();
      const tokenCalls: number[] = [];
      undo.push(...make());
      m = mountAppend(projectId, { provider: async () => (tokenCalls.push(1), 'token') });
      // The shadow root exists from connect on; the flow starts a microtask later, renders later still.
      const root = m.el.shadowRoot!;
      const rendered: string[] = [];
      const seen = new MutationObserver(() => {
        for (const p of root.querySelectorAll('[part]')) rendered.push(p.getAttribute('part')!);
      });
      seen.observe(root, { childList: true, subtree: true, attributes: true });
      const skip = await m.next('corbado-append-skip');
      expect(skip).to.deep.equal({ status: 'skip-implicit', reason: 'unsupported' });
      await sleep(150);
      await m.el.updateComplete;
      // Undo the stubs before asking the emulator (its helper uses fetch, not WebAuthn).
      for (const u of undo.reverse()) u();
      undo = [];
      expect(m.el.state).to.equal('skipped');
      expect(m.of('corbado-append-state').map(s => s.state), 'never loading').to.deep.equal(['skipped']);
      expect(m.of('corbado-append-error')).to.have.length(0);
      expect(m.of('corbado-append-ready')).to.have.length(0);
      expect(net!.calls.map(c => c.url.pathname), 'no request').to.deep.equal([]);
      expect(await getRequests(projectId), 'nothing reached the API').to.deep.equal([]);
      expect(tokenCalls, 'token provider not called').to.have.length(0);
      expect(m.el.shadowRoot!.querySelectorAll('[part]'), 'nothing rendered').to.have.length(0);
      expect(m.el.getBoundingClientRect().height).to.equal(0);
      expect(create.calls).to.have.length(0);
      seen.disconnect();
      expect(rendered, 'no part (spinner, card, button) was ever rendered').to.deep.equal([]);
    });
  }
});
