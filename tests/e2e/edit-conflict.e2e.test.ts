import type { Action, ActionPlanPage, OrgUnitPage, RecommendationPage } from '@tracker/shared';
import { beforeAll, describe, expect, it } from 'vitest';

import { apiSignIn, type ApiSession } from './support/api';
import { look } from './support/browser';
import { browserWorld } from './support/world';

describe('two people changing one action at once', () => {
  const world = browserWorld();
  let api: ApiSession;
  let action: Action;

  beforeAll(async () => {
    // The RPD sets up an action through the API; "someone else" changes it the same way.
    api = await apiSignIn(world.server.baseUrl, 'rpd@gm.probation.example');
    const plans = await api.request<ActionPlanPage>('GET', '/action-plans');
    const inspectionId = plans.body.items[0]?.inspectionId ?? '';
    const recommendations = await api.request<RecommendationPage>(
      'GET',
      `/recommendations?inspectionId=${inspectionId}&limit=200`,
    );
    const tameside1 = recommendations.body.items.find(
      (r) => r.sourcePdu.name === 'Tameside' && r.number === 1,
    );
    const units = await api.request<OrgUnitPage>('GET', '/org-units?limit=200');
    const tameside = units.body.items.find((unit) => unit.name === 'Tameside');
    const created = await api.request<Action>('POST', `/recommendations/${tameside1?.id}/actions`, {
      title: 'Refresh the contingency plan for risk management',
      owningUnitId: tameside?.id,
      successMeasure: 'Every case has a contingency plan that a manager has checked.',
    });
    expect(created.status).toBe(201);
    action = created.body;
  });

  it('shows their version beside yours after a 412, and saves yours when asked', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');

    // The RPD opens the change form...
    await page.goto(`${world.server.baseUrl}/actions/${action.id}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Change the action' }).waitFor();
    await look(page, 'edit-action');
    await page.getByLabel('Title', { exact: true }).fill('Rewrite the contingency plans');

    // ...meanwhile someone else changes the title and the success measure.
    const meanwhile = await api.request<Action>(
      'PATCH',
      `/actions/${action.id}`,
      { title: 'Contingency plans: their title', successMeasure: 'Their measure.' },
      { 'If-Match': `"${action.revision}"` },
    );
    expect(meanwhile.status).toBe(200);

    // Saving meets the 412: the person sees both versions, and keeps what they typed.
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByTestId('conflict');
    await conflict.getByText('Someone else changed this action while you were editing').waitFor();
    const table = (await conflict.locator('table').innerText()).replace(/[ \t]+/g, ' ');
    expect(table).toContain('Title Contingency plans: their title Rewrite the contingency plans');
    expect(table).toContain(
      'Title Contingency plans: their title Rewrite the contingency plans Yours is saved',
    );
    expect(table).toContain(
      'Success measure Their measure. Every case has a contingency plan that a manager has checked. Theirs is kept',
    );
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe(
      'Rewrite the contingency plans',
    );
    await look(page, 'edit-action-conflict');

    // "Discard mine" puts their version in the form.
    await conflict.getByRole('button', { name: 'Discard mine' }).click();
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe(
      'Contingency plans: their title',
    );

    // A second clash, and this time "Use my changes" saves over theirs with the new ETag.
    await page.getByLabel('Title', { exact: true }).fill('Rewrite the contingency plans');
    const again = await api.request<Action>(
      'PATCH',
      `/actions/${action.id}`,
      { ownerRole: 'Senior Probation Officer' },
      { 'If-Match': meanwhile.etag ?? '' },
    );
    expect(again.status).toBe(200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await conflict.getByText('Someone else changed this action while you were editing').waitFor();
    await conflict.getByRole('button', { name: 'Use my changes' }).click();
    await page.getByText('Action saved').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Rewrite the contingency plans' }).waitFor();

    const saved = await api.request<Action>('GET', `/actions/${action.id}`);
    expect(saved.body.title).toBe('Rewrite the contingency plans');
    // Only the person's own change was sent: the other person's changes to other fields stay.
    expect(saved.body.successMeasure).toBe('Their measure.');
    expect(saved.body.ownerRole).toBe('Senior Probation Officer');
    await look(page, 'action-after-conflict');
    // The browser logs each 412 it receives; those are the point of this test.
    expect(pageErrors.filter((text) => !/status of 412/.test(text))).toEqual([]);
  }, 180_000);
});
