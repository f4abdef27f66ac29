import type { Page } from 'playwright-core';

/** The demo accounts' password (seeded when NODE_ENV is not production). */
export const demoPassword = 'demo-password';

/** The contract's demo accounts, their names as seeded, and the navigation each role sees. */
export const demoAccounts = [
  {
    email: 'rpd@gm.probation.example',
    name: 'Demo Regional Probation Director',
    navigation: [
      'Inspections',
      'Action plan',
      'My actions',
      'Dashboard',
      'Roll-up',
      'Audit trail',
      'Notifications',
    ],
  },
  {
    email: 'hoo.manchester-north@gm.probation.example',
    name: 'Demo Head of Operations, Manchester North',
    navigation: ['Inspections', 'Action plan', 'My actions', 'Dashboard', 'Notifications'],
  },
  {
    email: 'hoo.tameside@gm.probation.example',
    name: 'Demo Head of Operations, Tameside',
    navigation: ['Inspections', 'Action plan', 'My actions', 'Dashboard', 'Notifications'],
  },
  {
    email: 'hoo.wigan@gm.probation.example',
    name: 'Demo Head of Operations, Wigan',
    navigation: ['Inspections', 'Action plan', 'My actions', 'Dashboard', 'Notifications'],
  },
  {
    email: 'national.lead@hmpps.example',
    name: 'Demo HMPPS National Lead',
    navigation: [
      'Inspections',
      'Action plan',
      'My actions',
      'Dashboard',
      'Roll-up',
      'Notifications',
    ],
  },
  {
    email: 'inspector@hmiprobation.example',
    name: 'Demo Inspector',
    navigation: ['Inspections', 'Action plan', 'Plans to review', 'Roll-up', 'Notifications'],
  },
  {
    email: 'admin@hmpps.example',
    name: 'Demo Administrator',
    navigation: [
      'Inspections',
      'Roll-up',
      'Users',
      'Units',
      'API clients',
      'Audit trail',
      'Emails',
      'Notifications',
    ],
  },
] as const;

/** Fills in the sign-in form and presses Continue; does not wait for where it leads. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Signs in through the sign-in page and waits until the service has let the person in. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string = demoPassword,
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await submitSignIn(page, email, password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Signs out with the header's button and waits for the signed-out page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
}

/** The service navigation's items, as the person sees them. */
export async function navigationItems(page: Page): Promise<string[]> {
  const texts = await page
    .locator('nav[aria-label="Menu"] .govuk-service-navigation__link')
    .allInnerTexts();
  // "Notifications (3 unread)" is named without its count, which changes as things happen.
  return texts.map((text) => text.replace(/\s*\(\d+\s+unread\s*\)$/, '').trim());
}

/**
 * Console messages a page may log without anything being wrong: the browser reports every
 * 401 it receives, and asking "who is signed in?" while signed out answers 401 by design.
 */
export function isExpectedConsoleError(text: string): boolean {
  return /Failed to load resource: the server responded with a status of 401/.test(text);
}

/** Collects the page's script errors and console errors (less the expected 401s). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedConsoleError(message.text())) {
      errors.push(message.text());
    }
  });
  return errors;
}
