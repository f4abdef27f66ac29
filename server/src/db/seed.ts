import type { DemoAccount, InspectionLetter } from '@tracker/seeds';
import { and, eq } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { hashPassword } from '../auth/passwords';
import { defaultOwningUnit, insertInspectionWithPlan } from '../inspections/service';
import type { Db } from './client';
import { inspectedPdus, inspections, standardRatings } from './schema/inspections';
import { orgUnits } from './schema/org-units';
import { outcomeMeasures } from './schema/outcome-measures';
import { recommendations } from './schema/recommendations';
import { users } from './schema/users';

/** Units every installation has, whatever inspections it holds. */
const nationalUnits = {
  hmpps: { code: 'hmpps', name: 'HM Prison and Probation Service', type: 'hmpps' },
  inspectorate: {
    code: 'hmi-probation',
    name: 'HM Inspectorate of Probation',
    type: 'inspectorate',
  },
} as const;

export interface SeedResult {
  created: boolean;
  inspectionId: string;
}

/**
 * Loads an inspection letter with its units, ratings, recommendations, outcome-measure
 * baselines and an empty draft plan, in one transaction. Running it again changes nothing.
 */
export async function seedLetter(db: Db, letter: InspectionLetter): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const hmppsId = await ensureUnit(tx, { ...nationalUnits.hmpps, parentId: null });
    await ensureUnit(tx, { ...nationalUnits.inspectorate, parentId: null });
    const regionId = await ensureUnit(tx, { ...letter.region, type: 'region', parentId: hmppsId });
    const pduIds = new Map<string, string>();
    for (const pdu of letter.pdus) {
      pduIds.set(
        pdu.code,
        await ensureUnit(tx, { code: pdu.code, name: pdu.name, type: 'pdu', parentId: regionId }),
      );
    }

    const [existing] = await tx
      .select({ id: inspections.id })
      .from(inspections)
      .where(
        and(
          eq(inspections.regionId, regionId),
          eq(inspections.letterDate, letter.inspection.letterDate),
          eq(inspections.kind, letter.inspection.kind),
        ),
      );
    if (existing) return { created: false, inspectionId: existing.id };

    const { inspectionId } = await insertInspectionWithPlan(tx, { ...letter.inspection, regionId });

    await insertRatings(tx, letter, inspectionId, pduIds);
    const recommendationIds = await insertRecommendations(tx, letter, inspectionId, {
      pduIds,
      regionId,
      hmppsId,
    });
    await insertOutcomeMeasures(tx, letter, recommendationIds);

    await recordAudit(tx, {
      actorLabel: 'system (seed)',
      action: 'inspection.loaded',
      subjectType: 'inspection',
      subjectId: inspectionId,
      after: {
        title: letter.inspection.title,
        recommendations: letter.recommendations.length,
        outcomeMeasures: letter.outcomeMeasures.length,
      },
    });
    return { created: true, inspectionId };
  });
}

async function ensureUnit(
  tx: Db,
  unit: {
    code: string;
    name: string;
    type: 'hmpps' | 'region' | 'pdu' | 'inspectorate';
    parentId: string | null;
  },
): Promise<string> {
  await tx.insert(orgUnits).values(unit).onConflictDoNothing({ target: orgUnits.code });
  const [row] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(eq(orgUnits.code, unit.code));
  return row!.id;
}

async function insertRatings(
  tx: Db,
  letter: InspectionLetter,
  inspectionId: string,
  pduIds: Map<string, string>,
) {
  for (const [index, pdu] of letter.pdus.entries()) {
    const [inspected] = await tx
      .insert(inspectedPdus)
      .values({
        inspectionId,
        pduId: pduIds.get(pdu.code)!,
        position: index + 1,
        fieldworkStartMonth: pdu.fieldworkStartMonth,
        overallRating: pdu.rating.overall,
        scoreAchieved: pdu.rating.score?.achieved ?? null,
        scoreMax: pdu.rating.score?.max ?? null,
      })
      .returning({ id: inspectedPdus.id });
    if (pdu.rating.standards.length > 0) {
      await tx
        .insert(standardRatings)
        .values(
          pdu.rating.standards.map((standard) => ({ ...standard, inspectedPduId: inspected!.id })),
        );
    }
  }
}

