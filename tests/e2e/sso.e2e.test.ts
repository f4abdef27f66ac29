import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestProvider, startTestProvider } from '@tracker/server/src/testing/oidc-provider';
import { isExpectedConsoleError, signIn, signOut } from './support/auth';
import { look } from './support/browser';
import { freePort } from './support/server';
import { browserWorld } from './support/world';

/**
 * Single sign-on in a browser: the button, the provider's own login and consent pages
 * (oidc-provider's), and back into the service signed in. One server for the file, started
 * after the provider listens (the server discovers it lazily, at the first sign-in, anyway).
 */
describe('signing in with the organisation’s account', () => {
  let provider: TestProvider;
  let port: number;
  let page: Page;

  beforeAll(async () => {
    port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({
      interactive: true,
      accounts: [
        {
          sub: 'rpd-at-hmpps',
          email: 'rpd@gm.probation.example',
          email_verified: true,
        },
        { sub: 'stranger', email: 'stranger@justice.gov.uk', email_verified: true },
        {
          sub: 'newcomer',
          email: 'nia.comer@newcomers.example',
          email_verified: true,
          name: 'Nia Comer',
        },
      ],
      redirectUris: [`${baseUrl}/api/v1/oidc/1/callback`],
      postLogoutRedirectUris: [`${baseUrl}/sign-in`],
    });
  });
  // Registered first, so it runs last: after the browser and the server have stopped.
  afterAll(async () => {
    await provider?.close();
  });

  const world = browserWorld(() => ({
    port,
    env: {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_NAME: 'HMPPS Auth',
      OIDC_ALLOWED_DOMAINS: 'newcomers.example',
    },
  }));

  beforeAll(async () => {
    page = await world.browser.context.newPage();
  });

  /** The provider's development login and consent pages, as a person fills them in. */
  async function signInAtProvider(login: string) {
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
    await consent.waitFor();
    await consent.click();
  }

  it('signs in with the button, lands with the role, and signs out at the issuer too', async () => {
    // Our pages' errors only: the provider's development pages ask the internet for fonts.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      const ours = message.location().url.startsWith(world.server.baseUrl);
      if (ours && message.type() === 'error' && !isExpectedConsoleError(message.text())) {
        errors.push(message.text());
      }
    });
    await page.goto(`${world.server.baseUrl}/sign-in`);
    const button = page.getByRole('button', { name: 'Sign in with HMPPS Auth' });
    await button.waitFor();
    await expect(page.getByLabel('Email address').count()).resolves.toBe(1);
    await look(page, 'sso-sign-in');
    await button.click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await signInAtProvider('rpd-at-hmpps');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(new URL(page.url()).origin).toBe(world.server.baseUrl);
    await expect(page.getByTestId('signed-in-name').innerText()).resolves.toBe(
      'Demo Regional Probation Director',
    );
    await look(page, 'sso-signed-in');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    expect(errors).toEqual([]);
  });

  it('refuses a person without an account, and says so on the sign-in page', async () => {
    await world.browser.context.clearCookies();
    await page.goto(`${world.server.baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with HMPPS Auth' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await signInAtProvider('stranger');
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(
      /do not have an account/,
    );
    await look(page, 'sso-refused');
  });

  it('asks an administrator to approve someone from an allowed domain, who then signs in', async () => {
    const ssoSignIn = async () => {
      await world.browser.context.clearCookies();
      await page.goto(`${world.server.baseUrl}/sign-in`);
      await page.getByRole('button', { name: 'Sign in with HMPPS Auth' }).click();
      await page.waitForURL((url) => url.origin === provider.issuer);
      await signInAtProvider('newcomer');
    };
    await ssoSignIn();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(
      /administrator must approve your account/,
    );
    await look(page, 'sso-pending');

    await world.browser.context.clearCookies();
    await signIn(page, world.server.baseUrl, 'admin@hmpps.example');
    await page.goto(`${world.server.baseUrl}/admin/users`);
    await page.getByRole('link', { name: /Nia Comer/ }).click();
    await page.getByRole('heading', { name: 'Approve or refuse an account request' }).waitFor();
    await page.getByLabel('Head of operations').check();
    await page.getByLabel('Unit').selectOption({ label: 'Wigan (Greater Manchester)' });
    await look(page, 'sso-approve');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: 'Account approved' }).waitFor();
    await signOut(page);

    await ssoSignIn();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect(page.getByTestId('signed-in-name').innerText()).resolves.toBe('Nia Comer');
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await expect(page.getByLabel('Current password').count()).resolves.toBe(0);
    await look(page, 'sso-your-account');
  });
});
