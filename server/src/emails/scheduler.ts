import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import type { Config } from '../config';
import type { Db } from '../db/client';
import { type DigestSettings, queueWeeklyDigests } from './digest';
import { type SenderOptions, notifyProvider, sendDueEmails } from './sender';
import { queueWeeklyRollUps } from './weekly-roll-up';

const everyMinute = 60_000;

export function digestSettingsOf(config: Config): DigestSettings {
  return {
    dueSoonDays: config.ragDueSoonDays,
    weekday: config.digestWeekday,
    hour: config.digestHour,
  };
}

/** One run: this week's digests where due, then every email that is due to go. */
export async function runEmailJobs(
  db: Db,
  settings: DigestSettings,
  sender: SenderOptions,
): Promise<{ digests: number; emails: number }> {
  const digests =
    (await queueWeeklyDigests(db, settings, sender.clock())) +
    (await queueWeeklyRollUps(db, settings, sender.clock()));
  const emails = await sendDueEmails(db, sender);
  return { digests, emails };
}

/**
 * The in-process timer, on every instance: what each run does is decided in the database (a
 * job row per person and week, a claim per email), so several instances share the work
 * without doing any of it twice. Runs never overlap within an instance, and a shutdown waits
 * for the run in progress before the database closes.
 */
async function emailScheduler(app: FastifyInstance, { config }: { config: Config }) {
  if (!config.emailScheduler) return;
  const settings = digestSettingsOf(config);
  const sender: SenderOptions = {
    publicUrl: config.publicUrl,
    clock: app.clock,
    provider: notifyProvider(config),
  };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  const run = () => {
    if (running) return;
    running = runEmailJobs(app.db, settings, sender)
      .then(({ digests, emails }) => {
        if (digests + emails > 0) app.log.info({ digests, emails }, 'email jobs ran');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'email jobs failed'))
      .finally(() => {
        running = null;
      });
  };

  app.addHook('onReady', async () => {
    timer = setInterval(run, everyMinute);
    // The timer alone must not keep the process alive (SIGTERM drains and exits).
    timer.unref();
    run();
  });
  app.addHook('preClose', async () => {
    clearInterval(timer);
    await running;
  });
}

export default fp(emailScheduler, { name: 'email-scheduler', dependencies: ['database'] });