async function insertRecommendations(
  tx: Db,
  letter: InspectionLetter,
  inspectionId: string,
  units: { pduIds: Map<string, string>; regionId: string; hmppsId: string },
): Promise<Map<string, string>> {
  const rows = await tx
    .insert(recommendations)
    .values(
      letter.recommendations.map((recommendation, index) => {
        const sourcePduId = units.pduIds.get(recommendation.sourcePduCode);
        if (!sourcePduId) throw new Error(`Unknown PDU ${recommendation.sourcePduCode}`);
        const owningUnitId = defaultOwningUnit(recommendation.ownerLevel, {
          sourcePduId,
          ...units,
        });
        return {
          inspectionId,
          sourcePduId,
          owningUnitId,
          number: recommendation.number,
          position: index + 1,
          text: recommendation.text,
          ownerLevel: recommendation.ownerLevel,
          themes: recommendation.themes,
        };
      }),
    )
    .returning({ id: recommendations.id, position: recommendations.position });
  const byKey = new Map<string, string>();
  for (const row of rows) {
    const source = letter.recommendations[row.position - 1]!;
    byKey.set(recommendationKey(source.sourcePduCode, source.number), row.id);
  }
  return byKey;
}

async function insertOutcomeMeasures(
  tx: Db,
  letter: InspectionLetter,
  recommendationIds: Map<string, string>,
) {
  if (letter.outcomeMeasures.length === 0) return;
  // One transaction gives every row the same now(): a millisecond apart keeps the letter's order.
  const loadedAt = Date.now();
  await tx.insert(outcomeMeasures).values(
    letter.outcomeMeasures.map((measure, index) => {
      const key = recommendationKey(
        measure.recommendation.sourcePduCode,
        measure.recommendation.number,
      );
      const recommendationId = recommendationIds.get(key);
      if (!recommendationId)
        throw new Error(`Outcome measure "${measure.name}" names unknown recommendation ${key}`);
      return {
        recommendationId,
        name: measure.name,
        unit: measure.unit,
        direction: measure.direction,
        baselineValue: measure.baseline.value,
        baselineDate: measure.baseline.date,
        baselinePeriod: measure.baseline.period,
        baselineSource: measure.baseline.source,
        createdAt: new Date(loadedAt + index),
        updatedAt: new Date(loadedAt + index),
      };
    }),
  );
}

function recommendationKey(sourcePduCode: string, number: number): string {
  return `${sourcePduCode} ${number}`;
}

/**
 * Creates the demo accounts that do not exist yet, all with the demo password. Refuses in
 * production: demo accounts must never reach real data.
 */
export async function seedDemoAccounts(
  db: Db,
  accounts: DemoAccount[],
  options: { password: string; nodeEnv: string },
): Promise<number> {
  if (options.nodeEnv === 'production')
    throw new Error('Refusing to create demo accounts in production.');
  const passwordHash = await hashPassword(options.password);
  return db.transaction(async (tx) => {
    let created = 0;
    for (const account of accounts) {
      const [unit] = await tx
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(eq(orgUnits.code, account.unitCode));
      if (!unit)
        throw new Error(`Demo account ${account.email} names unknown unit ${account.unitCode}`);
      const inserted = await tx
        .insert(users)
        .values({
          email: account.email,
          name: account.name,
          role: account.role,
          unitId: unit.id,
          passwordHash,
        })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      if (inserted[0]) {
        created += 1;
        await recordAudit(tx, {
          actorLabel: 'system (seed)',
          action: 'user.created',
          subjectType: 'user',
          subjectId: inserted[0].id,
          after: { email: account.email, role: account.role, demo: true },
        });
      }
    }
    return created;
  });
}
