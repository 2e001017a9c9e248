/** The dev server answers: the playground page and the same-origin emulator are up. */
import { expect, test } from '@playwright/test';

test('the playground page answers', async ({ page }) => {
  const response = await page.goto('/');
  expect(response, 'no response for /').not.toBeNull();
  expect(response!.status()).toBe(200);
  expect(response!.headers()['content-type']).toContain('text/html');
  await expect(page.locator('html')).toBeAttached();
});

test('the emulator is mounted on the same origin', async ({ request }) => {
  const response = await request.get('/emulator/scenario?projectId=pro-e2e-smoke');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ appendAllowed: true });
});
