// Strings an engine hands us are data, never markup: a container whose labels, env and log lines hold
// script tags, event-handler attributes, javascript: links and ANSI escapes, and (on the console that runs
// on the HCS stand-in) a compute system and a switch named like an attack, are shown on every page that
// lists them. On each page: no dialog opens, no Content-Security-Policy violation fires, no element the
// strings describe exists, and the text appears literally. Run by BrowserIT (./mvnw verify).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, withPage } from './browser.mjs';
import { createToken, docker, env, registerHost, removeHost, step } from './console.mjs';

const RUN = `e2e-hostile-${process.pid}-${Date.now()}`;
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const LINK = 'javascript:alert(1)';
const ESC = '\u001b';
const ANSI = `${ESC}[31mred alert${ESC}[0m`;
// Sorted by key as the tables sort them, so the first three (all a table row shows) are the hostile ones.
const LABELS = { 'a.script': SCRIPT, 'b.img': IMG, 'c.link': LINK, 'd.ansi': ANSI, 'zz.wharf.e2e': RUN };
const HCS = {
  url: process.env.WHARF_HCS_URL, password: process.env.WHARF_HCS_ADMIN_PASSWORD, name: process.env.WHARF_HOSTILE_NAME,
};
let hostId;
let token;
let containerId;

before(async () => {
  token = await createToken('e2e-hostile');
  hostId = await registerHost(token, RUN);
  const labels = Object.entries(LABELS).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
  // Writes each hostile string to its log, and red text in ANSI, once a second.
  const lines = `printf '%s\\n' '${SCRIPT}' '${IMG}' '${LINK}'; printf '\\033[31mred alert\\033[0m\\n'`;
  containerId = await docker('run', '-d', '--pull', 'never', '--network', 'none', ...labels, '--env', `HOSTILE=${SCRIPT}${IMG}`,
    '--env', `ANSI=${ANSI}`, '--name', `${RUN}-c`, env.image, 'sh', '-c', `while true; do ${lines}; sleep 1; done`);
  step(`ran ${RUN}-c (${containerId.slice(0, 12)}) with hostile labels, env and log lines`);
  await docker('volume', 'create', ...labels, `${RUN}-v`);
});

after(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=zz.wharf.e2e=${RUN}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  await docker('volume', 'rm', '-f', `${RUN}-v`);
  await removeHost(token, hostId);
});

/** Records dialogs and CSP violations from the first script of every document the page loads. */
async function watch(page) {
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    window.wharfViolations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.wharfViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  });
  return dialogs;
}

async function signInAt(page, base, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** Opens `path`, waits for `ready` (a selector), and checks the page holds `texts` literally and nothing ran. */
async function visit(page, dialogs, base, path, ready, texts) {
  await page.goto(`${base}${path}`);
  await page.waitForSelector(ready, { timeout: 15_000 });
  // give live swaps and late scripts their chance to misbehave
  await page.waitForTimeout(1_500);
  const seen = await page.evaluate(() => ({
    text: document.body.textContent,
    violations: window.wharfViolations,
    scripts: [...document.scripts].filter((s) => s.textContent.includes('alert')).length,
    images: document.querySelectorAll('img').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name))
      .filter((name) => name.startsWith('on')),
    scriptLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? el.getAttribute('formaction'))
      .filter((url) => url.trim().toLowerCase().startsWith('javascript:')),
  }));
  assert.deepEqual(dialogs, [], `${path}: a dialog opened`);
  assert.deepEqual(seen.violations, [], `${path}: Content-Security-Policy violations`);
  assert.equal(seen.scripts, 0, `${path}: a script element holding the hostile text`);
  assert.equal(seen.images, 0, `${path}: an img element (the console shows none of its own)`);
  assert.deepEqual(seen.handlers, [], `${path}: event-handler attributes`);
  assert.deepEqual(seen.scriptLinks, [], `${path}: javascript: URLs`);
  for (const text of texts) assert.ok(seen.text.includes(text), `${path}: "${text}" is not shown literally`);
  step(`${path}: ${texts.length} hostile strings shown as text, nothing ran`);
  return seen;
}

