/**
 * What frame.html and tab.html both do (the pages load it as `/test/pages/element.ts`): a
 * `<corbado-append>` for `projectId` against this origin's emulator, an appendTokenProvider from its
 * demo route, and every event of the element's contract handed to `report`. Not yet in the page:
 * each page adds it when it is ready. The page defines the element itself (tab.html stubs the
 * browser first); this module loads none of it.
 */
import { APPEND_EVENT_NAMES, type AppendEventName } from '../../src/contract.js';
import type { CorbadoAppend } from '../../src/index.js';
import { connectEmulator } from '../../emulator/client.js';

export function appendElement(projectId: string, report: (type: AppendEventName, detail: unknown) => void): CorbadoAppend {
  const el = document.createElement('corbado-append');
  el.setAttribute('project-id', projectId);
  el.setAttribute('frontend-api-url', location.origin);
  el.appendTokenProvider = () => connectEmulator(location.origin, { projectId }).mintAppendToken();
  for (const type of APPEND_EVENT_NAMES) el.addEventListener(type, (e) => report(type, e.detail));
  return el;
}
