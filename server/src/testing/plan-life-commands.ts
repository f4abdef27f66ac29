import { randomUUID } from 'node:crypto';

import type {
  Action,
  ActionPlan,
  ActionStatus,
  PlanVersion,
  PlanVersionSummary,
  ProgressUpdate,
  ReviewDecision,
  ReviewThread,
  ReviewVerdict,
} from '@tracker/shared';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

import { fingerprint } from './fingerprint';
import {
  type ActionSnapshot,
  type Model,
  type ModelAction,
  type ModelVersion,
  type Outcome,
  type RecommendationKey,
  type RoleName,
  type UnitKey,
  addActionRefusal,
  allowed,
  changeRefusal,
  finishedStatuses,
  forbidden,
  hidden,
  isReady,
  liveEvidence,
  owningUnitRefusal,
  pick,
  read,
  recommendationKeys,
  refused,
  roleNames,
  snapshotOf,
  statusRefusal,
  unitKeys,
} from './plan-life-model';
import {
  type Real,
  send,
  expectAudit,
  expectStateMatches,
  threadsOpenedBy,
} from './plan-life-world';

type Send = Parameters<typeof send>[2];

/** What a command expects, the request it sends, and how a 2xx answer moves the model. */
interface Judgement {
  outcome: Outcome;
  request: Send;
  accept?: (response: LightMyRequestResponse) => Promise<void> | void;
}

/** How many sequences and commands ran, and what they were answered: printed at the end. */
export const tally = { sequences: 0, commands: 0, answers: new Map<string, number>() };

/**
 * One step of the plan's life: predict from the model, send, and check the answer, the stored
 * state, the audit trail and (for anything that must change nothing) the business tables.
 */
abstract class PlanCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly role: RoleName) {}

  check(_model: Readonly<Model>): boolean {
    return true;
  }

  protected abstract judge(model: Model, real: Real): Judgement;

  async run(model: Model, real: Real): Promise<void> {
    real.step += 1;
    // Every step a little later, so a refused write that touched a row would show in updated_at.
    real.world.testApp.clock.advanceMinutes(1 / 6000);
    const { outcome, request, accept } = this.judge(model, real);
    const db = real.world.db;
    const before = outcome.changes ? null : await fingerprint(db);
    const { requestId, response } = await send(real, this.role, request);
    expect(response.statusCode, `${this} -> ${response.body.slice(0, 500)}`).toBe(outcome.status);
    if (response.statusCode < 300) await accept?.(response);
    if (before !== null) expect(await fingerprint(db), `${this} changed data`).toBe(before);
    await expectStateMatches(real, model);
    await expectAudit(real, model, { requestId, role: this.role }, outcome.audit);
    count(`${this.constructor.name} ${outcome.status}`);
  }

  abstract toString(): string;
}

function count(answer: string) {
  tally.commands += 1;
  tally.answers.set(answer, (tally.answers.get(answer) ?? 0) + 1);
}

const json = <Body>(response: LightMyRequestResponse) => response.json() as Body;
const etagOf = (revision: number) => `"${revision}"`;
const dueDates = ['2031-03-31', '2031-09-30', '2032-06-30'] as const;

type EtagMode = 'current' | 'stale' | 'missing';

/** If-Match as the mode says: the revision the model holds, the one before it, or none. */
function ifMatch(mode: EtagMode, revision: number): Record<string, string> {
  if (mode === 'missing') return {};
  return { 'if-match': etagOf(mode === 'current' ? revision : revision - 1) };
}

function etagRefusal(mode: EtagMode): Outcome | null {
  if (mode === 'missing') return refused(428);
  return mode === 'stale' ? refused(412) : null;
}

/** The unit a role would naturally give a new action of this recommendation. */
function naturalUnit(role: RoleName, recommendation: RecommendationKey): UnitKey {
  if (role === 'hooWigan') return 'wigan';
  if (role === 'hooTameside') return 'tameside';
  return recommendation;
}

export class AddAction extends PlanCommand {
  constructor(
    role: RoleName,
    readonly recommendation: RecommendationKey,
    readonly unit: UnitKey | 'natural',
    readonly dueDate: string,
  ) {
    super(role);
  }

