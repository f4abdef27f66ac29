import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

import { collectPageErrors, signIn } from './auth';
import { launchBrowser, type RunningBrowser } from './browser';
import { startServer, type RunningServer } from './server';

type ServerOptions = Parameters<typeof startServer>[0];

export interface BrowserWorld {
  /** The real server, started for this file (read it inside a hook or a test). */
  readonly server: RunningServer;
  /** One Chromium with its page, for this file. */
  readonly browser: RunningBrowser;
  /** An address on the server: `url('/plans')`. */
  url(route: string): string;
  /**
   * A test's fresh start: no cookies, the page's errors collected from here on, and signed in
   * as `email` through the sign-in page.
   */
  signInAs(email: string): Promise<{ page: Page; pageErrors: string[] }>;
}

/**
 * The set-up every browser test shares: a server and a browser started before the file's
 * tests and stopped after them. Call it in the describe, before the file's own hooks (they
 * run after it starts both, and their afterAll runs before it stops them). `serverOptions`
 * may be a function, read when the server starts, where they depend on an earlier hook.
 */
export function browserWorld(serverOptions?: ServerOptions | (() => ServerOptions)): BrowserWorld {
  let server: RunningServer | undefined;
  let browser: RunningBrowser | undefined;
  beforeAll(async () => {
    server = await startServer(
      typeof serverOptions === 'function' ? serverOptions() : serverOptions,
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`The ${what} has not started: read it in a hook or a test.`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    url: (route) => `${started(server, 'server').baseUrl}${route}`,
    signInAs: async (email) => {
      const { page, context } = started(browser, 'browser');
      await context.clearCookies();
      const pageErrors = collectPageErrors(page);
      await signIn(page, started(server, 'server').baseUrl, email);
      return { page, pageErrors };
    },
  };
}
