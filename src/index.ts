/**
 * `<corbado-append>`: public exports. Importing this module defines the element once
 * (a second definition, e.g. two bundles on one page, is skipped).
 */
import { CorbadoAppend } from './components/corbado-append.js';

export { CorbadoAppend };
export { CorbadoAppendError, type CorbadoAppendErrorCode } from './errors.js';
export type * from './contract.js';
export type { AppendStrings } from './strings.js';
export type { AppendVariant, CompletionType, PasskeyOperation } from './api/types.js';

if (typeof customElements !== 'undefined' && !customElements.get('corbado-append')) {
  customElements.define('corbado-append', CorbadoAppend);
}