  protected judge(model: Model, real: Real): Judgement {
    const unit = this.unit === 'natural' ? naturalUnit(this.role, this.recommendation) : this.unit;
    const title = `Action ${model.nextTitle}`;
    return {
      outcome:
        addActionRefusal(this.role, this.recommendation) ??
        owningUnitRefusal(this.role, this.recommendation, unit) ??
        allowed(201, 'action.created'),
      request: {
        method: 'POST',
        url: `/api/v1/recommendations/${real.recommendations[this.recommendation]}/actions`,
        body: {
          title,
          owningUnitId: real.world.units[unit],
          ownerId: real.world.owners[unit],
          startDate: '2031-01-15',
          dueDate: this.dueDate,
          successMeasure: 'Audits show the change',
        },
      },
      accept: (response) => {
        const created = json<Action>(response);
        expect(created).toMatchObject({ title, status: 'not_started', revision: 1 });
        expect(response.headers.etag).toBe(etagOf(1));
        model.nextTitle += 1;
        model.actions.push({
          id: created.id,
          recommendation: this.recommendation,
          unit,
          title,
          dueDate: this.dueDate,
          status: 'not_started',
          revision: 1,
          evidence: [],
          submitted: false,
        });
      },
    };
  }

  toString() {
    return `AddAction(${this.role}, ${this.recommendation}, unit=${this.unit}, due=${this.dueDate})`;
  }
}

/** A command about one of the plan's actions, chosen by index as the list stands. */
abstract class ActionCommand extends PlanCommand {
  constructor(
    role: RoleName,
    readonly actionIndex: number,
  ) {
    super(role);
  }

  override check(model: Readonly<Model>): boolean {
    return model.actions.length > 0;
  }

  protected target(model: Model): ModelAction {
    return pick(model.actions, this.actionIndex)!;
  }

  /** Moves the model's action and checks the answer's revision where it carries one. */
  protected bump(action: ModelAction, response: LightMyRequestResponse) {
    action.revision += 1;
    if (response.headers.etag) expect(response.headers.etag).toBe(etagOf(action.revision));
  }
}

export type Edit =
  | { field: 'title' }
  | { field: 'dueDate'; dueDate: string; withReason: boolean }
  | { field: 'status'; to: ActionStatus; withReason: boolean };

export class EditAction extends ActionCommand {
  constructor(
    role: RoleName,
    actionIndex: number,
    readonly edit: Edit,
    readonly etag: EtagMode,
  ) {
    super(role, actionIndex);
  }

  protected judge(model: Model): Judgement {
    const action = this.target(model);
    const title = `${action.title}'`;
    return {
      outcome:
        changeRefusal(this.role, action) ??
        etagRefusal(this.etag) ??
        this.editRefusal(action) ??
        allowed(200, 'action.updated'),
      request: {
        method: 'PATCH',
        url: `/api/v1/actions/${action.id}`,
        headers: ifMatch(this.etag, action.revision),
        body: this.body(title),
      },
      accept: (response) => {
        this.bump(action, response);
        if (this.edit.field === 'title') action.title = title;
        if (this.edit.field === 'dueDate') action.dueDate = this.edit.dueDate;
        if (this.edit.field === 'status') action.status = this.edit.to;
        expect(json<Action>(response)).toMatchObject({
          title: action.title,
          dueDate: action.dueDate,
          status: action.status,
        });
      },
    };
  }

  private editRefusal(action: ModelAction): Outcome | null {
    const edit = this.edit;
    if (edit.field === 'status') return statusRefusal(this.role, action, edit.to, edit.withReason);
    // Moving an agreed due date needs a reason; every action here has one from the start.
    if (edit.field === 'dueDate' && edit.dueDate !== action.dueDate && !edit.withReason)
      return refused(400);
    return null;
  }

  private body(title: string): object {
    const edit = this.edit;
    if (edit.field === 'title') return { title };
    if (edit.field === 'dueDate')
      return {
        dueDate: edit.dueDate,
        ...(edit.withReason ? { dueDateChangeReason: 'Moved' } : {}),
      };
    return { status: edit.to, ...(edit.withReason ? { statusReason: 'Because' } : {}) };
  }

  toString() {
    const edit = Object.entries(this.edit)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' ');
    return `EditAction(${this.role}, #${this.actionIndex}, ${edit}, etag=${this.etag})`;
  }
}

export class AddProgressUpdate extends ActionCommand {
  constructor(
    role: RoleName,
    actionIndex: number,
    readonly to: ActionStatus | null,
    readonly withReason: boolean,
  ) {
    super(role, actionIndex);
  }

