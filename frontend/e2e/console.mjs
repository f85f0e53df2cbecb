// The console under test and the engine behind it, as the browser tests reach them. Everything comes
// from the environment BrowserIT sets: WHARF_URL, WHARF_ADMIN_PASSWORD, WHARF_DOCKER_CLI,
// WHARF_DOCKER_HOST and WHARF_TEST_IMAGE.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

function required(key) {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set (BrowserIT sets it; see src/test/java/dev/wharf/web/BrowserIT.java)`);
  return value;
}

export const env = {
  url: required('WHARF_URL'),
  adminPassword: required('WHARF_ADMIN_PASSWORD'),
  dockerCli: required('WHARF_DOCKER_CLI'),
  dockerHost: required('WHARF_DOCKER_HOST'),
  image: required('WHARF_TEST_IMAGE'),
};

/**
 * The mutual-TLS test engine, for registering a host through the form with PEM uploads: its tcp:// endpoint,
 * the unix socket the docker CLI reaches it by, and the client's PEM files. Asked for only by the tests that
 * use it (BrowserIT sets WHARF_DOCKER_TLS, WHARF_DOCKER_TLS_SOCKET and WHARF_TLS_CA, _CERT, _KEY).
 */
export function tlsEngine() {
  return {
    endpoint: required('WHARF_DOCKER_TLS'),
    socket: required('WHARF_DOCKER_TLS_SOCKET'),
    ca: required('WHARF_TLS_CA'),
    cert: required('WHARF_TLS_CERT'),
    key: required('WHARF_TLS_KEY'),
  };
}

/** One line per step, with the time, so a CI log reads as a story. */
export function step(message) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 23)}] ${message}`);
}

async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(new URL(path, env.url), {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** An API token for the admin, traded for the password once (the one endpoint that takes HTTP Basic). */
export async function createToken(name = 'e2e') {
  const basic = Buffer.from(`admin:${env.adminPassword}`).toString('base64');
  const created = await api('/api/v1/auth/tokens', { method: 'POST', body: { name }, headers: { Authorization: `Basic ${basic}` } });
  return created.token;
}

/** Registers the test engine as a docker host and returns the host's id. */
export async function registerHost(token, name) {
  const host = await api('/api/v1/hosts', {
    method: 'POST', body: { name, kind: 'docker', endpoint: env.dockerHost }, headers: { Authorization: `Bearer ${token}` },
  });
  step(`registered host ${name} (${host.id}) at ${env.dockerHost}`);
  return host.id;
}

/** Signs in through the real login form, as a person would: the admin unless told otherwise. */
export async function signIn(page, username = 'admin', password = env.adminPassword) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  // A refused sign-in comes back to /login?error; anything else has left the login page.
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login' || url.searchParams.has('error')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  if (new URL(page.url()).pathname === '/login') throw new Error(`The console refused ${username}'s sign-in (is the password right?)`);
  step(`signed in as ${username}, now at ${new URL(page.url()).pathname}`);
}

/** A new user holding a built-in role everywhere (a global binding), made by the admin through the API. */
export async function createUser(token, username, password, role) {
  const auth = { Authorization: `Bearer ${token}` };
  const user = await api('/api/v1/users', { method: 'POST', body: { username, password }, headers: auth });
  await api('/api/v1/bindings', {
    method: 'POST', headers: auth,
    body: { subject: { type: 'user', id: user.id }, role, scope: { type: 'global' } },
  });
  step(`made user ${username} with role ${role} everywhere`);
}

/** Runs the docker CLI against the test engine and returns its trimmed standard output. */
export async function docker(...args) {
  return dockerAt(env.dockerHost, ...args);
}

/** Runs the docker CLI against the engine at `host` (a unix socket) and returns its trimmed standard output. */
export async function dockerAt(host, ...args) {
  try {
    const { stdout } = await run(env.dockerCli, ['-H', host, ...args], { timeout: 60_000 });
    return stdout.trim();
  } catch (error) {
    throw new Error(`docker ${args.join(' ')} failed: ${(error.stderr || error.message).trim()}`);
  }
}

/** Removes a host through the API (the tests' own clean-up; the pages' Remove is tested as a page). */
export async function removeHost(token, hostId) {
  await api(`/api/v1/hosts/${hostId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
  step(`removed host ${hostId}`);
}
