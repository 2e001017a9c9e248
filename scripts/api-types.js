#!/usr/bin/env node
// @ts-check
/**
 * TypeScript types of the Frontend API from its description: api/connect-append.openapi.yaml →
 * src/api/openapi.gen.ts (openapi-typescript, formatted with the repo's Prettier settings). Only
 * its `components` interface is kept (the schemas, parameters and responses): `paths` and
 * `operations` only point into it, and nothing uses them.
 * src/api/types.ts derives the element's request/response types from that file;
 * test/node/api-types.test.js fails when it is stale.
 *
 *   npm run api-types              rewrite src/api/openapi.gen.ts
 *   node scripts/api-types.js --check   exit 1 when it is stale
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';
import prettier from 'prettier';

export const DESCRIPTION = new URL('../api/connect-append.openapi.yaml', import.meta.url);
export const GENERATED = new URL('../src/api/openapi.gen.ts', import.meta.url);

/** @returns {Promise<string>} the content src/api/openapi.gen.ts must have */
export async function generatedTypes() {
  const ast = (await openapiTS(DESCRIPTION, { alphabetize: false, exportType: false })).filter(
    (node) => 'name' in node && /** @type {{name?: {text?: string}}} */ (node).name?.text === 'components',
  );
  const header = `${COMMENT_HEADER.trimEnd()}\n// Source: api/connect-append.openapi.yaml — regenerate with \`npm run api-types\`.\n\n`;
  const file = fileURLToPath(GENERATED);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(header + astToString(ast), { ...options, filepath: file });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const want = await generatedTypes();
  if (process.argv.includes('--check')) {
    const have = await readFile(GENERATED, 'utf8').catch(() => '');
    if (have !== want) {
      console.error('src/api/openapi.gen.ts is stale: npm run api-types');
      process.exit(1);
    }
  } else {
    await writeFile(GENERATED, want);
    console.log(`wrote ${fileURLToPath(GENERATED)}`);
  }
}
