// Virtual switches and volumes in the console: a switch made through the form takes a container and lets it
// go without a reload (htmx), agrees with `docker network inspect`, and is removed after asking; the
// volumes page shows who uses a volume. Run by BrowserIT (./mvnw verify); by hand see s5-e2e-howto.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot, withPage } from './browser.mjs';
import { createToken, docker, env, registerHost, removeHost, signIn, step } from './console.mjs';

const RUN = `e2e-sw-${process.pid}-${Date.now()}`;
const LABEL = `dev.wharf.e2e=${RUN}`;
// The container starts on an internal network of its own: one on network none cannot join another network.
const BASE = `${RUN}-base`;
const SWITCH = `${RUN}-lab`;
const VOLUME = `${RUN}-data`;
let hostId;
let token;
let containerId;

before(async () => {
  token = await createToken('e2e-switches');
  hostId = await registerHost(token, `e2e-switches-${process.pid}`);
  await docker('network', 'create', '--internal', '--label', LABEL, BASE);
  containerId = await docker('run', '-d', '--pull', 'never', '--network', BASE, '--label', LABEL, '--name', `${RUN}-web`,
    '-v', `${VOLUME}:/data`, env.image, 'sleep', '3600');
  step(`ran ${RUN}-web (${containerId.slice(0, 12)}) on internal network ${BASE}, with volume ${VOLUME}`);
});

after(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  for (const network of (await docker('network', 'ls', '-q', '--filter', `name=${RUN}`)).split('\n').filter(Boolean)) {
    await docker('network', 'rm', network);
  }
  for (const volume of (await docker('volume', 'ls', '-q', '--filter', `name=${RUN}`)).split('\n').filter(Boolean)) {
    await docker('volume', 'rm', '-f', volume);
  }
  step(`removed the test's containers, networks and volumes`);
  await removeHost(token, hostId);
});

/** Records every Content-Security-Policy violation from the first script on; the test fails on any. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.wharfViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.wharfViolations.push(
      `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`));
  });
}

async function assertNoViolations(page) {
  assert.deepEqual(await page.evaluate(() => window.wharfViolations), [], 'Content-Security-Policy violations');
}

async function markPage(page) {
  await page.evaluate(() => { window.__noReload = true; });
}

async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was reloaded');
}

async function attachedOnEngine() {
  return (await docker('network', 'inspect', '-f', '{{range .Containers}}{{.Name}} {{end}}', SWITCH)).trim();
}

test('a switch made through the form takes a container, lets it go and is removed', { timeout: 120_000 }, async (t) => {
  await withPage(t.name, async (page) => {
    await watchViolations(page);
    await signIn(page);
    await page.goto(`/hosts/${hostId}/switches/new`);
    assert.equal(await page.getByRole('checkbox', { name: /Internal/ }).isChecked(), true, 'internal is ticked by default');
    await page.getByLabel('Name').fill(SWITCH);
    await Promise.all([page.waitForURL(/\/switches\/[0-9a-f]{64}$/), page.getByRole('button', { name: 'Create switch' }).click()]);
    assert.equal(await docker('network', 'inspect', '-f', '{{.Internal}} {{.Driver}}', SWITCH), 'true bridge');
    step(`created ${SWITCH} through the form: internal bridge on the engine`);

    await markPage(page);
    await page.getByLabel('Connect a container').selectOption(containerId);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('button', { name: `Disconnect ${RUN}-web` }).waitFor();
    await page.getByText(`Connected ${RUN}-web.`).waitFor();
    assert.equal(await attachedOnEngine(), `${RUN}-web`, 'docker network inspect lists the container');
    await assertNotReloaded(page);
    step('connected without a reload; docker network inspect agrees');

    await page.goto(`/hosts/${hostId}/switches`);
    const row = page.locator('#switches tr', { has: page.getByRole('link', { name: SWITCH, exact: true }) });
    await row.getByRole('link', { name: `${RUN}-web` }).waitFor();
    await screenshot(page, 'switches');

    await page.getByRole('link', { name: SWITCH, exact: true }).click();
    await markPage(page);
    await page.getByRole('button', { name: `Disconnect ${RUN}-web` }).click();
    await page.getByText('No container is attached.').waitFor();
    assert.equal(await attachedOnEngine(), '', 'docker network inspect lists nobody');
    await assertNotReloaded(page);
    step('disconnected without a reload');

    await page.getByRole('link', { name: 'Remove…' }).click();
    await page.getByRole('heading', { name: `Remove switch ${SWITCH}?` }).waitFor();
    await Promise.all([page.waitForURL(/\/switches$/), page.getByRole('button', { name: 'Remove switch' }).click()]);
    await page.getByText(`Removed switch ${SWITCH}.`).waitFor();
    assert.equal(await docker('network', 'ls', '-q', '--filter', `name=^${SWITCH}$`), '', 'the network is gone');
    step('removed after asking');
    await assertNoViolations(page);
  });
});

test('the volumes page names the container that uses a volume', { timeout: 60_000 }, async (t) => {
  await withPage(t.name, async (page) => {
    await watchViolations(page);
    await signIn(page);
    await page.goto(`/hosts/${hostId}/volumes/new`);
    await page.getByLabel('Name').fill(`${RUN}-spare`);
    await page.getByLabel('Labels').fill(`${LABEL}\nrole=spare`);
    await Promise.all([page.waitForURL(/\/volumes$/), page.getByRole('button', { name: 'Create volume' }).click()]);
    await page.getByText(`Created volume ${RUN}-spare.`).waitFor();
    const row = page.locator(`#volumes tr`, { has: page.getByText(VOLUME, { exact: true }) });
    await row.getByRole('link', { name: `${RUN}-web` }).waitFor();
    await screenshot(page, 'volumes');
    await assertNoViolations(page);
  });
});

test('switches and volumes made and removed with the docker CLI come and go on open pages', { timeout: 90_000 }, async (t) => {
  const cliSwitch = `${RUN}-cli`;
  const cliVolume = `${RUN}-cli-data`;
  await withPage(t.name, async (page) => {
    await watchViolations(page);
    await signIn(page);

    await page.goto(`/hosts/${hostId}/switches`);
    await markPage(page);
    const switchLink = page.locator(`#switches-${hostId}`).getByRole('link', { name: cliSwitch, exact: true });
    await docker('network', 'create', '--internal', '--label', LABEL, cliSwitch);
    await switchLink.waitFor({ timeout: 10_000 });
    await docker('network', 'rm', cliSwitch);
    await switchLink.waitFor({ state: 'detached', timeout: 10_000 });
    await assertNotReloaded(page);
    step('a switch made and removed with the CLI came and went on the open switches page');

    await page.goto(`/hosts/${hostId}/volumes`);
    await markPage(page);
    const volumeName = page.locator(`#volumes-${hostId}`).getByText(cliVolume, { exact: true });
    await docker('volume', 'create', '--label', LABEL, cliVolume);
    await volumeName.waitFor({ timeout: 10_000 });
    await docker('volume', 'rm', cliVolume);
    await volumeName.waitFor({ state: 'detached', timeout: 10_000 });
    await assertNotReloaded(page);
    step('a volume made and removed with the CLI came and went on the open volumes page');
    await assertNoViolations(page);
  });
});
