/**
 * `corbado-append/svelte`: defines `<corbado-append>` (like `corbado-append`) and types the tag in
 * Svelte 5 templates, so `svelte-check` checks its attributes, properties and events.
 *
 * ```svelte
 * <script lang="ts">
 *   import 'corbado-append/svelte';
 *   import type { AppendCompleteDetail } from 'corbado-append';
 *   const onComplete = (e: CustomEvent<AppendCompleteDetail>) => console.log(e.detail.status);
 * </script>
 *
 * <corbado-append project-id="pro-1234567890" appendTokenProvider={fetchToken} oncorbado-append-complete={onComplete} />
 * ```
 *
 * Svelte sets a value as a property when the element has that property (so import this before
 * the component mounts), else as an attribute; `on<event-name>` attaches a listener for that event.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { CorbadoAppend } from './components/corbado-append.js';
import type { CorbadoAppendOnEvents, CorbadoAppendTemplateProps } from './contract.js';

export * from './index.js';

/** What a Svelte 5 template may put on `<corbado-append>`. */
export interface CorbadoAppendSvelteAttributes extends HTMLAttributes<CorbadoAppend>, CorbadoAppendTemplateProps, CorbadoAppendOnEvents {}

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'corbado-append': CorbadoAppendSvelteAttributes;
  }
}
