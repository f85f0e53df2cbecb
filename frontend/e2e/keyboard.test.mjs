// The console without a mouse: sign in, skip to the content, reach a container's Stop button with Tab
// and press it, seeing where the focus is at every step. Run by BrowserIT (./mvnw verify).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, withPage } from './browser.mjs';
import { createToken, docker, env, registerHost, removeHost, step } from './console.mjs';
import { waitForRowState } from './containers-page.mjs';

const RUN = `e2e-kbd-${process.pid}-${Date.now()}`;
const LABEL = `dev.wharf.e2e=${RUN}`;
const MAX_TABS = 120;
let hostId;
let token;

before(async () => {
  token = await createToken('e2e-keyboard');
  hostId = await registerHost(token, RUN);
});

after(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  await removeHost(token, hostId);
});

/**
 * What has the focus: its tag, accessible text, and whether our stylesheet draws its ring around it (a solid
 * outline in the accent colour; the browser's own default ring would not count).
 */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.style.color = 'var(--accent)';
    document.body.append(probe);
    const accent = getComputedStyle(probe).color;
    probe.remove();
    const ring = style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor === accent;
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(), text: (el.textContent || el.value || '').trim(), id: el.id, name: el.name,
      action: el.form?.getAttribute('action') ?? null, ring, onScreen: box.width > 0 && box.height > 0 && box.top >= 0,
    };
  });
}

/** Presses Tab until `wanted(focus)` holds; every element on the way must show where the focus is. */
async function tabTo(page, wanted, what) {
  for (let presses = 1; presses <= MAX_TABS; presses++) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    // past the last control the focus leaves the document for the browser's own UI, and comes back
    if (focus.tag === 'body') continue;
    assert.ok(focus.ring, `the focused ${focus.tag} "${focus.text}" shows no focus ring of ours`);
    if (wanted(focus)) {
      step(`reached ${what} after ${presses} Tab presses`);
      return focus;
    }
  }
  throw new Error(`${what} not reached within ${MAX_TABS} Tab presses`);
}

test('an operator signs in, skips to the content and stops a container with the keyboard alone', { timeout: 120_000 }, async (t) => {
  const id = await docker('run', '-d', '--pull', 'never', '--network', 'none', '--label', LABEL, '--name', `${RUN}-web`,
    env.image, 'sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done");
  await withPage(t.name, async (page) => {
    await page.goto('/login');
    if ((await focused(page)).name !== 'username') await tabTo(page, (f) => f.name === 'username', 'the username field');
    await page.keyboard.type('admin');
    await tabTo(page, (f) => f.name === 'password', 'the password field');
    await page.keyboard.type(env.adminPassword);
    await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.keyboard.press('Enter')]);

    await page.goto(`/hosts/${hostId}`);
    const skip = await tabTo(page, () => true, 'the first stop');
    assert.equal(skip.text, 'Skip to content', 'the first Tab lands on the skip link');
    assert.ok(skip.onScreen, 'the skip link shows itself when focused');
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#content');

    await waitForRowState(page, hostId, id, 'running');
    const stop = await tabTo(page, (f) => f.tag === 'button' && f.action?.endsWith(`/containers/${id}/stop`), "the container's Stop button");
    assert.equal(stop.text, 'Stop');
    await page.keyboard.press('Enter');
    step(`the row shows exited ${await waitForRowState(page, hostId, id, 'exited')} ms after Enter`);
    assert.equal(await docker('inspect', '-f', '{{.State.Status}}', id), 'exited');
    await screenshot(page, 'keyboard-host-page');
  });
});
