/**
 * Frameworks decide "property or attribute?" with `name in element` (React 19, @lit/react, Vue):
 * every public property must exist on the prototype, even while unset.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';

const PROPERTIES = [
  'projectId',
  'frontendApiUrl',
  'appendToken',
  'appendTokenProvider',
  'situation',
  'forcePasskeyAppend',
  'theme',
  'strings',
  'ceremonyTimeoutMs',
  'onComplete',
  'onSkip',
  'onError',
  'state',
];

describe('<corbado-append> properties', () => {
  it('are all visible to `in` on a fresh, unset element', () => {
    const el = document.createElement('corbado-append');
    expect(PROPERTIES.filter((p) => !(p in el))).to.deep.equal([]);
  });
});
