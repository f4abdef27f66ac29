import fc from 'fast-check';
import { afterAll, beforeAll, inject, it } from 'vitest';

import { type TestApp, TestClock, createTestApp } from './app';
import {
  type Prelude,
  planLifeCommands,
  prelude,
  supersededReview,
  tally,
} from './plan-life-commands';
import { type World, createWorld, startRun } from './plan-life-world';

/*
 * A model-based test of an action plan's life: random sequences of draft edits, progress
 * updates, evidence, submissions (with stale ETags and repeated Idempotency-Keys), reviews,
 * returns, resubmissions, replies and reads, by random roles. After every step the answer, the
 * stored plan, its versions and threads, and the audit trail must be what the model
 * (plan-life-model.ts) says; anything refused must leave the business tables alone.
 *
 * Each sequence works on a plan of its own (a small letter loaded per run), in one app and one
 * database for the file. MODEL_RUNS sets the number of sequences (default 40 on PGlite, 100 on
 * PostgreSQL); MODEL_SEED replays a run. A failure prints its seed, path and shrunk commands.
 */

const onPostgres = Boolean(inject('templateDatabaseUrl'));
const runs = Number(process.env.MODEL_RUNS ?? (onPostgres ? 100 : 40));
const seed = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : Date.now() % 2 ** 31;

let testApp: TestApp;
let world: World;
/** Each sequence's number, which also names its letter and its requests. */
let run = 0;

beforeAll(async () => {
  testApp = await createTestApp({ clock: new TestClock(new Date('2031-01-10T09:00:00Z')) });
  world = await createWorld(testApp);
});
afterAll(() => testApp.close());

/** Sequences start empty, ready to submit, or accepted; then up to 25 random commands. */
const sequences = fc.tuple(
  fc.constantFrom<Prelude>('empty', 'ready', 'accepted'),
  fc.commands([planLifeCommands], { maxCommands: 25, size: 'max' }),
);

function summary(started: number): string {
  const answers = [...tally.answers.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([answer, times]) => `  ${answer}: ${times}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return [
    `plan-life model: ${tally.sequences} sequences, ${tally.commands} commands, ${seconds} s ` +
      `(MODEL_SEED=${seed} MODEL_RUNS=${runs})`,
    ...answers,
  ].join('\n');
}

it(
  `keeps the plan's life true to the model (${runs} sequences)`,
  { timeout: 600_000 },
  async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(sequences, async ([start, commands]) => {
        run += 1;
        tally.sequences += 1;
        await fc.asyncModelRun(() => startRun(world, run), [...prelude(start), ...commands]);
      }),
      { numRuns: runs, seed },
    );
    console.log(summary(started));
  },
);

it('lets only the latest version decide the plan status', async () => {
  run += 1;
  await fc.asyncModelRun(() => startRun(world, run), supersededReview());
});
