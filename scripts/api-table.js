#!/usr/bin/env node
// @ts-check
/**
 * Prints the API of every custom element in custom-elements.json as Markdown tables, for the
 * README: attributes / properties, events, CSS parts, CSS custom properties.
 *
 *   npm run api-table              (reads ./custom-elements.json; `npm run build` refreshes it)
 *   node scripts/api-table.js [path/to/custom-elements.json] > api.md
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @param {unknown} s */
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
/** @param {string} s */
const code = (s) => (s ? `\`${s}\`` : '');

/**
 * @param {string[]} head
 * @param {unknown[][]} rows
 */
function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join(
    '\n',
  );
}

/** @param {any} manifest @returns {string} */
export function apiTables(manifest) {
  const out = [];
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (!decl.customElement || !decl.tagName) continue;
      out.push(`### \`<${decl.tagName}>\``, '');
      if (decl.description) out.push(cell(decl.description), '');

      const attrs = decl.attributes ?? [];
      const byField = new Map(attrs.filter((/** @type {any} */ a) => a.fieldName).map((/** @type {any} */ a) => [a.fieldName, a]));
      const fields = (decl.members ?? []).filter(
        (/** @type {any} */ m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public',
      );
      const rows = fields.map((/** @type {any} */ m) => [
        code(byField.get(m.name)?.name ?? ''),
        code(m.name) + (m.readonly ? ' (read-only)' : ''),
        code(m.type?.text ?? ''),
        code(m.default ?? ''),
        m.description ?? '',
      ]);
      for (const a of attrs) {
        if (!a.fieldName || !fields.some((/** @type {any} */ m) => m.name === a.fieldName)) {
          rows.push([code(a.name), '', code(a.type?.text ?? ''), code(a.default ?? ''), a.description ?? '']);
        }
      }
      if (rows.length)
        out.push('#### Attributes and properties', '', table(['Attribute', 'Property', 'Type', 'Default', 'Description'], rows), '');

      const events = decl.events ?? [];
      if (events.length) {
        out.push(
          '#### Events',
          '',
          table(
            ['Event', 'Detail / description'],
            events.map((/** @type {any} */ e) => [code(e.name), e.description ?? '']),
          ),
          '',
        );
      }
      const parts = decl.cssParts ?? [];
      if (parts.length) {
        out.push(
          '#### CSS parts',
          '',
          table(
            ['Part', 'Description'],
            parts.map((/** @type {any} */ p) => [code(p.name), p.description ?? '']),
          ),
          '',
        );
      }
      const props = decl.cssProperties ?? [];
      if (props.length) {
        const withDefault = props.some((/** @type {any} */ p) => p.default);
        out.push(
          '#### CSS custom properties',
          '',
          withDefault
            ? table(
                ['Property', 'Default', 'Description'],
                props.map((/** @type {any} */ p) => [code(p.name), code(p.default ?? ''), p.description ?? '']),
              )
            : table(
                ['Property', 'Description'],
                props.map((/** @type {any} */ p) => [code(p.name), p.description ?? '']),
              ),
          '',
        );
      }
    }
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2] ?? fileURLToPath(new URL('../custom-elements.json', import.meta.url));
  process.stdout.write(apiTables(JSON.parse(readFileSync(file, 'utf8'))));
}
