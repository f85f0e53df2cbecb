// The dashboard and the host pages in a browser, against the running console and the real test engines:
// registering a host through the form (testing its connection first, PEM files uploaded), seeing it on the
// dashboard, and the dashboard following the engine without a reload. Each test saves screenshots under
// e2e/screenshots/ (git-ignored). Run by BrowserIT; by hand, see live-containers.test.mjs for the variables.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot, withPage } from './browser.mjs';
import {
  createToken, docker, dockerAt, env, registerHost, removeHost, signIn, step, tlsEngine,
} from './console.mjs';
import { assertNotReloaded, CONVERGE_MS } from './containers-page.mjs';

const RUN = `e2e-dash-${process.pid}`;
const LABEL = `dev.wharf.e2e=${RUN}`;
let token;
const hosts = [];

before(async () => {
  token = await createToken('e2e-dashboard');
});

after(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  for (const hostId of hosts) {
    await removeHost(token, hostId).catch((error) => step(`clean-up: ${error.message}`));
  }
});

/** Opens the dashboard (signed in already) and waits until its live stream is connected. */
async function openDashboard(page) {
  const response = await page.goto('/');
  assert.equal(response?.status(), 200, `GET / answered ${response?.status()}`);
  await page.waitForSelector('body[data-live="open"]', { state: 'attached', timeout: CONVERGE_MS });
  await page.evaluate(() => { window.__noReload = true; });
  step('dashboard open, live stream connected');
}

/** A number the card shows in a data attribute of one of its counts, or null while it shows none. */
async function cardNumber(page, hostId, selector, key) {
  return page.evaluate(([id, sel, k]) => {
    const value = document.getElementById(`card-${id}`)?.querySelector(sel)?.dataset[k];
    return value === undefined ? null : Number(value);
  }, [hostId, selector, key]);
}

async function waitFor(what, check, timeout = CONVERGE_MS) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeout) {
    last = await check();
    if (last === true) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not so within ${timeout} ms (last: ${JSON.stringify(last)})`);
}

test('a host registered through the form, its connection tested first, shows on the dashboard', { timeout: 120_000 }, async (t) => {
  const tls = tlsEngine();
  const engineVersion = await dockerAt(tls.socket, 'version', '--format', '{{.Server.Version}}');
  const name = `${RUN}-tls`;
  await withPage(t.name, async (page) => {
    await signIn(page);
    await page.goto('/hosts');
    await page.getByRole('link', { name: 'Register a host' }).click();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Group').fill('e2e');

    // a wrong endpoint first: the exact error shows next to the button, and nothing is saved
    await page.getByLabel('Endpoint', { exact: true }).fill('unix:///tmp/wharf-e2e-nothing-here.sock');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.locator('#test-result').getByText('Could not connect').waitFor({ timeout: CONVERGE_MS });
    const error = await page.locator('#test-result .test-error').textContent();
    assert.match(error, /wharf-e2e-nothing-here\.sock/, 'the error names what failed');
    step(`test connection to a missing socket: ${error.trim()}`);

    // the TLS engine with the client's PEM files uploaded
    await page.getByLabel('Endpoint', { exact: true }).fill(tls.endpoint);
    await page.locator('input[name="tlsCaFile"]').setInputFiles(tls.ca);
    await page.locator('input[name="tlsCertFile"]').setInputFiles(tls.cert);
    await page.locator('input[name="tlsKeyFile"]').setInputFiles(tls.key);
    const button = page.getByRole('button', { name: 'Test connection' });
    await button.click();
    await page.locator('#test-result').getByText('Connected').waitFor({ timeout: CONVERGE_MS });
    assert.equal(await button.isEnabled(), true, 'the button is enabled again once the test is over');
    const shown = await page.locator('#test-result').textContent();
    assert.ok(shown.includes(engineVersion), `the test shows the engine's version ${engineVersion}: ${shown.trim()}`);
    step(`test connection: ${shown.replace(/\s+/g, ' ').trim()}`);
    await screenshot(page, 'host-form-tested');

    await Promise.all([page.waitForURL(/\/hosts\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Register host' }).click()]);
    const hostId = new URL(page.url()).pathname.split('/').pop();
    hosts.push(hostId);
    await page.getByText(`Registered host ${name}.`).waitFor();
    step(`registered ${name} (${hostId}) through the form`);

    await openDashboard(page);
    const card = page.locator(`#card-${hostId}`);
    await card.waitFor({ timeout: CONVERGE_MS });
    // the engine's facts arrive once its watcher has listed it; the page fetches the card again then
    await waitFor('the card shows the engine version', async () => (await card.textContent()).includes(engineVersion));
    await waitFor('the card shows the host up', async () => (await card.locator('.host-status').getAttribute('data-status')) === 'up');
    assert.ok((await card.textContent()).includes('group e2e'));
    await screenshot(page, 'dashboard');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'dashboard-tablet');
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto('/hosts');
    await page.getByRole('link', { name }).waitFor();
    await screenshot(page, 'hosts');
    await page.getByRole('link', { name }).click();
    await page.locator(`#hf-${hostId}`).getByText(engineVersion).waitFor({ timeout: CONVERGE_MS });
    await screenshot(page, 'host-page');
  });
});

