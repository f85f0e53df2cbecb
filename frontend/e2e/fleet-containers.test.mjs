// The fleet's containers page (/containers) in a browser, against the running console and the real test
// engine: a container made with the create form appears on an open fleet page and turns running without a
// reload, follows the docker CLI, and answers its row's buttons in place; a viewer gets no buttons at all.
// Run by BrowserIT (./mvnw verify); by hand as live-containers.test.mjs says.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot, withPage } from './browser.mjs';
import { createToken, createUser, docker, env, registerHost, signIn, step } from './console.mjs';
import { assertNotReloaded, CONVERGE_MS, waitForRowState } from './containers-page.mjs';

const RUN = `e2e-fleet-${process.pid}-${Date.now()}`;
const LABEL = `dev.wharf.e2e=${RUN}`;
const VIEWER = { username: `viewer-${process.pid}`, password: 'a viewer password for e2e' };
let hostId;

before(async () => {
  const token = await createToken('e2e-fleet');
  hostId = await registerHost(token, `e2e-fleet-${process.pid}`);
  await createUser(token, VIEWER.username, VIEWER.password, 'viewer');
});

after(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  step(`removed the ${ids.length} test container(s) still there`);
});

/** Opens the fleet page, unfiltered (so new containers come in on top), and waits for its live stream. */
async function openFleetPage(page) {
  const response = await page.goto('/containers');
  assert.equal(response?.status(), 200, `GET /containers answered ${response?.status()}`);
  await page.waitForSelector('body[data-live="open"]', { state: 'attached', timeout: CONVERGE_MS });
  await page.evaluate(() => { window.__noReload = true; });
  step('fleet page open, live stream connected');
}

/** The container's row on this test's host (the engine may be registered as another host too). */
const rowOf = (page, id) => page.locator(`tbody#containers-fleet > tr#c-${hostId}-${id}`);

test('a container created from the form appears on the fleet page, turns running and follows docker', { timeout: 120_000 }, async (t) => {
  const name = `${RUN}-form`;
  await withPage(t.name, async (fleet) => {
    await signIn(fleet);
    await openFleetPage(fleet);

    // the form in a second tab of the same session, as an operator would keep the table open
    const form = await fleet.context().newPage();
    await form.goto(`/hosts/${hostId}/containers/new`);
    await form.getByLabel('Image', { exact: true }).fill(env.image);
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Command', { exact: true }).fill("sh -c 'trap \"exit 0\" TERM; while true; do sleep 1; done'");
    await form.getByLabel('Labels', { exact: true }).fill(LABEL);
    await form.getByLabel('Network', { exact: true }).fill('none'); // loopback only: no bridge for test containers
    assert.equal(await form.getByLabel('Start it now').isChecked(), true, '"Start it now" is ticked by default');
    await screenshot(form, 'create-form');
    await Promise.all([form.waitForURL(/\/containers\/[0-9a-f]{64}$/), form.getByRole('button', { name: 'Create container' }).click()]);
    const id = form.url().slice(-64);
    await form.getByText(`Created and started container ${name}.`).waitFor();
    step(`created and started ${name} (${id.slice(0, 12)}) from the form`);
    await form.close();

    step(`its row shows running on the fleet page after ${await waitForRowState(fleet, hostId, id, 'running')} ms`);
    const row = rowOf(fleet, id);
    assert.equal(await row.count(), 1, 'the new container has one row on the fleet page');
    await row.getByRole('button', { name: `Stop ${name}`, exact: true }).waitFor(); // its viewer's buttons came with it
    await assertNotReloaded(fleet);
    await screenshot(fleet, 'fleet-running');

    await docker('stop', '-t', '5', id);
    step(`docker stop ${name}; its row shows exited ${await waitForRowState(fleet, hostId, id, 'exited')} ms later`);
    assert.equal(await row.getByRole('button', { name: `Stop ${name}`, exact: true }).isVisible(), false, 'no Stop for an exited container');

    await row.getByRole('button', { name: `Start ${name}`, exact: true }).click();
    await row.locator('output', { hasText: 'started' }).waitFor({ timeout: CONVERGE_MS });
    step(`started from its row; running after ${await waitForRowState(fleet, hostId, id, 'running')} ms`);
    assert.equal(await docker('inspect', '-f', '{{.State.Status}}', id), 'running');

    await row.getByRole('button', { name: `Stop ${name}`, exact: true }).click();
    await row.locator('output', { hasText: 'stopped' }).waitFor({ timeout: CONVERGE_MS });
    await waitForRowState(fleet, hostId, id, 'exited');
    assert.equal(await docker('inspect', '-f', '{{.State.Status}}', id), 'exited');
    await assertNotReloaded(fleet);
    await screenshot(fleet, 'fleet-stopped-from-its-row');
  });
});

test('a viewer sees the fleet but no action buttons', { timeout: 120_000 }, async (t) => {
  const name = `${RUN}-viewed`;
  const id = await docker('run', '-d', '--pull', 'never', '--network', 'none', '--label', LABEL, '--name', name, env.image, 'sleep', '3600');
  await withPage(t.name, async (page) => {
    await signIn(page, VIEWER.username, VIEWER.password);
    await openFleetPage(page);
    await waitForRowState(page, hostId, id, 'running');

    const table = page.locator('#containers');
    assert.ok(await table.locator('tbody > tr').count() >= 1, 'the viewer sees rows');
    assert.equal(await table.getByRole('button').count(), 0, 'no button in the fleet table');
    assert.equal(await table.locator('form, a.act').count(), 0, 'no action form or link in the fleet table');
    assert.equal(await page.getByText('New container', { exact: true }).count(), 0, 'no New container');
    await screenshot(page, 'fleet-as-viewer');

    await page.goto(`/hosts/${hostId}/containers`);
    await page.waitForSelector(`#c-${hostId}-${id}`);
    assert.equal(await page.locator('#containers').getByRole('button').count(), 0, 'no button on the host page either');
    assert.equal(await page.getByRole('link', { name: 'New container' }).count(), 0, 'no New container on the host page');
  });
});
