/**
 * Browser test harness: a real Slipway server (in this process, PGlite, the live local
 * cluster) serving the built portal, and Debian's Chromium driven by playwright-core.
 * Playwright's own browser download is not used: the machine has no internet, and the
 * system Chromium is what CI installs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ServerOptions, startLiveServer, type TestServer } from '../../cli/test/harness.ts';

const webDir = fileURLToPath(new URL('..', import.meta.url));
/** The build the server serves: packages/web/dist, or SLIPWAY_PORTAL_DIR (a build of one's own). */
const portalDir = process.env.SLIPWAY_PORTAL_DIR ?? join(webDir, 'dist');
/** Where tests write screenshots of the main pages (reports/ is not committed). */
export const screenshotDir = fileURLToPath(new URL('../../../reports/screenshots', import.meta.url));

const chromiumPath = process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium';

/** Builds the portal once if this checkout has no build yet (scripts/test.sh builds it first). */
export function ensurePortalBuilt(): void {
  if (existsSync(join(portalDir, 'index.html'))) return;
  const result = spawnSync('npx', ['vite', 'build', '--outDir', portalDir], { cwd: webDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the portal did not build (npx vite build in packages/web)');
}

/**
 * Chromium, headless, with the flags this machine needs: no sandbox (tests run as root), and
 * none of the background connections to Google that a closed network refuses.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: apt-get install chromium (CI's .ci/run does), or set SLIPWAY_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface Portal {
  server: TestServer;
  browser: Browser;
  /** A new browser context (its own cookies) with a page, not signed in. */
  newPage(options?: { colorScheme?: 'light' | 'dark'; width?: number }): Promise<Page>;
  /** A page signed in through the form, as `username` (default: the first admin). */
  signedIn(username?: string, password?: string): Promise<Page>;
  /** Makes a user with a password through the API (a global admin unless admin is false). */
  createUser(username: string, options?: { admin?: boolean }): Promise<{ username: string; password: string }>;
  stop(): Promise<void>;
}

/** Starts the server and the browser; call stop() in `after`. */
export async function startPortal(options: Omit<ServerOptions, 'kubeconfig'> = {}): Promise<Portal> {
  ensurePortalBuilt();
  const server = await startLiveServer({ portalDir, ...options });
  const browser = await launchBrowser().catch(async (error) => {
    await server.stop();
    throw error;
  });
  const newPage: Portal['newPage'] = async ({ colorScheme = 'light', width = 1280 } = {}) => {
    const context = await browser.newContext({ baseURL: server.url, colorScheme, viewport: { width, height: 900 } });
    context.setDefaultTimeout(20_000);
    return context.newPage();
  };
  return {
    server,
    browser,
    newPage,
    signedIn: async (username = 'admin', password = server.adminPassword) => {
      const page = await newPage();
      await page.goto('/');
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('current-user').waitFor();
      return page;
    },
    createUser: async (username, { admin = true } = {}) => {
      const password = `pw-${username}-${Math.random().toString(36).slice(2)}-long`;
      const response = await fetch(`${server.url}/api/v1/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!response.ok) throw new Error(`creating user ${username}: ${response.status} ${await response.text()}`);
      if (admin) await server.tokenFor(username, { admin: true });
      return { username, password };
    },
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** Writes a full-page screenshot of the page to reports/screenshots/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The accessibility findings (axe-core, WCAG 2.x A and AA) that are serious or critical, in a
 * form an assertion message can show: rule, impact, help and the first offending elements.
 */
export async function seriousAccessibilityFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}
