import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

import { screenshotDir } from './paths';

export interface RunningBrowser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/**
 * Debian's Chromium (never `playwright install`). A persistent context because Chromium
 * refuses `--user-data-dir` among the arguments; the profile lives in a throw-away folder.
 */
export async function launchBrowser(): Promise<RunningBrowser> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'tracker-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** WCAG 2.2 AA and everything below it. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page; returns the violations, printing them so a failure explains itself. */
export async function accessibilityViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  for (const violation of results.violations) {
    const targets = violation.nodes.map((node) => node.target.join(' ')).join('; ');
    console.error(`[axe] ${label}: ${violation.id} (${violation.impact}): ${violation.help}`);
    console.error(`      ${violation.helpUrl}\n      on: ${targets}`);
  }
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/** Saves a full-page screenshot to /tmp/screens/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  // Secondary data (for example the action plan's status) may still be on its way.
  await page.waitForLoadState('networkidle');
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Looks at the page as a reviewer would: a screenshot to /tmp/screens/<name>.png, and no
 * accessibility violation (axe, WCAG 2.2 AA).
 */
export async function look(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page, name)).toEqual([]);
}
