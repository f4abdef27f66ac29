import { greaterManchester2023 } from '@tracker/seeds';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rowsOf } from '../db/migrate';
import { seedLetter } from '../db/seed';
import { type TestDatabase, createTestDatabase } from '../testing/database';

let database: TestDatabase;

async function rows<Row>(statement: ReturnType<typeof sql>): Promise<Row[]> {
  return rowsOf<Row>(await database.db.execute(statement));
}

/** Actions whose carried inspection or region differ from what their recommendation says. */
async function astray(): Promise<{ id: string }[]> {
  return rows(sql`
    select a.id from actions a
    join recommendations r on r.id = a.recommendation_id
    join inspections i on i.id = r.inspection_id
    where a.inspection_id is distinct from r.inspection_id
       or a.region_id is distinct from i.region_id`);
}

async function addAction(recommendationId: string, unitId: string, title: string) {
  const [row] = await rows<{ id: string; inspection_id: string; region_id: string }>(sql`
    insert into actions (recommendation_id, owning_unit_id, title, inspection_id, region_id)
    values (${recommendationId}, ${unitId}, ${title}, gen_random_uuid(), gen_random_uuid())
    returning id, inspection_id, region_id`);
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedLetter(database.db, greaterManchester2023);
});
afterAll(() => database.destroy());

describe("an action's carried inspection and region (decision 012)", () => {
  it('are set from the recommendation whatever a write says, and follow every move', async () => {
    const [first, second] = await rows<{ id: string; inspection_id: string; unit: string }>(sql`
      select id, inspection_id, owning_unit_id as unit from recommendations order by number limit 2`);
    const [inspection] = await rows<{ region_id: string; title: string }>(sql`
      select region_id, title from inspections where id = ${first!.inspection_id}`);

    const added = await addAction(first!.id, first!.unit, 'Carried scope');
    expect(added.inspection_id).toBe(first!.inspection_id);
    expect(added.region_id).toBe(inspection!.region_id);
    await addAction(second!.id, second!.unit, 'Another');

    await database.db.execute(
      sql`update actions set region_id = gen_random_uuid() where id = ${added.id}`,
    );
    expect(await astray()).toEqual([]);

    const [region] = await rows<{ id: string }>(sql`
      insert into org_units (code, name, type) values ('TEST-R', 'Test region', 'region')
      returning id`);
    const [other] = await rows<{ id: string }>(sql`
      insert into inspections (region_id, title, kind, letter_date, author, addressee)
      select region_id, 'Another inspection', kind, letter_date, author, addressee
      from inspections where id = ${first!.inspection_id}
      returning id`);
    await database.db.execute(
      sql`update recommendations set inspection_id = ${other!.id} where id = ${second!.id}`,
    );
    await database.db.execute(
      sql`update inspections set region_id = ${region!.id} where id = ${other!.id}`,
    );
    await database.db.execute(
      sql`update actions set recommendation_id = ${second!.id} where id = ${added.id}`,
    );
    const moved = await rows<{ inspection_id: string; region_id: string }>(sql`
      select inspection_id, region_id from actions where recommendation_id = ${second!.id}`);
    expect(moved).toHaveLength(2);
    for (const action of moved)
      expect(action).toEqual({ inspection_id: other!.id, region_id: region!.id });
    expect(await astray()).toEqual([]);
    expect(
      await rows(sql`select id from actions where inspection_id is null or region_id is null`),
    ).toEqual([]);
  });
});