test("a container started with the docker CLI changes the card's running count without a reload", { timeout: 120_000 }, async (t) => {
  const running = async () => (await docker('ps', '-q', '--filter', 'status=running')).split('\n').filter(Boolean).length;
  const engineVersion = await docker('version', '--format', '{{.Server.Version}}');
  await withPage(t.name, async (page) => {
    await signIn(page);
    await openDashboard(page);
    // a host registered while the page is open gets its card at once, and its facts once it is listed
    const hostId = await registerHost(token, `${RUN}-unix`);
    hosts.push(hostId);
    const card = page.locator(`#card-${hostId}`);
    await card.waitFor({ timeout: CONVERGE_MS });
    await waitFor('the new card shows the engine version', async () => (await card.textContent()).includes(engineVersion));
    step('the new host\'s card appeared and filled in without a reload');
    await waitFor('the card counts what docker counts', async () =>
      (await cardNumber(page, hostId, '.count-containers', 'running')) === await running());
    const before = await cardNumber(page, hostId, '.count-containers', 'running');
    step(`the card shows ${before} running`);

    const name = `${RUN}-sleeper`;
    const id = await docker('run', '-d', '--pull', 'never', '--network', 'none', '--label', LABEL, '--name', name,
      env.image, 'sleep', '3600');
    step(`ran ${name} (${id.slice(0, 12)})`);
    const took = await waitFor('the card counts the new container', async () => {
      const shown = await cardNumber(page, hostId, '.count-containers', 'running');
      return shown > before && shown === await running() ? true : shown;
    });
    step(`the card shows ${await cardNumber(page, hostId, '.count-containers', 'running')} running, ${took} ms after docker run returned`);
    await page.locator('#latest-events li', { hasText: name }).first().waitFor({ timeout: CONVERGE_MS });
    // the fleet totals are the cards' sum, kept by the page itself
    await waitFor('the totals add up the cards', async () => page.evaluate(() => {
      const cards = [...document.querySelectorAll('#host-cards .count-containers')];
      const sum = cards.reduce((total, span) => total + Number(span.dataset.running ?? 0), 0);
      return Number(document.querySelector('[data-total="running"]').textContent) === sum;
    }));
    await assertNotReloaded(page);
    await screenshot(page, 'dashboard-live');

    await removeHost(token, hostId);
    hosts.splice(hosts.indexOf(hostId), 1);
    await card.waitFor({ state: 'detached', timeout: CONVERGE_MS });
    step('the removed host\'s card left without a reload');
    await assertNotReloaded(page);
  });
});
