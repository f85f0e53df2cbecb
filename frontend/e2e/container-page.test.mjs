// A container's page: its stats charts fill from the live stream, its log follows new lines, search hides the
// others, pause holds them, the download holds what the container wrote, and nothing breaks the page's
// Content-Security-Policy. Run by BrowserIT (./mvnw verify); by hand: see live-containers.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot, withPage } from './browser.mjs';
import { createToken, docker, env, registerHost, removeHost, signIn, step } from './console.mjs';

const RUN = `e2e-cpage-${process.pid}-${Date.now()}`;
const LABEL = `dev.wharf.e2e=${RUN}`;
const WAIT_MS = 30_000;
let token;
let hostId;

before(async () => {
  token = await createToken('e2e-cpage');
  hostId = await registerHost(token, `e2e-cpage-${process.pid}`);
});

after(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  step(`removed the ${ids.length} test container(s) still there`);
  if (hostId) await removeHost(token, hostId);
});

/** The fewest points any of the three charts holds. */
const points = (page) => page.evaluate(() => Math.min(...[...document.querySelectorAll('#stats-charts figure.chart')]
  .map((figure) => Number(figure.dataset.points))));

const visibleLines = (page) => page.evaluate(() => [...document.querySelectorAll('#log .line')]
  .filter((line) => line.offsetParent !== null).map((line) => line.querySelector('.text').textContent));

test('the container page charts its stats and follows, searches, pauses and downloads its log', { timeout: 180_000 }, async (t) => {
  const name = `${RUN}-ticker`;
  const id = await docker('run', '-d', '--pull', 'never', '--network', 'none', '--label', LABEL, '--name', name, env.image,
    'sh', '-c', 'i=0; while true; do i=$((i+1)); printf "\\033[32mtick %s\\033[0m <b>not bold</b>\\n" $i; sleep 1; done');
  step(`ran ${name} (${id.slice(0, 12)})`);
  await withPage(t.name, async (page) => {
    // every CSP violation the page reports, from its first script on
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    await signIn(page);
    const path = `/hosts/${hostId}/containers/${id}`;
    const response = await page.goto(path);
    assert.equal(response?.status(), 200);

    await page.waitForFunction(() => Math.min(...[...document.querySelectorAll('#stats-charts figure.chart')]
      .map((figure) => Number(figure.dataset.points))) >= 3, null, { timeout: WAIT_MS, polling: 200 });
    step(`the charts hold ${await points(page)} points`);
    assert.ok(await page.locator('#stats-charts canvas').count() >= 3, 'each chart draws on a canvas');

    // a line written after the page opened, through the container's own stdout
    const marker = `marker-${process.pid}-${Date.now()}`;
    await docker('exec', id, 'sh', '-c', `echo ${marker} > /proc/1/fd/1`);
    await page.waitForFunction((text) => [...document.querySelectorAll('#log .line .text')].some((l) => l.textContent === text),
      marker, { timeout: WAIT_MS, polling: 200 });
    step('the marker line arrived in the log');
    const green = await page.locator('#log .line .ansi-fg-green').first().textContent();
    assert.match(green, /^tick \d+$/, 'SGR green became a class');
    assert.equal(await page.locator('#log b').count(), 0, 'markup in a line stays text');
    assert.equal(await page.evaluate(() => document.getElementById('log').textContent.includes('\u001b')), false, 'no raw ESC');
    assert.equal(await page.locator('#log-follow').isChecked(), true, 'follow is on by default');

    await page.fill('#log-search', marker);
    assert.deepEqual(await visibleLines(page), [marker], 'search shows the matching line only');
    assert.match(await page.locator('#log-count').textContent(), /^1 of \d+ lines match$/);
    await page.fill('#log-search', '');
    assert.ok((await visibleLines(page)).length > 1, 'an empty search shows every line again');

    await page.click('#log-pause');
    const shownWhenPaused = (await visibleLines(page)).length;
    await page.waitForFunction(() => /^\d+ new lines?$/.test(document.getElementById('log-held').textContent), null,
      { timeout: WAIT_MS, polling: 200 });
    await page.waitForFunction(() => Number.parseInt(document.getElementById('log-held').textContent, 10) >= 2, null,
      { timeout: WAIT_MS, polling: 200 });
    const held = Number.parseInt(await page.locator('#log-held').textContent(), 10);
    assert.equal((await visibleLines(page)).length, shownWhenPaused, 'no line is added while paused');
    step(`paused: ${held} lines held`);
    await page.click('#log-pause');
    assert.ok((await visibleLines(page)).length >= shownWhenPaused + held, 'resume adds the held lines');
    assert.equal(await page.locator('#log-held').textContent(), '');

    const download = await page.request.get(`${path}/logs/download`);
    assert.equal(download.status(), 200);
    assert.match(download.headers()['content-disposition'], new RegExp(`attachment; filename="${name}\\.log"`));
    const file = await download.text();
    assert.ok(file.includes(` ${marker}\n`), 'the download holds the marker line');
    assert.ok(!file.includes('\u001b'), 'the download holds no escape sequence');

    await page.waitForFunction(() => Math.min(...[...document.querySelectorAll('#stats-charts figure.chart')]
      .map((figure) => Number(figure.dataset.points))) >= 10, null, { timeout: WAIT_MS, polling: 250 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'container-page');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no securitypolicyviolation fired');
  });
  await docker('rm', '-f', id);
});