  protected judge(model: Model): Judgement {
    const action = this.target(model);
    const from = action.status;
    return {
      outcome:
        changeRefusal(this.role, action) ??
        (this.to ? statusRefusal(this.role, action, this.to, this.withReason) : null) ??
        allowed(201, 'action.progress_updated'),
      request: {
        method: 'POST',
        url: `/api/v1/actions/${action.id}/updates`,
        body: {
          narrative: 'Progress as of today',
          percentComplete: 50,
          ...(this.to ? { status: this.to } : {}),
          ...(this.withReason ? { statusReason: 'Because' } : {}),
        },
      },
      accept: (response) => {
        // No ETag here: updates are appended without If-Match, but the revision still rises.
        this.bump(action, response);
        action.status = this.to ?? from;
        expect(json<ProgressUpdate>(response)).toMatchObject({
          actionId: action.id,
          statusChange: action.status === from ? null : action.status,
        });
      },
    };
  }

  toString() {
    return `AddProgressUpdate(${this.role}, #${this.actionIndex}, status=${this.to}, reason=${this.withReason})`;
  }
}

export class AddEvidenceNote extends ActionCommand {
  protected judge(model: Model): Judgement {
    const action = this.target(model);
    return {
      outcome: changeRefusal(this.role, action) ?? allowed(201, 'evidence.added'),
      request: {
        method: 'POST',
        url: `/api/v1/actions/${action.id}/evidence`,
        body: { kind: 'note', title: 'Audit note', note: 'Twelve cases audited.' },
      },
      // Evidence leaves the action's revision alone: it is not an edit of the action.
      accept: (response) => {
        action.evidence.push({ id: json<{ id: string }>(response).id, removed: false });
      },
    };
  }

  toString() {
    return `AddEvidenceNote(${this.role}, #${this.actionIndex})`;
  }
}

export class DeleteAction extends ActionCommand {
  constructor(
    role: RoleName,
    actionIndex: number,
    readonly etag: EtagMode,
  ) {
    super(role, actionIndex);
  }

  protected judge(model: Model): Judgement {
    const action = this.target(model);
    return {
      outcome:
        changeRefusal(this.role, action) ??
        etagRefusal(this.etag) ??
        // Once in a version it stays on the record: cancel it instead.
        (action.submitted ? refused(409) : null) ??
        allowed(204, 'action.deleted'),
      request: {
        method: 'DELETE',
        url: `/api/v1/actions/${action.id}`,
        headers: ifMatch(this.etag, action.revision),
      },
      accept: () => {
        model.actions.splice(model.actions.indexOf(action), 1);
      },
    };
  }

  toString() {
    return `DeleteAction(${this.role}, #${this.actionIndex}, etag=${this.etag})`;
  }
}

export class RemoveEvidence extends PlanCommand {
  constructor(
    role: RoleName,
    readonly actionIndex: number,
    readonly evidenceIndex: number,
  ) {
    super(role);
  }

  override check(model: Readonly<Model>): boolean {
    return model.actions.some((action) => action.evidence.length > 0);
  }

  protected judge(model: Model): Judgement {
    const withEvidence = model.actions.filter((action) => action.evidence.length > 0);
    const action = pick(withEvidence, this.actionIndex)!;
    const item = pick(action.evidence, this.evidenceIndex)!;
    const lastOfFinished = finishedStatuses.includes(action.status) && liveEvidence(action) <= 1;
    return {
      outcome:
        changeRefusal(this.role, action) ??
        (item.removed ? refused(409) : null) ??
        (lastOfFinished ? refused(409) : null) ??
        allowed(200, 'evidence.removed'),
      request: {
        method: 'POST',
        url: `/api/v1/evidence/${item.id}/remove`,
        body: { reason: 'Attached to the wrong action' },
      },
      accept: () => {
        item.removed = true;
      },
    };
  }

  toString() {
    return `RemoveEvidence(${this.role}, #${this.actionIndex}, evidence #${this.evidenceIndex})`;
  }
}

export class Submit extends PlanCommand {
  constructor(
    role: RoleName,
    readonly etag: EtagMode,
    /** Send the last successful submission's key again, with its body or another. */
    readonly repeat: 'none' | 'same' | 'other',
  ) {
    super(role);
  }

