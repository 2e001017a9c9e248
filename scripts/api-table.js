#!/usr/bin/env node
// @ts-check
/**
 * The API of every custom element in custom-elements.json as Markdown tables: attributes and
 * properties, events, CSS parts, CSS custom properties. README.md holds them between
 * `<!-- api:start -->` and `<!-- api:end -->`; test/node/api-table.test.js fails when that part is
 * stale.
 *
 *   npm run api-table                print the tables (from ./custom-elements.json)
 *   npm run api-table -- --write     rewrite README.md's generated part
 *   node scripts/api-table.js [--write] [path/to/custom-elements.json]
 *
 * The manifest comes from the JSDoc of the sources (`npm run build` or `npm run build:manifest`):
 * to change a description, edit the JSDoc, rebuild the manifest, then run `--write`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
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

/**
 * A `#### heading` and its table, or nothing when there are no rows.
 * @param {string} heading
 * @param {string[]} head
 * @param {unknown[][]} rows
 */
const section = (heading, head, rows) => (rows.length ? [`#### ${heading}`, '', table(head, rows), ''] : []);

/**
 * @typedef {import('custom-elements-manifest/schema.js').Package} Package
 * @typedef {import('custom-elements-manifest/schema.js').ClassField} ClassField
 */

/**
 * @param {Package} manifest
 * @returns {string}
 */
export function apiTables(manifest) {
  const out = [];
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (!('customElement' in decl) || !decl.customElement || !decl.tagName) continue;
      out.push(`### \`<${decl.tagName}>\``, '');
      if (decl.description) out.push(cell(decl.description), '');

      const attrs = decl.attributes ?? [];
      const byField = new Map(attrs.filter((a) => a.fieldName).map((a) => [a.fieldName, a]));
      const fields = /** @type {ClassField[]} */ (
        (decl.members ?? []).filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public')
      );
      const rows = fields.map((m) => [
        code(byField.get(m.name)?.name ?? ''),
        // `readonly`: an analyzer extension of the schema (a getter without a setter).
        code(m.name) + ('readonly' in m && m.readonly ? ' (read-only)' : ''),
        code(m.type?.text ?? ''),
        code(m.default ?? ''),
        m.description ?? '',
      ]);
      for (const a of attrs) {
        if (!a.fieldName || !fields.some((m) => m.name === a.fieldName)) {
          rows.push([code(a.name), '', code(a.type?.text ?? ''), code(a.default ?? ''), a.description ?? '']);
        }
      }
      const props = decl.cssProperties ?? [];
      const withDefault = props.some((p) => p.default);
      out.push(
        ...section('Attributes and properties', ['Attribute', 'Property', 'Type', 'Default', 'Description'], rows),
        ...section(
          'Events',
          ['Event', 'Detail / description'],
          (decl.events ?? []).map((e) => [code(e.name), e.description ?? '']),
        ),
        ...section(
          'CSS parts',
          ['Part', 'Description'],
          (decl.cssParts ?? []).map((p) => [code(p.name), p.description ?? '']),
        ),
        ...section(
          'CSS custom properties',
          withDefault ? ['Property', 'Default', 'Description'] : ['Property', 'Description'],
          props.map((p) => [code(p.name), ...(withDefault ? [code(p.default ?? '')] : []), p.description ?? '']),
        ),
      );
    }
  }
  return out.join('\n');
}

export const START = '<!-- api:start -->';
export const END = '<!-- api:end -->';
const NOTE = '<!-- Generated from custom-elements.json by `npm run api-table -- --write`: edit the JSDoc in src/, not this. -->';

/**
 * What README.md holds between the markers for `manifest`.
 * @param {Package} manifest
 */
export function apiSection(manifest) {
  return `${NOTE}\n\n${apiTables(manifest).trim()}`;
}

/**
 * The part of `readme` between the markers (without them), or undefined when they are missing.
 * @param {string} readme
 */
export function readApiSection(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  return start < 0 || end < 0 ? undefined : readme.slice(start + START.length, end).trim();
}

/**
 * `readme` with the part between the markers replaced by `section`.
 * @param {string} readme @param {string} section
 */
export function writeApiSection(readme, section) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${START} … ${END} part`);
  return `${readme.slice(0, start + START.length)}\n${section}\n\n${readme.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../custom-elements.json', import.meta.url));
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (args.includes('--write')) {
    const readmeFile = fileURLToPath(new URL('../README.md', import.meta.url));
    const readme = readFileSync(readmeFile, 'utf8');
    const updated = writeApiSection(readme, apiSection(manifest));
    if (updated === readme) console.log('api-table: README.md is up to date');
    else {
      writeFileSync(readmeFile, updated);
      console.log('api-table: README.md updated');
    }
  } else {
    process.stdout.write(`${apiTables(manifest)}`);
  }
}
