// The page /hosts/{hostId}/containers, read the way its DOM contract describes it:
//   <tbody id="containers-{hostId}">, one <tr id="c-{hostId}-{fullId}" data-container-id="{fullId}"
//   data-state="{state}"> per container with <td class="state"> and <td class="name">;
//   <body data-live="open"> while the page's event stream is connected.
import assert from 'node:assert/strict';
import { docker, step } from './console.mjs';

/** How long the page may take to show what the engine did. */
export const CONVERGE_MS = 10_000;

/** Opens the page (signed in already) and waits until its live stream is connected. */
export async function openContainersPage(page, hostId) {
  const response = await page.goto(`/hosts/${hostId}/containers`);
  assert.equal(response?.status(), 200, `GET /hosts/${hostId}/containers answered ${response?.status()}`);
  await page.waitForSelector('body[data-live="open"]', { state: 'attached', timeout: CONVERGE_MS });
  step(`containers page open, live stream connected`);
  // A reload would clear this; checking it later proves the rows changed in place.
  await page.evaluate(() => { window.__noReload = true; });
}

export async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was reloaded (window.__noReload is gone)');
}

/** Waits until the container's row shows `state` in its state cell; returns how long that took. */
export async function waitForRowState(page, hostId, containerId, state, timeout = CONVERGE_MS) {
  const started = Date.now();
  try {
    await page.waitForFunction(([rowId, want]) => {
      const cell = document.getElementById(rowId)?.querySelector('td.state');
      return cell?.textContent.trim() === want;
    }, [`c-${hostId}-${containerId}`, state], { timeout, polling: 100 });
  } catch (error) {
    const shown = await page.evaluate((rowId) => {
      const row = document.getElementById(rowId);
      return row ? `state cell "${row.querySelector('td.state')?.textContent.trim()}"` : 'no row';
    }, `c-${hostId}-${containerId}`);
    throw new Error(`row c-${hostId}-${containerId} did not show "${state}" within ${timeout} ms (it shows ${shown})`);
  }
  return Date.now() - started;
}

/**
 * Every row of the host's table as fullId -> state. A row whose data-state disagrees with its state
 * cell is shown as "cell/data-state=attr" so that it can never equal what docker says.
 */
export async function pageContainers(page, hostId) {
  const rows = await page.evaluate((tbodyId) => [...document.querySelectorAll(`#${CSS.escape(tbodyId)} > tr`)].map((row) => ({
    id: row.dataset.containerId, cell: row.querySelector('td.state')?.textContent.trim(), attr: row.dataset.state,
  })), `containers-${hostId}`);
  return new Map(rows.map(({ id, cell, attr }) => [id, cell === attr ? cell : `${cell}/data-state=${attr}`]));
}

/** Every container on the engine (not only this test's: the engine is shared) as fullId -> state. */
export async function engineContainers() {
  const lines = (await docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.State}}')).split('\n').filter(Boolean);
  return new Map(lines.map((line) => line.split(' ')));
}

function differences(shown, actual) {
  const lines = [];
  for (const [id, state] of actual) {
    if (!shown.has(id)) lines.push(`  missing on the page: ${id} (${state})`);
    else if (shown.get(id) !== state) lines.push(`  ${id}: page says ${shown.get(id)}, docker says ${state}`);
  }
  for (const [id, state] of shown) if (!actual.has(id)) lines.push(`  on the page but not in docker: ${id} (${state})`);
  return lines;
}

/** Polls until the page's rows equal `docker ps -a`, or fails after CONVERGE_MS with the last difference. */
export async function expectPageEqualsEngine(page, hostId, label) {
  const started = Date.now();
  let diff;
  do {
    const [shown, actual] = await Promise.all([pageContainers(page, hostId), engineContainers()]);
    diff = differences(shown, actual);
    if (diff.length === 0) {
      step(`${label}: page equals docker ps -a (${actual.size} containers) after ${Date.now() - started} ms`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() - started < CONVERGE_MS);
  throw new Error(`${label}: after ${CONVERGE_MS} ms the page still differs from docker ps -a:\n${diff.join('\n')}`);
}