  protected judge(model: Model, real: Real): Judgement {
    const last = model.submissions.at(-1);
    const repeat = last ? this.repeat : 'none';
    const key = repeat === 'none' ? `run-${real.run}-step-${real.step}` : last!.key;
    const note =
      repeat === 'none' ? `Step ${real.step}` : `${last!.note}${repeat === 'other' ? '!' : ''}`;
    const request: Send = {
      method: 'POST',
      url: `/api/v1/action-plans/${real.planId}/submissions`,
      headers: { ...ifMatch(this.etag, model.revision), 'idempotency-key': key },
      body: { declaration: true, note },
    };
    const refusal = this.refusal(model, repeat);
    if (refusal) return { outcome: refusal, request };
    if (repeat === 'same') {
      // The first answer again, whatever happened since; nothing changes.
      return {
        outcome: { status: 201, audit: null, changes: false },
        request,
        accept: (response) => {
          expect(response.headers['idempotent-replayed']).toBe('true');
          expect(json<PlanVersionSummary>(response).number).toBe(last!.number);
        },
      };
    }
    const kind = model.status === 'accepted' ? 'progress_report' : 'submission';
    return {
      outcome: allowed(201, kind === 'submission' ? 'plan.submitted' : 'plan.progress_reported'),
      request,
      accept: (response) => this.accept(model, response, { key, note, kind }),
    };
  }

  private refusal(model: Model, repeat: 'none' | 'same' | 'other'): Outcome | null {
    if (this.role === 'inspector' && model.status === 'draft') return hidden();
    if (this.role !== 'regionLead') return forbidden();
    if (repeat === 'same') return null;
    if (repeat === 'other') return refused(422);
    const stale = etagRefusal(this.etag);
    if (stale) return stale;
    if (model.status === 'submitted' || model.status === 'closed') return refused(409);
    return isReady(model) ? null : refused(409);
  }

  private accept(
    model: Model,
    response: LightMyRequestResponse,
    sent: { key: string; note: string; kind: 'submission' | 'progress_report' },
  ) {
    const number = model.versions.length + 1;
    expect(json<PlanVersionSummary>(response)).toMatchObject({ number, kind: sent.kind });
    model.versions.push({
      number,
      kind: sent.kind,
      note: sent.note,
      decision: null,
      actions: snapshotOf(model),
    });
    model.events.push({
      kind: sent.kind === 'submission' ? 'submitted' : 'progress_reported',
      versionNumber: number,
    });
    model.submissions.push({ key: sent.key, note: sent.note, number });
    for (const action of model.actions) action.submitted = true;
    if (sent.kind === 'submission') model.status = 'submitted';
    model.revision += 1;
  }

  toString() {
    return `Submit(${this.role}, etag=${this.etag}, key=${this.repeat})`;
  }
}

export interface VerdictSpec {
  /** A recommendation or action of the version, or something the version does not hold. */
  subject: 'recommendation' | 'action' | 'stranger';
  index: number;
  verdict: ReviewVerdict;
  /** A comment on an accepted verdict is optional; the others always carry one. */
  comment: boolean;
}

interface Verdict {
  subjectKind: 'recommendation' | 'action';
  subjectId: string;
  verdict: ReviewVerdict;
  comment?: string;
  valid: boolean;
}

/** The versions a review or read names: the latest (-1), or any by index, one past the end included. */
function versionNumber(model: Model, index: number): number {
  if (index < 0) return Math.max(model.versions.length, 1);
  return (index % (model.versions.length + 1)) + 1;
}

export class Review extends PlanCommand {
  constructor(
    role: RoleName,
    readonly versionIndex: number,
    readonly decision: ReviewDecision,
    readonly verdicts: VerdictSpec[],
  ) {
    super(role);
  }

  protected judge(model: Model, real: Real): Judgement {
    const number = versionNumber(model, this.versionIndex);
    const version = model.versions[number - 1];
    const verdicts = version ? this.verdictsOn(model, real, version.actions) : [];
    const request: Send = {
      method: 'POST',
      url: `/api/v1/action-plans/${real.planId}/versions/${number}/review`,
      body: {
        decision: this.decision,
        ...(this.decision === 'returned' ? { reasons: 'More work needed.' } : {}),
        verdicts: verdicts.map(({ valid: _valid, ...verdict }) => verdict),
      },
    };
    const refusal = this.refusal(model, version, verdicts);
    if (refusal || !version) return { outcome: refusal ?? refused(404), request };
    return {
      outcome: allowed(200, `plan.${this.decision}`),
      request,
      accept: (response) => this.accept(model, real, version, verdicts, response),
    };
  }

