/**
 * The playground's scenario form sets every scenario knob the emulator has (README "Scenario"):
 * the form's answer names each field of the default scenario, and the values chosen arrive.
 */
import { expect, test } from '@playwright/test';
import { connectEmulator } from '../../emulator/client.js';
import { FAULT_KINDS } from '../../emulator/contract.js';
import { defaultScenario } from '../../emulator/scenario.js';

test('the scenario form covers every knob, userVerification and aaguidName included', async ({ page, baseURL }) => {
  const project = `pro-playground-${Date.now().toString(36)}`;
  await page.goto(`/?projectId=${project}`);
  const form = page.locator('#scenario');
  const kinds = await form
    .locator('select[name="fault-init"] option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(kinds).toEqual(['', ...FAULT_KINDS]);
  await form.locator('select[name="userVerification"]').selectOption('required');
  await form.locator('input[name="aaguidName"]').fill('Test Key');
  await form.locator('input[name="dateHeader"]').uncheck();
  await form.locator('select[name="fault-finish"]').selectOption('stored-504-html');

  const put = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/emulator/scenario'));
  await form.getByRole('button', { name: 'Apply and show the offer again' }).click();
  const sent = (await put).postDataJSON() as Record<string, unknown>;
  expect(Object.keys(sent).sort()).toEqual(Object.keys(defaultScenario() as object).sort());
  await expect(page.locator('#scenario-status')).toHaveText('applied');

  expect(await connectEmulator(baseURL!, { projectId: project }).getScenario()).toMatchObject({
    userVerification: 'required',
    aaguidName: 'Test Key',
    dateHeader: false,
    faults: { finish: { kind: 'stored-504-html' } },
  });
});

test('Apply is a first visit (init and its knobs apply); Reset emulator resets the form, the log and the device, then offers again', async ({
  page,
}) => {
  const project = `pro-playground-reset-${Date.now().toString(36)}`;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const el = page.locator('#append');
  await page.goto(`/?projectId=${project}`);
  await expect(el).toHaveAttribute('state', 'ready', { timeout: 15_000 }); // the process is kept now

  // appendAllowed off, applied: init goes out again (no kept process), and its answer is obeyed.
  const form = page.locator('#scenario');
  await form.locator('input[name="appendAllowed"]').uncheck();
  const init = page.waitForRequest((r) => r.url().includes('/v2/connect/append/init'));
  await form.getByRole('button', { name: 'Apply and show the offer again' }).click();
  await init;
  await expect(el).toHaveAttribute('state', 'skipped');
  await expect(page.locator('#log')).toContainText('append-not-allowed');

  // Reset: the emulator, the form (appendAllowed on again), the log, what the device kept; a fresh offer.
  const again = page.waitForRequest((r) => r.url().includes('/v2/connect/append/init'));
  await page.getByRole('button', { name: 'Reset emulator' }).click();
  await again;
  await expect(form.locator('input[name="appendAllowed"]')).toBeChecked();
  await expect(el).toHaveAttribute('state', 'ready', { timeout: 15_000 });
  await expect(page.locator('#log')).not.toContainText('append-not-allowed');
  expect(errors, 'no uncaught errors').toEqual([]);
});
