// @ts-check
/**
 * src/api/openapi.gen.ts is what openapi-typescript makes of api/connect-append.openapi.yaml now
 * (else: npm run api-types), and it is the source of src/api/types.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { GENERATED, generatedTypes } from '../../scripts/api-types.js';

test('src/api/openapi.gen.ts is generated from the API description (else: npm run api-types)', async () => {
  assert.equal(await readFile(GENERATED, 'utf8'), await generatedTypes());
});

test('src/api/types.ts derives from the generated types', async () => {
  const types = await readFile(new URL('../../src/api/types.ts', import.meta.url), 'utf8');
  assert.match(types, /^import type \{ components \} from '\.\/openapi\.gen\.js';$/m);
});
