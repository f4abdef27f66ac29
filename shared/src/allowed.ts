import { z } from 'zod';

/**
 * What the caller may do with a resource, as the server's policy decides it for them. The web
 * shows controls from these; the server still decides every request.
 */
const may = (what: string) => z.boolean().describe(`The caller may ${what}.`);

export const ActionAllowed = z
  .object({
    change: may('change the action (its fields, status and dates) and delete a draft one'),
    addProgress: may('post a progress update'),
    addEvidence: may('add evidence, and remove it'),
    verify: may("verify and close it and override its RAG rating (the action's lead)"),
    moveUnit: may('move it to another unit'),
  })
  .meta({ id: 'ActionAllowed' });
export type ActionAllowed = z.infer<typeof ActionAllowed>;

export const RecommendationAllowed = z
  .object({
    readLivePlan: may("read its live plan data: the region's response, actions and measures"),
    respond: may('record the response (its lead)'),
    close: may('close it (its lead)'),
    reopen: may('reopen it once closed (its lead)'),
    addAction: may('add actions (and outcome measures) to it'),
    chooseActionUnit: may("choose the unit of the actions they add (else their own unit's)"),
    link: may('link it to another recommendation, and remove its links (its lead, administrators)'),
  })
  .meta({ id: 'RecommendationAllowed' });
export type RecommendationAllowed = z.infer<typeof RecommendationAllowed>;

export const PlanAllowed = z
  .object({
    readLivePlan: may('read the live plan (not only the versions sent)'),
    submit: may('submit the plan and send its progress reports (its region lead)'),
    askNationalLead: may('ask the HMPPS national lead for the answers the plan waits on'),
    respondForRegion: may("respond to the region's and its PDUs' recommendations"),
    respondForHmpps: may('respond to the HMPPS recommendations'),
    importActions: may('import actions from a spreadsheet (the server still decides each row)'),
  })
  .meta({ id: 'PlanAllowed' });
export type PlanAllowed = z.infer<typeof PlanAllowed>;

export const VersionAllowed = z
  .object({
    review: may('review the version: record verdicts and accept or return it (the inspectorate)'),
  })
  .meta({ id: 'VersionAllowed' });
export type VersionAllowed = z.infer<typeof VersionAllowed>;

export const ReviewThreadAllowed = z
  .object({
    reply: may("reply in the thread, once the inspector's comment has opened it"),
  })
  .meta({ id: 'ReviewThreadAllowed' });
export type ReviewThreadAllowed = z.infer<typeof ReviewThreadAllowed>;
