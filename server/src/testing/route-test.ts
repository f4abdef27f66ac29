import type { OrgUnit, Recommendation } from '@tracker/shared';
import { afterAll, beforeAll } from 'vitest';

import type { ReadScope } from '../auth/policy';
import { users } from '../db/schema/users';
import { listOrgUnits } from '../org-units/queries';
import { listRecommendations } from '../recommendations/queries';
import { type SignedInClient, type TestApp, createTestApp, demo, signedInClient } from './app';

/**
 * The set-up route tests share: the app on a fresh database, the demo people a file acts as,
 * each signed in, and the ids their requests name. A file asks for it once, at its top:
 *
 *   const world = routeTests(['rpd', 'inspector']);
 *   ... world.as.rpd.get('/api/v1/action-plans') ...
 *
 * (`routeTestWorld` makes one directly, for a file that needs a second app.)
 */

export type DemoPerson = keyof typeof demo;

export interface RouteTestWorld<Person extends DemoPerson> {
  testApp: TestApp;
  /** A client signed in as each person asked for, in the order asked. */
  as: Record<Person, SignedInClient>;
  /** Every recommendation, in the letter's order, as an administrator reads it. */
  recommendations: Recommendation[];
  /** Each account's id, by email. */
  ids: Record<string, string>;
  /** Each organisational unit, by code. */
  units: Record<string, OrgUnit>;
}

/** Read straight from the database: no sessions, requests or audit events a test might count. */
const everything: ReadScope = { regionId: null, livePlan: true, kinds: null };

/** People signed in to an app already made, and the ids of what is in its database. */
export async function worldOf<const Person extends DemoPerson>(
  testApp: TestApp,
  people: Person[],
): Promise<RouteTestWorld<Person>> {
  const as = {} as Record<Person, SignedInClient>;
  // One at a time: signing in is audited, and a test may read the trail in order.
  for (const person of people)
    as[person] = signedInClient(testApp.app, await testApp.signIn(demo[person]));
  const { db } = testApp.database;
  const recommendations = (
    await listRecommendations(db, { sort: 'letter', limit: 200 }, everything)
  ).items;
  const units = (await listOrgUnits(db, { limit: 200 }, everything)).items;
  const accounts = await db.select({ id: users.id, email: users.email }).from(users);
  return {
    testApp,
    as,
    recommendations,
    ids: Object.fromEntries(accounts.map((person) => [person.email, person.id])),
    units: Object.fromEntries(units.map((unit) => [unit.code, unit])),
  };
}

/** A fresh app (as createTestApp makes it) with these people signed in. */
export async function routeTestWorld<const Person extends DemoPerson>(
  people: Person[],
  options: Parameters<typeof createTestApp>[0] = {},
): Promise<RouteTestWorld<Person>> {
  return worldOf(await createTestApp(options), people);
}

export interface RouteTestOptions extends NonNullable<Parameters<typeof createTestApp>[0]> {
  /** Runs on the fresh app before anyone signs in: seeding the world's lists and ids include. */
  prepare?: (testApp: TestApp) => Promise<unknown>;
}

/**
 * A file's route test world, made in a beforeAll this registers and closed in its afterAll.
 * Call it at the top of the file, before the file's own hooks: they run after the world is
 * made, and their afterAll before it is closed. Its values are getters that throw if read
 * before the world is made: read them in a hook or a test.
 */
export function routeTests<const Person extends DemoPerson>(
  people: Person[],
  { prepare, ...appOptions }: RouteTestOptions = {},
): Readonly<RouteTestWorld<Person>> {
  let world: RouteTestWorld<Person> | undefined;
  beforeAll(async () => {
    const testApp = await createTestApp(appOptions);
    try {
      await prepare?.(testApp);
      world = await worldOf(testApp, people);
    } catch (error) {
      await testApp.close();
      throw error;
    }
  });
  afterAll(async () => {
    await world?.testApp.close();
  });
  const made = (): RouteTestWorld<Person> => {
    if (world === undefined)
      throw new Error(
        'The route test world is not made yet: read it in a hook or a test, after routeTests() registered its beforeAll.',
      );
    return world;
  };
  const as = {} as Record<Person, SignedInClient>;
  for (const person of people)
    Object.defineProperty(as, person, { enumerable: true, get: () => made().as[person] });
  return {
    get testApp() {
      return made().testApp;
    },
    as,
    get recommendations() {
      return made().recommendations;
    },
    get ids() {
      return made().ids;
    },
    get units() {
      return made().units;
    },
  };
}