  /** Only inspectors review, only what exists and is undecided, only what the version holds. */
  private refusal(model: Model, version: ModelVersion | undefined, verdicts: Verdict[]) {
    if (this.role !== 'inspector') return forbidden();
    if (model.status === 'draft') return hidden();
    if (!version) return refused(404);
    if (version.decision) return refused(409);
    return verdicts.some((verdict) => !verdict.valid) ? refused(400) : null;
  }

  private async accept(
    model: Model,
    real: Real,
    version: ModelVersion,
    verdicts: Verdict[],
    response: LightMyRequestResponse,
  ) {
    expect(json<PlanVersionSummary>(response).review?.decision).toBe(this.decision);
    version.decision = this.decision;
    model.events.push({ kind: this.decision, versionNumber: version.number });
    // The plan's status follows its latest version: a decision on an older progress report
    // must not overturn a later return, nor a resubmission that awaits review.
    if (version.number === model.versions.length) {
      model.status = this.decision === 'returned' ? 'returned' : 'accepted';
      model.revision += 1;
    }
    // Each verdict opens a thread; a comment is its first message.
    const threads = await threadsOpenedBy(real, version.number);
    expect(threads.map((thread) => thread.messages).sort()).toEqual(
      verdicts.map((verdict) => (verdict.comment ? 1 : 0)).sort(),
    );
    model.threads.push(...threads);
  }

  /** The request's verdicts, one per subject (a second one would be a 400 of its own). */
  private verdictsOn(model: Model, real: Real, held: ActionSnapshot[]): Verdict[] {
    const verdicts = this.verdicts.map((spec) => this.subjectOf(spec, model, real, held));
    return verdicts.filter(
      (verdict, at) => verdicts.findIndex((other) => other.subjectId === verdict.subjectId) === at,
    );
  }

  private subjectOf(spec: VerdictSpec, model: Model, real: Real, held: ActionSnapshot[]): Verdict {
    const comment =
      spec.comment || spec.verdict !== 'accepted' ? { comment: 'Say more about this.' } : {};
    const base = { verdict: spec.verdict, ...comment };
    const heldAction = pick(held, spec.index);
    if (spec.subject === 'action' && heldAction)
      return { ...base, subjectKind: 'action', subjectId: heldAction.id, valid: true };
    if (spec.subject === 'stranger') {
      const later = model.actions.filter((action) => !held.some((h) => h.id === action.id));
      const id = pick(later, spec.index)?.id ?? randomUUID();
      return { ...base, subjectKind: 'action', subjectId: id, valid: false };
    }
    const key = pick(recommendationKeys, spec.index)!;
    return {
      ...base,
      subjectKind: 'recommendation',
      subjectId: real.recommendations[key],
      valid: true,
    };
  }

  toString() {
    const verdicts = this.verdicts
      .map((v) => `${v.subject}#${v.index}:${v.verdict}${v.comment ? '+comment' : ''}`)
      .join(' ');
    return `Review(${this.role}, version=${this.versionIndex}, ${this.decision}, [${verdicts}])`;
  }
}

export class ReplyToThread extends PlanCommand {
  constructor(
    role: RoleName,
    readonly threadIndex: number,
  ) {
    super(role);
  }

  override check(model: Readonly<Model>): boolean {
    return model.threads.length > 0;
  }

  protected judge(model: Model): Judgement {
    const thread = pick(model.threads, this.threadIndex)!;
    let outcome = allowed(201, 'review_thread.replied');
    if (this.role === 'admin') outcome = forbidden();
    else if (thread.messages === 0) outcome = refused(409); // an accepted verdict without comment
    return {
      outcome,
      request: {
        method: 'POST',
        url: `/api/v1/review-threads/${thread.id}/replies`,
        body: { body: 'Here is our answer.' },
      },
      accept: (response) => {
        thread.messages += 1;
        expect(json<ReviewThread>(response).messages).toHaveLength(thread.messages);
      },
    };
  }

  toString() {
    return `ReplyToThread(${this.role}, #${this.threadIndex})`;
  }
}

