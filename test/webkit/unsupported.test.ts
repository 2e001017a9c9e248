/**
 * The "WebAuthn unsupported" path in a real browser without WebAuthn: WebKitGTK (MiniBrowser under
 * WebKitWebDriver, test/engines/webkit.js), where `PublicKeyCredential` and `navigator.credentials`
 * do not exist — nothing stubbed. The element must skip quietly with reason `unsupported` before
 * any request (docs/design.md: WebAuthn is checked first), fire no error, call no token provider and
 * render nothing.
 */
import { expect } from '@open-wc/testing';
import { getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend } from '../helpers/fixture.js';
import { pause, spyFetch, spyPageErrors } from '../helpers/spies.js';

/** Room for a late request, render or event after the skip. */
const SETTLE_MS = 300;

describe('<corbado-append> in a browser without WebAuthn (WebKitGTK)', () => {
  it('this browser really has no WebAuthn', () => {
    expect(typeof window.PublicKeyCredential).to.equal('undefined');
    expect(navigator.credentials).to.equal(undefined);
    expect(window.isSecureContext, 'a secure context (localhost): only WebAuthn is missing').to.equal(true);
  });

  for (const scenario of [{}, { autoAppend: true, conditionalAppend: true }]) {
    it(`skips quietly (unsupported) before any request, renders nothing (scenario ${JSON.stringify(scenario)})`, async () => {
      const projectId = uniqueProjectId();
      await setScenario(projectId, scenario);
      const page = spyPageErrors();
      const net = spyFetch();
      const tokens: number[] = [];
      const m = mountAppend(projectId, { provider: async () => (tokens.push(1), 'token') });
      const rendered: string[] = [];
      const seen = new MutationObserver(() =>
        m.el.shadowRoot!.querySelectorAll('[part]').forEach((p) => rendered.push(p.getAttribute('part')!)),
      );
      seen.observe(m.el.shadowRoot!, { childList: true, subtree: true, attributes: true });

      expect(await m.event('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'unsupported' });
      await pause(SETTLE_MS);
      await m.el.updateComplete;
      seen.disconnect();
      expect(m.el.state).to.equal('skipped');
      expect(m.states(), 'never loading').to.deep.equal(['skipped']);
      expect(m.of('corbado-append-error'), 'no error').to.deep.equal([]);
      expect(m.of('corbado-append-ready')).to.deep.equal([]);
      expect(
        net.calls.map((c) => c.path),
        'no request from the element',
      ).to.deep.equal([]);
      expect(await getRequests(projectId), 'nothing reached the API').to.deep.equal([]);
      expect(tokens, 'token provider never called').to.deep.equal([]);
      expect(rendered, 'no part ever rendered').to.deep.equal([]);
      expect(m.el.getBoundingClientRect().height, 'takes no space').to.equal(0);
      expect(page.errors, 'nothing thrown').to.deep.equal([]);
    });
  }
});
