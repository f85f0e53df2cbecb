// Swagger UI works under the console's Content-Security-Policy (no inline script or style): signed out it shows
// every operation of /v3/api-docs, and with a token it calls the API, without one securitypolicyviolation.
// Run by BrowserIT (./mvnw verify); by hand as the other e2e tests (see live-containers.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withPage } from './browser.mjs';
import { createToken, env, step } from './console.mjs';

test('Swagger UI lists every operation and calls the API without breaking the CSP', { timeout: 120_000 }, async (t) => {
  const documented = await (await fetch(new URL('/v3/api-docs', env.url))).json();
  const operations = Object.values(documented.paths).reduce((count, path) => count + Object.keys(path).length, 0);
  const token = await createToken('swagger-ui');

  await withPage(t.name, async (page) => {
    // registered before any of the page's own scripts run, so nothing the page does goes unseen
    await page.addInitScript(() => {
      window.wharfViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.wharfViolations.push(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`));
    });
    const answer = await page.goto('/swagger-ui/index.html'); // signed out: the document and the UI are public
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['content-security-policy'], /script-src 'self'; style-src 'self'/);
    await page.locator('.opblock').first().waitFor();
    assert.equal(await page.locator('.opblock').count(), operations, 'one block per operation of /v3/api-docs');
    step(`Swagger UI shows ${operations} operations`);

    await page.getByRole('button', { name: 'Authorize' }).click();
    const dialog = page.locator('.dialog-ux');
    await dialog.getByLabel('auth-bearer-value').fill(token);
    await dialog.locator('.auth-container').filter({ has: page.getByLabel('auth-bearer-value') })
      .getByRole('button', { name: 'Apply credentials' }).click();
    await dialog.getByRole('button', { name: 'Close' }).first().click();

    const hostList = page.locator('#operations-hosts-hostList');
    await hostList.locator('.opblock-summary').click();
    await hostList.getByRole('button', { name: 'Try it out' }).click();
    await hostList.getByRole('button', { name: 'Execute' }).click();
    const status = hostList.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), '200', 'GET /api/v1/hosts through Swagger UI with the token');
    step('Swagger UI called GET /api/v1/hosts with the bearer token: 200');

    assert.deepEqual(await page.evaluate(() => window.wharfViolations), [], 'Content-Security-Policy violations');
  });
});