/** What a version shows of its actions, in the model's terms. */
function actionsShown(version: PlanVersion, real: Real): ActionSnapshot[] {
  return version.recommendations.flatMap((recommendation) =>
    recommendation.actions.map((action) => ({
      id: action.id,
      recommendation: recommendationKeys.find(
        (key) => real.recommendations[key] === recommendation.id,
      )!,
      title: action.title,
      dueDate: action.dueDate!,
      status: action.status,
      evidence: action.evidence.length,
    })),
  );
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class ReadVersion extends PlanCommand {
  constructor(
    role: RoleName,
    readonly versionIndex: number,
  ) {
    super(role);
  }

  protected judge(model: Model, real: Real): Judgement {
    const number = versionNumber(model, this.versionIndex);
    const version = model.versions[number - 1];
    let outcome = read();
    if (this.role === 'inspector' && model.status === 'draft') outcome = hidden();
    else if (!version) outcome = refused(404);
    return {
      outcome,
      request: { method: 'GET', url: `/api/v1/action-plans/${real.planId}/versions/${number}` },
      // Exactly what was sent, however the live plan has moved on since.
      accept: (response) => {
        const shown = json<PlanVersion>(response);
        expect(shown).toMatchObject({ number, kind: version!.kind, note: version!.note });
        expect(shown.review?.decision ?? null).toBe(version!.decision);
        expect(actionsShown(shown, real).sort(byId)).toEqual([...version!.actions].sort(byId));
      },
    };
  }

  toString() {
    return `ReadVersion(${this.role}, version=${this.versionIndex})`;
  }
}

export class ReadPlan extends PlanCommand {
  protected judge(model: Model, real: Real): Judgement {
    const undecided = model.versions.filter((version) => !version.decision);
    return {
      outcome: this.role === 'inspector' && model.status === 'draft' ? hidden() : read(),
      request: { method: 'GET', url: `/api/v1/action-plans/${real.planId}` },
      accept: (response) => {
        expect(response.headers.etag).toBe(etagOf(model.revision));
        expect(json<ActionPlan>(response)).toMatchObject({
          status: model.status,
          latestVersion: model.versions.at(-1)?.number ?? null,
          versionAwaitingReview: undecided[0]?.number ?? null,
        });
      },
    };
  }

  toString() {
    return `ReadPlan(${this.role})`;
  }
}

export class ReadAction extends ActionCommand {
  protected judge(model: Model): Judgement {
    const action = this.target(model);
    return {
      outcome: this.role === 'inspector' ? hidden() : read(),
      request: { method: 'GET', url: `/api/v1/actions/${action.id}` },
      accept: (response) => {
        expect(response.headers.etag).toBe(etagOf(action.revision));
        expect(json<Action>(response)).toMatchObject({
          title: action.title,
          status: action.status,
          evidenceCount: liveEvidence(action),
        });
      },
    };
  }

  toString() {
    return `ReadAction(${this.role}, #${this.actionIndex})`;
  }
}

/** Roles weighted towards those who do most of the work, every role still likely. */
const anyone = fc.oneof(
  { arbitrary: fc.constant<RoleName>('regionLead'), weight: 3 },
  { arbitrary: fc.constantFrom<RoleName>('hooWigan', 'hooTameside'), weight: 3 },
  { arbitrary: fc.constantFrom<RoleName>(...roleNames), weight: 3 },
);
/** Mostly the one role who may, sometimes anyone. */
const mostly = (role: RoleName) =>
  fc.oneof(
    { arbitrary: fc.constant(role), weight: 4 },
    { arbitrary: fc.constantFrom(...roleNames), weight: 1 },
  );
const index = fc.nat(7);
const reason = fc.oneof(
  { arbitrary: fc.constant(true), weight: 3 },
  { arbitrary: fc.constant(false), weight: 1 },
);
const etag = fc.oneof(
  { arbitrary: fc.constant<EtagMode>('current'), weight: 6 },
  { arbitrary: fc.constantFrom<EtagMode>('stale', 'missing'), weight: 1 },
);
const status = fc.constantFrom<ActionStatus>(
  'not_started',
  'in_progress',
  'blocked',
  'complete',
  'complete',
  'verified_closed',
  'verified_closed',
  'cancelled',
);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant({ field: 'title' as const }),
  fc.record({
    field: fc.constant('dueDate' as const),
    dueDate: fc.constantFrom(...dueDates),
    withReason: reason,
  }),
  {
    arbitrary: fc.record({ field: fc.constant('status' as const), to: status, withReason: reason }),
    weight: 3,
  },
);
const verdict: fc.Arbitrary<VerdictSpec> = fc.record({
  subject: fc.oneof(
    { arbitrary: fc.constantFrom('recommendation' as const, 'action' as const), weight: 6 },
    { arbitrary: fc.constant('stranger' as const), weight: 1 },
  ),
  index,
  verdict: fc.constantFrom<ReviewVerdict>('accepted', 'challenged', 'evidence_requested'),
  comment: fc.boolean(),
});
/** The latest version (-1) most often, else any, including one that does not exist. */
const versionIndex = fc.oneof(
  { arbitrary: fc.constant(-1), weight: 3 },
  { arbitrary: fc.nat(4), weight: 2 },
);

