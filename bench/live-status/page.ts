/**
 * The portal's Service page as an observer of bench/live-status: Chromium (Debian's, driven by
 * playwright-core) signed in through the form, on the Live tab. A MutationObserver in the page
 * reads what the page *shows* — the pod tiles and workload bars — and reports each new picture
 * with the browser's own clock at the moment it was drawn. Both clocks count from the Unix
 * epoch (performance.timeOrigin), so the time maps onto this process's performance.now().
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../packages/web/test/harness.ts';
import { Arrivals, type Observer, type Status } from './measure.ts';

/** What the page draws, in the shape the changes' `inStatus` checks read. */
type Shown = Pick<Status, 'pods' | 'workloads'>;

// A string, not a function: the bench's transpiler would add helpers the page lacks.
const watchThePage = `(() => {
  let last = '';
  const read = () => {
    const pods = [...document.querySelectorAll('[data-pod]')].map((el) => ({
      name: el.getAttribute('data-pod'),
      ready: el.getAttribute('data-ready') === 'true',
      reason: el.getAttribute('data-reason') || null,
    }));
    const workloads = [...document.querySelectorAll('[data-workload]')].map((el) => ({
      name: el.getAttribute('data-workload'),
      desired: Number(el.getAttribute('data-desired')),
      ready: Number(el.getAttribute('data-ready')),
    }));
    const shown = JSON.stringify({ pods, workloads });
    if (shown === last) return;
    last = shown;
    window.slipwayShown(performance.timeOrigin + performance.now(), shown);
  };
  new MutationObserver(read).observe(document.body, { subtree: true, childList: true, attributes: true });
  read();
})()`;

export interface PageObservers {
  observers: Array<Observer<Status>>;
  close(): Promise<void>;
}

/** Opens `count` signed-in Service pages, each following the live panel of one environment. */
export async function followPages(options: {
  baseUrl: string;
  path: string;
  username: string;
  password: string;
  count: number;
}): Promise<PageObservers> {
  const browser: Browser = await launchBrowser();
  const observers: Array<Observer<Status>> = [];
  // Closing a page's context is awaited before the browser closes: a context still closing
  // when the browser goes rejects (TargetClosedError), and unawaited that ended the run.
  const closing: Array<Promise<void>> = [];
  for (let i = 0; i < options.count; i++) {
    const context = await browser.newContext({ baseURL: options.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Username').fill(options.username);
    await page.getByLabel('Password').fill(options.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();
    const arrivals = new Arrivals<Status>();
    await page.exposeFunction('slipwayShown', (browserEpochMs: number, shown: string) => {
      const at = browserEpochMs - performance.timeOrigin;
      arrivals.push(JSON.parse(shown) as Shown as Status, at);
    });
    await page.goto(options.path);
    await page.locator('[data-pod][data-ready="true"]').first().waitFor({ timeout: 60_000 });
    await page.evaluate(watchThePage);
    arrivals.onClose(() => {
      closing.push(context.close());
    });
    observers.push(arrivals);
  }
  return {
    observers,
    close: async () => {
      await Promise.allSettled(closing);
      await browser.close();
    },
  };
}
