// The containers page follows the engine live: rows change, appear and disappear without a reload.
// Run by BrowserIT (./mvnw verify); by hand: WHARF_URL=... WHARF_ADMIN_PASSWORD=... WHARF_DOCKER_CLI=...
// WHARF_DOCKER_HOST=... WHARF_TEST_IMAGE=... npm run e2e (in frontend/).
import { after, before, test } from 'node:test';
import { screenshot, withPage } from './browser.mjs';
import { createToken, docker, env, registerHost, signIn, step } from './console.mjs';
import {
  assertNotReloaded, CONVERGE_MS, expectPageEqualsEngine, openContainersPage, waitForRowState,
} from './containers-page.mjs';

// Every container these tests make carries this label, so cleanup finds exactly them.
const RUN = `e2e-${process.pid}-${Date.now()}`;
const LABEL = `dev.wharf.e2e=${RUN}`;
// Loopback only: the image is imported by BrowserIT, never pulled, and containers get no network.
const NO_PULL_NO_NETWORK = ['--pull', 'never', '--network', 'none'];
let hostId;

before(async () => {
  hostId = await registerHost(await createToken('e2e'), `e2e-${process.pid}`);
});

after(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  step(`removed the ${ids.length} test container(s) still there`);
});

test("a killed container's row turns exited without a reload", { timeout: 120_000 }, async (t) => {
  const name = `${RUN}-kill`;
  const id = await docker('run', '-d', ...NO_PULL_NO_NETWORK, '--label', LABEL, '--name', name, env.image, 'sleep', '3600');
  step(`ran ${name} (${id.slice(0, 12)})`);
  try {
    await withPage(t.name, async (page) => {
      await signIn(page);
      await openContainersPage(page, hostId);
      step(`its row shows running after ${await waitForRowState(page, hostId, id, 'running')} ms`);

      await docker('kill', id);
      step(`killed ${name}`);
      step(`its row shows exited ${await waitForRowState(page, hostId, id, 'exited', CONVERGE_MS)} ms after docker kill returned`);
      await assertNotReloaded(page);
      await screenshot(page, 'host-containers-after-kill');
    });
  } finally {
    await docker('rm', '-f', id);
  }
});

const SOAK_SECONDS = Number(process.env.WHARF_E2E_SOAK_SECONDS || 60);

test('a page left open for a minute stays equal to docker ps -a', { timeout: SOAK_SECONDS * 1000 + 120_000 }, async (t) => {
  const seed = Number(process.env.WHARF_E2E_SEED || Date.now() % 1_000_000);
  step(`soak for ${SOAK_SECONDS} s with seed ${seed} (WHARF_E2E_SEED=${seed} repeats the same changes)`);
  const random = mulberry32(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];

  await withPage(t.name, async (page) => {
    await signIn(page);
    await openContainersPage(page, hostId);
    await expectPageEqualsEngine(page, hostId, 'at the start');

    const end = Date.now() + SOAK_SECONDS * 1000;
    for (let n = 1; Date.now() < end; n++) {
      await change(n, pick);
      if (n % 5 === 0) await expectPageEqualsEngine(page, hostId, `checkpoint after change ${n}`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    await expectPageEqualsEngine(page, hostId, 'at the end');
    await assertNotReloaded(page);
    await screenshot(page, 'host-containers-after-soak');
  });
});

/** One random change: a kind of change that fits this test's containers as they are now, then a target. */
async function change(n, pick) {
  const mine = new Map((await docker('ps', '-a', '--no-trunc', '--filter', `label=${LABEL}`, '--format', '{{.ID}} {{.State}}'))
    .split('\n').filter(Boolean).map((line) => line.split(' ')));
  const inState = (...states) => [...mine].filter(([, state]) => states.includes(state)).map(([id]) => id);
  const room = mine.size < 6 ? ['new'] : []; // a handful of containers is enough to mix every kind of change
  const container = [...NO_PULL_NO_NETWORK, '--label', LABEL, '--name', `${RUN}-${n}`, env.image, 'sleep', '3600'];
  const kinds = [
    ['create', room, () => docker('create', ...container)],
    ['run -d', room, () => docker('run', '-d', ...container)],
    ['start', inState('created', 'exited'), (id) => docker('start', id)],
    ['stop -t 0', inState('running'), (id) => docker('stop', '-t', '0', id)],
    ['kill', inState('running'), (id) => docker('kill', id)],
    ['rm -f', [...mine.keys()], (id) => docker('rm', '-f', id)],
  ].filter(([, targets]) => targets.length > 0);
  const [what, targets, act] = pick(kinds);
  const target = pick(targets);
  const output = await act(target);
  step(`change ${n}: ${what} ${(target === 'new' ? output : target).slice(0, 12)}`);
}

/** A small seeded PRNG, so a failing sequence of changes can be repeated. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
