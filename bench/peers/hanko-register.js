// Size peer: Hanko's web components (@teamhanko/hanko-elements, pinned), registered as its docs
// show. Bundled by bench/peers.js with the drop-in's build settings.
// @ts-expect-error -- its index.d.ts re-exports "./Elements" without an extension, which
// nodenext resolution (tsconfig.js.json) cannot follow; the bundler resolves the JS fine.
import { register } from '@teamhanko/hanko-elements';

void register(document.documentElement.dataset.hankoApi ?? 'https://hanko.example');
