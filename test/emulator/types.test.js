/**
 * The kit's emulator types are the emulator's: kit/generated/*.d.ts is what tsc declares from
 * emulator/contract.js and emulator/client.js now (else: node scripts/emulator-types.js), and the types
 * `corbado-append/emulator` publishes are the emulator's own — the type assertions below fail
 * `npm run typecheck:js` when the two disagree (a field, a fault kind, a client method).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { generatedTypes } from '../../scripts/emulator-types.js';

/**
 * `true` when A and B are the same type (not merely assignable either way), else `false`.
 * @template A, B
 * @typedef {(<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false} Same
 */
/**
 * @typedef {import('../../kit/emulator.types.js')} Kit the published types of corbado-append/emulator
 * @typedef {import('../../emulator/contract.js')} Contract
 * @typedef {import('../../emulator/client.js')} Client
 */

/**
 * Each entry is `true` only while the kit publishes the emulator's own type.
 * @type {[
 *   Same<import('../../kit/emulator.types.js').Scenario, import('../../emulator/contract.js').Scenario>,
 *   Same<import('../../kit/emulator.types.js').ScenarioPatch, import('../../emulator/contract.js').ScenarioPatch>,
 *   Same<import('../../kit/emulator.types.js').Fault, import('../../emulator/contract.js').Fault>,
 *   Same<import('../../kit/emulator.types.js').FaultKind, Contract['FAULT_KINDS'][number]>,
 *   Same<import('../../kit/emulator.types.js').FaultEndpoint, Contract['FAULT_ENDPOINTS'][number]>,
 *   Same<import('../../kit/emulator.types.js').Readings, import('../../emulator/contract.js').Readings>,
 *   Same<import('../../kit/emulator.types.js').StoredPasskey, import('../../emulator/contract.js').StoredPasskey>,
 *   Same<import('../../kit/emulator.types.js').RecordedRequest, import('../../emulator/contract.js').RecordedRequest>,
 *   Same<import('../../kit/emulator.types.js').RecordedEvent, import('../../emulator/contract.js').RecordedEvent>,
 *   Same<import('../../kit/emulator.types.js').MintAppendTokenOptions, import('../../emulator/contract.js').MintAppendTokenOptions>,
 *   Same<import('../../kit/emulator.types.js').EmulatorClient, import('../../emulator/client.js').EmulatorClient>,
 *   Same<Kit['connectEmulator'], Client['connectEmulator']>,
 *   Same<InstanceType<Kit['EmulatorError']>, InstanceType<Client['EmulatorError']>>,
 * ]}
 */
export const KIT_TYPES_ARE_THE_EMULATOR_S = [true, true, true, true, true, true, true, true, true, true, true, true, true];

test('kit/generated/*.d.ts is declared from the emulator JSDoc (else: node scripts/emulator-types.js)', async () => {
  const want = await generatedTypes();
  assert.deepEqual(
    [...want.keys()].map((file) => file.replace(/^.*\/kit\//, 'kit/')),
    ['kit/generated/contract.d.ts', 'kit/generated/client.d.ts'],
  );
  for (const [file, text] of want) assert.equal(await readFile(file, 'utf8'), text, file);
});

test('the kit publishes the generated types: kit/emulator.types.d.ts re-exports them', async () => {
  const kit = await readFile(new URL('../../kit/emulator.types.d.ts', import.meta.url), 'utf8');
  assert.match(kit, /^} from '\.\/generated\/contract\.js';$/m);
  assert.match(kit, /^export \{ connectEmulator, EmulatorError \} from '\.\/generated\/client\.js';$/m);
  assert.doesNotMatch(
    kit,
    /^export (type|interface) (Scenario|Fault|FaultKind|ScenarioPatch|EmulatorClient)\b/m,
    'declared in the kit again',
  );
});
