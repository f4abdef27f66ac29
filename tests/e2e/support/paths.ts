import { fileURLToPath } from 'node:url';

/** The repository root (this file is tests/e2e/support/paths.ts). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Screenshots are for people to look at, not for the repository. */
export const screenshotDir = '/tmp/screens';
