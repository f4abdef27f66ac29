import type { OrgUnit, Recommendation } from '@tracker/shared';

import type { ReadScope } from '../auth/policy';
import { users } from '../db/schema/users';
import { listOrgUnits } from '../org-units/queries';
import { listRecommendations } from '../recommendations/queries';
import { type SignedInClient, type TestApp, createTestApp, demo, signedInClient } from './app';

/**
 * The set-up route tests share: the app on a fresh database, the demo people a file acts as,
 * each signed in, and the ids their requests name. A file's beforeAll assigns what it uses:
 *
 *   ({ testApp, recommendations, as: { rpd, inspector } } = await routeTestWorld(['rpd', 'inspector']));
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
const everything: ReadScope = { regionId: null, livePlan: true };

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
