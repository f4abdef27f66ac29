import { planInSight } from '../action-plans/in-sight';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/client';
import { notFound } from '../http/errors';
import { findVersionRow } from './queries';

/** One version of a plan in the caller's sight, with its plan. */
export async function versionInSight(db: Db, actor: Actor, id: string, number: number) {
  const plan = await planInSight(db, actor, id);
  const version = await findVersionRow(db, id, number);
  if (!version) throw notFound(`Version ${number} of action plan`, id);
  return { plan, version };
}