/** Every command, weighted so most sequences get as far as reviews and progress reports. */
export const planLifeCommands = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        anyone,
        fc.constantFrom(...recommendationKeys),
        fc.oneof(
          { arbitrary: fc.constant('natural' as const), weight: 4 },
          fc.constantFrom(...unitKeys),
        ),
        fc.constantFrom(...dueDates),
      )
      .map((args) => new AddAction(...args)),
    weight: 5,
  },
  {
    arbitrary: fc.tuple(anyone, index, edit, etag).map((args) => new EditAction(...args)),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(anyone, index, fc.option(status, { freq: 2 }), reason)
      .map((args) => new AddProgressUpdate(...args)),
    weight: 3,
  },
  { arbitrary: fc.tuple(anyone, index).map((args) => new AddEvidenceNote(...args)), weight: 3 },
  { arbitrary: fc.tuple(anyone, index, etag).map((args) => new DeleteAction(...args)), weight: 1 },
  {
    arbitrary: fc.tuple(anyone, index, index).map((args) => new RemoveEvidence(...args)),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        mostly('regionLead'),
        etag,
        fc.oneof(
          { arbitrary: fc.constant('none' as const), weight: 6 },
          fc.constantFrom('same' as const, 'other' as const),
        ),
      )
      .map((args) => new Submit(...args)),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(
        mostly('inspector'),
        versionIndex,
        fc.constantFrom<ReviewDecision>('accepted', 'returned'),
        fc.array(verdict, { maxLength: 3 }),
      )
      .map((args) => new Review(...args)),
    weight: 4,
  },
  { arbitrary: fc.tuple(anyone, index).map((args) => new ReplyToThread(...args)), weight: 3 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...roleNames), versionIndex)
      .map((args) => new ReadVersion(...args)),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...roleNames), index)
      .map((args) => new ReadAction(...args)),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...roleNames).map((role) => new ReadPlan(role)), weight: 1 },
);

export type Prelude = 'empty' | 'ready' | 'accepted';

/**
 * Where a sequence starts, so most of them get past drafting: nothing yet, a plan ready to
 * submit, or one submitted and accepted (progress reports next). The preludes are the model's
 * own commands, checked like any other.
 */
export function prelude(name: Prelude): PlanCommand[] {
  if (name === 'empty') return [];
  const ready = [
    new AddAction('regionLead', 'wigan', 'natural', dueDates[0]),
    new AddAction('hooTameside', 'tameside', 'natural', dueDates[1]),
  ];
  if (name === 'ready') return ready;
  return [
    ...ready,
    new Submit('regionLead', 'current', 'none'),
    new Review('inspector', -1, 'accepted', []),
  ];
}

/**
 * A progress report returned, the plan resubmitted, and then an older report accepted: the
 * resubmission still awaits review, so the plan stays submitted and cannot be sent again.
 */
export function supersededReview(): PlanCommand[] {
  return [
    ...prelude('accepted'), // version 1, accepted
    new Submit('regionLead', 'current', 'none'), // 2: a progress report
    new Submit('regionLead', 'current', 'none'), // 3: another
    new Review('inspector', 2, 'returned', []), // 3 returned
    new Submit('regionLead', 'current', 'none'), // 4: the resubmission
    new Review('inspector', 1, 'accepted', []), // 2 accepted, late
    new Submit('regionLead', 'current', 'none'), // 409: 4 awaits review
    new Review('inspector', -1, 'accepted', []), // 4 accepted: the plan is accepted
  ];
}
