import { beforeAll, describe, expect, it } from 'vitest';

import type { Recommendation } from '@tracker/shared';

import { apiSignIn, declineAllBut, expectOk, submitPlan } from './support/api';
import { demoPassword } from './support/auth';
import { look } from './support/browser';
import { browserWorld } from './support/world';

/**
 * The national lead's roll-up (issue 14 item 5): every region's figures in one table, grouped
 * another way, and each row leading to the plan behind it. A synthetic second region and letter,
 * so named, are loaded through the API first: the demo data stays the real letter.
 */
describe('the national roll-up', () => {
  const world = browserWorld();

  beforeAll(async () => {
    const baseUrl = world.server.baseUrl;
    const admin = await apiSignIn(baseUrl, 'admin@hmpps.example');
    const region = await expectOk(
      admin.request<{ id: string }>('POST', '/org-units', {
        name: 'Synthetic North',
        code: 'synthetic-north',
        type: 'region',
      }),
      201,
    );
    await expectOk(
      admin.request('POST', '/org-units', {
        name: 'Synthetic Town',
        code: 'synthetic-town',
        type: 'pdu',
        parentId: region.id,
      }),
      201,
    );
    const inspection = await expectOk(
      admin.request<{ id: string }>('POST', '/inspections', {
        regionId: region.id,
        title: 'Inspection of probation services: Synthetic Town',
        kind: 'pdu_inspection',
        letterDate: '2025-06-01',
        author: 'Synthetic inspector',
        addressee: 'Synthetic director',
      }),
      201,
    );
    // The recommendations come as a file, as an administrator loads them.
    const signIn = await fetch(`${baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@hmpps.example', password: demoPassword }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const file = [
      'Source PDU,Number,Recommendation,Owner level,Owning unit,Themes',
      'Synthetic Town,1,Reduce caseloads.,PDU,Synthetic Town,Staffing',
      'Synthetic Town,2,Review training.,Region,Synthetic North,Training',
    ].join('\r\n');
    const form = new FormData();
    form.append('file', new Blob([file], { type: 'text/csv' }), 'recommendations.csv');
    const imported = await fetch(
      `${baseUrl}/api/v1/inspections/${inspection.id}/recommendation-imports?mode=apply`,
      { method: 'POST', headers: { cookie }, body: form },
    );
    expect(imported.status, await imported.text()).toBe(200);
  });

  it('shows the national lead every region, grouped another way, with a way into each plan', async () => {
    const { page, pageErrors } = await world.signInAs('national.lead@hmpps.example');
    await page.getByRole('link', { name: 'Roll-up', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Roll-up' }).waitFor();
    const recommendations = page.getByRole('table', { name: 'Recommendations by region' });
    await recommendations.waitFor();
    const rows = await recommendations.getByRole('rowheader').allInnerTexts();
    expect(rows).toEqual(['Greater Manchester', 'Synthetic North', 'Total']);
    const synthetic = recommendations.getByRole('row', { name: /Synthetic North/ });
    await expect(synthetic.getByRole('cell').first().innerText()).resolves.toBe('2');
    await page.getByRole('table', { name: 'Actions by region' }).waitFor();
    await page.getByRole('table', { name: 'Plans by region' }).waitFor();
    await page.getByRole('link', { name: 'Download CSV' }).waitFor();
    await look(page, 'roll-up-by-region');

    // By theme: a recommendation counts in each of its themes, and the page says so.
    await page.getByLabel('Theme', { exact: true }).check();
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByRole('table', { name: 'Recommendations by theme' }).waitFor();
    await page.getByText('counts under every theme it has').waitFor();
    expect(page.url()).toContain('groupBy=theme');
    await look(page, 'roll-up-by-theme');

    // By PDU, only the synthetic letter's kind: one PDU, and its row leads to its plan.
    await page.getByLabel('PDU', { exact: true }).check();
    await page
      .getByLabel('Source of recommendations')
      .selectOption({ label: 'PDU inspection (HMI Probation)' });
    await page.getByRole('button', { name: 'Show figures' }).click();
    const byPdu = page.getByRole('table', { name: 'Recommendations by PDU' });
    await byPdu.waitFor();
    await expect(byPdu.getByRole('rowheader').allInnerTexts()).resolves.toEqual([
      'Synthetic Town',
      'Total',
    ]);
    await look(page, 'roll-up-by-pdu-filtered');
    await byPdu.getByRole('link', { name: 'Synthetic Town' }).click();
    await page.getByRole('heading', { level: 1, name: /Synthetic North/ }).waitFor();
    expect(page.url()).toMatch(/\/plans\/[0-9a-f-]+$/);

    expect(pageErrors).toEqual([]);
  });

  it('shows a region lead their region by PDU, and an inspector only what was submitted', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');
    await page.getByRole('link', { name: 'Roll-up', exact: true }).click();
    const byPdu = page.getByRole('table', { name: 'Recommendations by PDU' });
    await byPdu.waitFor();
    const pdus = await byPdu.getByRole('rowheader').allInnerTexts();
    expect(pdus).not.toContain('Synthetic Town');
    expect(pdus.at(-1)).toBe('Total');
    expect(await page.getByLabel('PDU', { exact: true }).isChecked()).toBe(true);
    await look(page, 'roll-up-region-lead');

    // Greater Manchester sends its plan (every recommendation declined, to be quick).
    const baseUrl = world.server.baseUrl;
    const rpd = await apiSignIn(baseUrl, 'rpd@gm.probation.example');
    const nationalLead = await apiSignIn(baseUrl, 'national.lead@hmpps.example');
    const plans = await expectOk(
      rpd.request<{ items: { id: string; inspectionId: string }[] }>('GET', '/action-plans'),
      200,
    );
    const plan = plans.items[0]!;
    const recommendations = (
      await expectOk(
        rpd.request<{ items: Recommendation[] }>(
          'GET',
          `/recommendations?inspectionId=${plan.inspectionId}&limit=200`,
        ),
        200,
      )
    ).items;
    await declineAllBut(recommendations, [], (r) =>
      r.ownerLevel === 'hmpps' ? nationalLead : rpd,
    );
    await submitPlan(rpd, plan.id);

    const inspector = await world.signInAs('inspector@hmiprobation.example');
    await inspector.page.getByRole('link', { name: 'Roll-up', exact: true }).click();
    await inspector.page.getByText('Figures from the latest submitted version').waitFor();
    const regions = inspector.page.getByRole('table', { name: 'Recommendations by region' });
    await expect(regions.getByRole('rowheader').allInnerTexts()).resolves.toEqual([
      'Greater Manchester',
      'Total',
    ]);
    await look(inspector.page, 'roll-up-inspector');
    expect([...pageErrors, ...inspector.pageErrors]).toEqual([]);
  });
});