test('hostile labels, env and log lines are text on every page that shows the container', { timeout: 180_000 }, async (t) => {
  await withPage(t.name, async (page) => {
    const dialogs = await watch(page);
    await signInAt(page, env.url, env.adminPassword);
    const row = `#c-${hostId}-${containerId}`;
    const shown = [SCRIPT, IMG, LINK];

    await visit(page, dialogs, env.url, '/', `#hs-${hostId}`, []);
    await visit(page, dialogs, env.url, `/containers?q=${RUN}`, row, shown);
    await visit(page, dialogs, env.url, `/hosts/${hostId}`, row, shown);
    await visit(page, dialogs, env.url, `/hosts/${hostId}/containers`, row, shown);
    // the image it runs lists it as a user; the volume carries the same labels
    await visit(page, dialogs, env.url, `/hosts/${hostId}/images`, 'main h1', [`${RUN}-c`]);
    await visit(page, dialogs, env.url, '/images', 'main h1', []);
    await visit(page, dialogs, env.url, `/hosts/${hostId}/volumes`, 'main h1', [`${RUN}-v`, ...shown]);

    const detail = await visit(page, dialogs, env.url, `/hosts/${hostId}/containers/${containerId}`, 'main h1',
      [...shown, ANSI, `${SCRIPT}${IMG}`]);
    // the log shows what the container wrote, its colours as classes and never the escape itself
    await page.waitForFunction(() => [...document.querySelectorAll('.log .line')].some((l) => l.textContent.includes('red alert')),
      null, { timeout: 15_000 });
    const log = await page.evaluate(() => [...document.querySelectorAll('.log .line')].map((l) => l.textContent).join('\n'));
    for (const text of [SCRIPT, IMG, LINK, 'red alert']) assert.ok(log.includes(text), `the log does not show "${text}" literally`);
    assert.ok(!log.includes(ESC), 'the log shows a raw escape character');
    assert.ok(!log.includes('[31m'), 'the log shows the escape sequence as text');
    assert.ok(detail.text.includes(SCRIPT));
    await screenshot(page, 'hostile-container-page');
  });
});

test('a compute system and a switch named like an attack are text on the hcs console', { timeout: 120_000 }, async (t) => {
  assert.ok(HCS.url && HCS.password && HCS.name, 'BrowserIT sets WHARF_HCS_URL, WHARF_HCS_ADMIN_PASSWORD and WHARF_HOSTILE_NAME');
  await withPage(t.name, async (page) => {
    const dialogs = await watch(page);
    await signInAt(page, HCS.url, HCS.password);
    // the stand-in console registers its own machine as its one host
    await page.goto(`${HCS.url}/hosts`);
    const hcs = { id: await page.evaluate(() => [...document.querySelectorAll('a[href^="/hosts/"]')]
      .map((a) => a.getAttribute('href').split('/')[2]).find((id) => /^[0-9a-f-]{36}$/.test(id))) };
    assert.ok(hcs.id, 'the stand-in console lists no host');
    const row = `#c-${hcs.id}-hostile-system`;

    await visit(page, dialogs, HCS.url, '/', `#hs-${hcs.id}`, []);
    await visit(page, dialogs, HCS.url, '/containers', row, [HCS.name]);
    await visit(page, dialogs, HCS.url, `/hosts/${hcs.id}`, row, [HCS.name]);
    await visit(page, dialogs, HCS.url, `/hosts/${hcs.id}/containers/hostile-system`, 'main h1', [HCS.name, LINK]);
    await screenshot(page, 'hostile-hcs-system');
    await visit(page, dialogs, HCS.url, '/switches', 'main h1', [HCS.name]);
    await visit(page, dialogs, HCS.url, `/hosts/${hcs.id}/switches`, 'main h1', [HCS.name]);
    await page.goto(`${HCS.url}/hosts/${hcs.id}/switches`);
    const switchPage = await page.evaluate(() => [...document.querySelectorAll('a[href*="/switches/"]')].map((a) => a.getAttribute('href'))
      .find((href) => /\/switches\/[^/]+$/.test(href) && !href.endsWith('/new')));
    assert.ok(switchPage, 'the switches page links to the hostile switch');
    await visit(page, dialogs, HCS.url, switchPage, 'main h1', [HCS.name]);
  });
});
