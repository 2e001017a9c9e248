// See offer-drop-in.html. Query: `projectId` (one emulator project per visit), `mintMs` (the
// host's token mint takes that long before it asks the emulator), `early=1` (the `early-token`
// opt-in). Types: bench/pages/bench.d.ts.
import { mintToken } from './mint.js';

const params = new URLSearchParams(location.search);
const projectId = params.get('projectId') ?? 'pro-local';
// The element's class lives in the drop-in (no import here): the properties this page sets.
const el = /** @type {HTMLElement & {appendTokenProvider?: () => Promise<string>}} */ (document.createElement('corbado-append'));
el.setAttribute('project-id', projectId);
el.setAttribute('frontend-api-url', location.origin);
if (params.get('early') === '1') el.setAttribute('early-token', '');
el.appendTokenProvider = () => mintToken(projectId, Number(params.get('mintMs') ?? 0));
/** @type {HTMLElement} */ (document.getElementById('slot')).append(el);
