// A host's images page: pulling an image from the test registry through the form shows live progress bars
// that move, ends "done", and the image appears in the table without a reload.
// Run by BrowserIT (./mvnw verify), which also sets WHARF_REGISTRY (the test registry, host:port on loopback).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot, withPage } from './browser.mjs';
import { createToken, docker, env, registerHost, removeHost, signIn, step } from './console.mjs';

const RUN = `e2e-images-${process.pid}-${Date.now()}`;
let token;
let hostId;
let reference;

function registry() {
  const value = process.env.WHARF_REGISTRY;
  if (!value) throw new Error('WHARF_REGISTRY is not set (BrowserIT sets it from WHARF_TEST_REGISTRY in .test-env/test.env)');
  return value;
}

before(async () => {
  token = await createToken('e2e-images');
  hostId = await registerHost(token, RUN);
  // An image with a fresh ~40 MB layer of random bytes, so the pull takes long enough for the bars to move.
  // Made from the test image without any network, pushed to the loopback registry, then removed here.
  reference = `${registry()}/wharf-e2e/big:${process.pid}-${Date.now()}`;
  const builder = `${RUN}-builder`;
  await docker('run', '--pull', 'never', '--network', 'none', '--name', builder, env.image,
    'sh', '-c', 'head -c 40000000 /dev/urandom > /big.bin');
  await docker('commit', builder, reference);
  await docker('rm', builder);
  await docker('push', reference);
  await docker('rmi', reference);
  step(`pushed ${reference} and removed it from the engine`);
});

after(async () => {
  await docker('rmi', '-f', reference).catch(() => {});
  await docker('rm', '-f', `${RUN}-builder`).catch(() => {});
  if (hostId) await removeHost(token, hostId);
});

test('a pull through the form moves its progress bars live and ends with the image in the table', { timeout: 180_000 }, async (t) => {
  await withPage(t.name, async (page) => {
    await page.addInitScript(() => {
      window.wharfViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.wharfViolations.push(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`));
    });
    await signIn(page);
    await page.goto(`/hosts/${hostId}/images`);
    await page.locator('body[data-live="open"]').waitFor();
    assert.equal(await page.locator(`#images-${hostId}`).getByText(reference).count(), 0, 'not there before the pull');

    // Every value any bar takes, recorded as the page changes (installed before the form is sent).
    await page.evaluate(() => {
      window.wharfNotReloaded = true;
      window.wharfBars = { overall: [], layers: [] };
      const record = () => {
        for (const bar of document.querySelectorAll('#pulls progress')) {
          if (!bar.hasAttribute('value')) continue;
          const percent = (100 * Number(bar.getAttribute('value'))) / Number(bar.getAttribute('max'));
          (bar.classList.contains('pull-overall') ? window.wharfBars.overall : window.wharfBars.layers).push(percent);
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true, childList: true, attributes: true, attributeFilter: ['value'],
      });
    });

    await page.getByLabel('Image reference').fill(reference);
    await page.getByRole('button', { name: 'Pull' }).click();
    const panel = page.locator('#pulls section.pull');
    await panel.first().waitFor();
    step(`the panel ${await panel.first().getAttribute('id')} is on the page`);
    try {
      await page.locator('#pulls section.pull[data-state="running"] ul.pull-layers').waitFor({ timeout: 10_000 });
      await screenshot(page, 'images-pull');
    } catch {
      step('the pull went by before a mid-pull screenshot could be taken');
    }
    await page.locator('#pulls section.pull[data-state="done"]').waitFor({ timeout: 120_000 });
    assert.match(await panel.first().locator('.pull-outcome').innerText(), /Done/);
    assert.equal(await panel.first().locator('progress.pull-overall').getAttribute('value'), '100');

    // the panel starts at 0 and ends at 100: what counts is what it showed in between
    const bars = await page.evaluate(() => window.wharfBars);
    const between = (values) => [...new Set(values.filter((v) => v > 0 && v < 100))];
    step(`overall bar took ${JSON.stringify(between(bars.overall))} on the way; layer bars ${between(bars.layers).length} values`);
    assert.ok(new Set([...between(bars.overall), ...between(bars.layers)]).size >= 2,
      `the bars took at least two values between 0 and 100: ${JSON.stringify(bars)}`);
    assert.ok(between(bars.overall).length >= 1, `the overall bar moved before it was full: ${JSON.stringify(bars.overall)}`);

    await page.locator(`#images-${hostId}`).getByText(reference).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.wharfNotReloaded), true, 'the page was not reloaded');
    assert.deepEqual(await page.evaluate(() => window.wharfViolations), [], 'no Content-Security-Policy violation');
    step(`${reference} is in the table, without a reload`);
    await screenshot(page, 'images');
  });
});
