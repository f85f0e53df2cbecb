// Debian's chromium, driven by playwright-core. playwright-core never downloads a browser; we point it
// at the machine's own, with a throwaway profile so no state leaks between runs.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { env, step } from './console.mjs';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

// Headless, and quiet on the network: the tests may only talk to loopback, so no sync, updates or QUIC.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Opens a browser page, runs `body(page)` and always closes the browser and removes its profile.
 * If `body` throws, a screenshot and the page's HTML are saved under e2e/results/ first.
 */
export async function withPage(testName, body) {
  // Playwright refuses --user-data-dir in args; a persistent context with our own temp dir is the way.
  const profile = await mkdtemp(join(tmpdir(), 'wharf-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, baseURL: env.url,
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    // The browser's own complaints are often the quickest explanation of a failure.
    page.on('pageerror', (error) => step(`browser: page error: ${error.message}`));
    page.on('console', (message) => {
      // the console has no favicon; the browser's request for one is not news
      if (message.location().url.endsWith('/favicon.ico')) return;
      if (message.type() === 'error' || message.type() === 'warning') {
        step(`browser: console ${message.type()}: ${message.text()} (${message.location().url})`);
      }
    });
    try {
      await body(page);
    } catch (error) {
      await saveFailure(page, testName);
      throw error;
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Saves what the page shows now as e2e/screenshots/<name>.png (git-ignored): the record of what a test saw. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  step(`screenshot: ${path}`);
}

async function saveFailure(page, testName) {
  const base = join(RESULTS, `${testName.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${Date.now()}`);
  try {
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: `${base}.png`, fullPage: true });
    await writeFile(`${base}.html`, await page.content());
    step(`failure: saved ${base}.png and .html (page was ${page.url()})`);
  } catch (error) {
    // The test's own error is the one to report; this one only says why there is no screenshot.
    step(`failure: could not save the page: ${error.message}`);
  }
}
