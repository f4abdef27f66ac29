import { createHash } from 'node:crypto';

import type { Action, AuditEvent, Evidence, Recommendation } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { evidence, evidenceFiles } from '../db/schema/evidence';
import { seedLetter } from '../db/seed';
import {
  type SignedInClient,
  type TestApp,
  TestClock,
  createTestApp,
  demo,
  signedInClient,
} from '../testing/app';
import { routeTests } from '../testing/route-test';
import { samples } from './test-files';
import { makeDocx, makeOpenDocument, makeXlsx, makeZip } from './test-zip';
import { northWestLetter } from '../testing/other-region';
/** Bearer tokens of API clients: a North West region lead, and a Greater Manchester reader. */
let northWestToken: string;
let gmReaderToken: string;
let wiganAction: Action;
let tamesideAction: Action;
let northWestAction: Action;

const rec = (pdu: string, number: number) =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const world = routeTests(['rpd', 'hooWigan', 'hooTameside', 'inspector', 'nationalLead', 'admin'], {
  clock: new TestClock(new Date('2026-02-02T10:00:00Z')),
  prepare: (testApp) => seedLetter(testApp.database.db, northWestLetter()),
});
beforeAll(async () => {
  const { admin } = world.as;
  const client = async (unitId: string, permission: string) =>
    (
      await admin
        .post('/api/v1/api-clients')
        .send({ name: `evidence ${permission} ${unitId}`, unitId, permission })
        .expect(201)
    ).body.token as string;
  northWestToken = await client(world.units['north-west']!.id, 'read_write');
  gmReaderToken = await client(world.units['greater-manchester']!.id, 'read');

  wiganAction = await addAction(world.as.hooWigan, rec('Wigan', 1), 'Audit oversight in 20 cases');
  tamesideAction = await addAction(
    world.as.hooTameside,
    rec('Tameside', 1),
    'Tameside contingency',
  );
  const northWestRec = world.recommendations.find((r) => r.sourcePdu.name === 'Liverpool North')!;
  const created = await request(world.testApp.app.server)
    .post(`/api/v1/recommendations/${northWestRec.id}/actions`)
    .set(bearer(northWestToken))
    .send({ title: 'North West action', owningUnitId: northWestRec.owningUnit.id })
    .expect(201);
  northWestAction = created.body;
});

async function addAction(client: SignedInClient, recommendation: Recommendation, title: string) {
  const response = await client
    .post(`/api/v1/recommendations/${recommendation.id}/actions`)
    .send({ title, owningUnitId: recommendation.owningUnit.id })
    .expect(201);
  return response.body as Action;
}

/** A multipart upload; the declared type is always PDF, to show it is never believed. */
function upload(
  client: SignedInClient,
  actionId: string,
  content: Buffer,
  fileName: string,
  fields: Record<string, string> = { title: 'Evidence file' },
) {
  let call = client.post(`/api/v1/actions/${actionId}/evidence`);
  for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
  return call.attach('file', content, { filename: fileName, contentType: 'application/pdf' });
}

function addNote(client: SignedInClient, actionId: string, title = 'Audit results') {
  return client
    .post(`/api/v1/actions/${actionId}/evidence`)
    .send({ kind: 'note', title, note: '18 of 20 cases had sufficient oversight' });
}

/** Reads a body as raw bytes, whatever its type (supertest hands the parser the stream). */
function bytes(response: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function storedRows() {
  const db = world.testApp.database.db;
  return { evidence: await db.$count(evidence), files: await db.$count(evidenceFiles) };
}

async function auditOf(subjectId: string, action: string) {
  return world.testApp.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, action)));
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('uploading files', () => {
  const accepted: [string, () => Buffer, string, string][] = [
    ['a PDF', () => samples.pdf, 'Oversight audit.pdf', 'application/pdf'],
    ['a PNG', () => samples.png, 'chart.png', 'image/png'],
    ['a JPEG', () => samples.jpeg, 'photo.jpg', 'image/jpeg'],
    [
      'a Word document',
      makeDocx,
      'plan.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'an Excel workbook',
      makeXlsx,
      'figures.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'an OpenDocument text',
      () => makeOpenDocument('text'),
      'minutes.odt',
      'application/vnd.oasis.opendocument.text',
    ],
    ['a CSV file', () => samples.csv, 'readings.csv', 'text/csv'],
  ];

  it.each(accepted)(
    'stores %s with its detected type, size and SHA-256, and gives the same bytes back',
    async (_, make, fileName, mediaType) => {
      const content = make();
      const response = await upload(world.as.hooWigan, wiganAction.id, content, fileName, {
        title: `Evidence: ${fileName}`,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
      }).expect(201);
      const item = response.body as Evidence;
      expect(item).toMatchObject({
        actionId: wiganAction.id,
        kind: 'file',
        title: `Evidence: ${fileName}`,
        fileName,
        mediaType,
        sizeBytes: content.length,
        sha256: sha256(content),
        url: null,
        note: null,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
        addedBy: { name: expect.any(String) },
        addedAt: '2026-02-02T10:00:00.000Z',
        removedAt: null,
        downloadUrl: `/api/v1/evidence/${item.id}/content`,
        fileNameNotice: null,
      });

      const download = await world.as.hooTameside.get(item.downloadUrl!).buffer(true).parse(bytes);
      expect(download.status).toBe(200);
      expect(Buffer.compare(download.body as Buffer, content)).toBe(0);
      expect(download.headers['content-type']).toMatch(new RegExp(`^${mediaType}`));
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      );
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['cache-control']).toBe('no-store');
      expect(await auditOf(item.id, 'evidence.added')).toHaveLength(1);
    },
  );

  it('keeps only the file name, never the path the browser sent', async () => {
    const response = await upload(
      world.as.hooWigan,
      wiganAction.id,
      samples.pdf,
      'C:\\Users\\me\\a.pdf',
    );
    expect(response.status).toBe(201);
    expect(response.body.fileName).toBe('a.pdf');
  });

  it.each(['update.hta', 'run.bat', 'fix.ps1', 'page.html'])(
    'stores text uploaded as %s under a .txt name, downloads it so, and tells the uploader',
    async (original) => {
      const safe = original.replace(/\.[a-z0-9]+$/, '.txt');
      const content = Buffer.from('<script>alert(1)</script>\n');
      const response = await upload(world.as.hooWigan, wiganAction.id, content, original).expect(
        201,
      );
      expect(response.body).toMatchObject({ fileName: safe, mediaType: 'text/plain' });
      expect(response.body.fileNameNotice).toMatch(
        new RegExp(`^Saved as "${safe}"\\. The name ended "\\.[a-z0-9]+"; it now ends "\\.txt"`),
      );
      const download = await world.as.hooWigan.get(response.body.downloadUrl).expect(200);
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="${safe}"; filename*=UTF-8''${safe}`,
      );
      const listed = await world.as.hooWigan
        .get(`/api/v1/actions/${wiganAction.id}/evidence`)
        .expect(200);
      expect(listed.body.items.find((e: Evidence) => e.id === response.body.id).fileName).toBe(
        safe,
      );
    },
  );

  it('drops direction characters without leaving a misleading extension, and says both', async () => {
    const response = await upload(
      world.as.hooWigan,
      wiganAction.id,
      samples.pdf,
      'report\u202Efdp.exe',
    ).expect(201);
    expect(response.body).toMatchObject({
      fileName: 'reportfdp.pdf',
      mediaType: 'application/pdf',
      fileNameNotice: expect.stringMatching(/ended "\.exe".*text-direction characters/),
    });
    const download = await world.as.hooWigan.get(response.body.downloadUrl).expect(200);
    expect(download.headers['content-disposition']).toContain('filename="reportfdp.pdf"');
    const [added] = await auditOf(response.body.id, 'evidence.added');
    expect(added!.after).toMatchObject({ fileNameNotice: response.body.fileNameNotice });
  });

  const refused: [string, () => Buffer, string][] = [
    ['an executable renamed .pdf', () => samples.executable, 'report.pdf'],
    ['a CSV with a NUL byte', () => Buffer.from('month,rate\n2023-01,\u000024\n'), 'data.csv'],
    ['text that is not valid UTF-8', () => Buffer.from([0x4f, 0x6b, 0xff, 0x0a]), 'notes.txt'],
    ['an empty file', () => Buffer.alloc(0), 'empty.pdf'],
    ['a zip that is no office file', () => makeZip([{ name: 'a.txt', content: 'a' }]), 'a.docx'],
    [
      'a zip declaring a huge unpacked size',
      () =>
        makeZip([
          { name: '[Content_Types].xml', content: '<Types/>' },
          {
            name: 'xl/workbook.xml',
            content: '<workbook/>',
            deflate: true,
            declaredSize: 4_000_000_000,
          },
        ]),
      'bomb.xlsx',
    ],
  ];

  it.each(refused)('refuses %s with 415 naming file, storing nothing', async (_, make, name) => {
    const before = await storedRows();
    const response = await upload(world.as.hooWigan, wiganAction.id, make(), name).expect(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 415, errors: [{ path: 'file' }] });
    expect(await storedRows()).toEqual(before);
  });

  it('needs a title and a file; refuses unknown fields and a backwards period', async () => {
    const noTitle = await upload(
      world.as.hooWigan,
      wiganAction.id,
      samples.pdf,
      'a.pdf',
      {},
    ).expect(400);
    expect(noTitle.body.errors).toEqual([{ path: 'title', message: expect.any(String) }]);
    const noFile = await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .field('title', 'Forgot the file')
      .expect(400);
    expect(noFile.body.errors).toEqual([{ path: 'file', message: 'is required' }]);
    const backwards = await upload(world.as.hooWigan, wiganAction.id, samples.pdf, 'a.pdf', {
      title: 'Backwards',
      periodStart: '2026-01-31',
      periodEnd: '2026-01-01',
    }).expect(400);
    expect(backwards.body.errors).toEqual([{ path: 'periodEnd', message: expect.any(String) }]);
    const unknown = await upload(world.as.hooWigan, wiganAction.id, samples.pdf, 'a.pdf', {
      title: 'Extra',
      url: 'https://example.org',
    }).expect(400);
    expect(unknown.body.errors[0].path).toBe('url');
    const wrongPart = await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .field('title', 'Wrong part')
      .attach('attachment', samples.pdf, 'a.pdf')
      .expect(400);
    expect(wrongPart.body.errors[0].path).toBe('attachment');
    const jsonFile = await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .send({ kind: 'file', title: 'No bytes' })
      .expect(400);
    expect(jsonFile.body.errors[0].path).toBe('file');
  });

  it('answers a malformed or overfull form with 400, storing nothing', async () => {
    const before = await storedRows();
    const url = `/api/v1/actions/${wiganAction.id}/evidence`;
    const noBoundary = await world.as.hooWigan
      .post(url)
      .set('content-type', 'multipart/form-data')
      .send('title=x')
      .expect(400);
    expect(noBoundary.headers['content-type']).toMatch(/^application\/problem\+json/);
    await world.as.hooWigan
      .post(url)
      .set('content-type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nunfinished')
      .expect(400);
    const twoFiles = await world.as.hooWigan
      .post(url)
      .field('title', 'Two files')
      .attach('file', samples.pdf, 'a.pdf')
      .attach('file', samples.png, 'b.png')
      .expect(400);
    expect(twoFiles.body.errors[0].path).toBe('file');
    const fileAsText = await world.as.hooWigan
      .post(url)
      .field('title', 'T')
      .field('file', 'x')
      .expect(400);
    expect(fileAsText.body.errors[0].path).toBe('file');
    const twice = await world.as.hooWigan
      .post(url)
      .field('title', 'One')
      .field('title', 'Two')
      .attach('file', samples.pdf, 'a.pdf')
      .expect(400);
    expect(twice.body.errors[0].path).toBe('title');
    let crowded = world.as.hooWigan.post(url);
    for (let index = 0; index < 10; index += 1) crowded = crowded.field(`extra${index}`, 'x');
    await crowded.attach('file', samples.pdf, 'a.pdf').expect(400);
    expect(await storedRows()).toEqual(before);
  });

  it('takes multipart only on the upload route, and other body types nowhere', async () => {
    await world.as.hooWigan
      .post(`/api/v1/recommendations/${rec('Wigan', 1).id}/actions`)
      .field('title', 'Multipart action')
      .expect(415);
    await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .set('content-type', 'application/pdf')
      .send(samples.pdf.toString('latin1'))
      .expect(415);
  });
});

describe('the size limit', () => {
  let small: TestApp;
  let wigan: SignedInClient;
  let action: Action;

  beforeAll(async () => {
    small = await createTestApp({ env: { EVIDENCE_MAX_BYTES: '1024' } });
    wigan = signedInClient(small.app, await small.signIn(demo.hooWigan));
    const wigan1 = (
      await wigan.get('/api/v1/recommendations?limit=200').expect(200)
    ).body.items.find(
      (r: Recommendation) => r.sourcePdu.name === 'Wigan' && r.number === 1,
    ) as Recommendation;
    action = await addAction(wigan, wigan1, 'Small limits');
  });
  afterAll(() => small.close());

  const rows = async () => ({
    evidence: await small.database.db.$count(evidence),
    files: await small.database.db.$count(evidenceFiles),
  });

  it('refuses a file over EVIDENCE_MAX_BYTES with 413, storing nothing', async () => {
    const before = await rows();
    const oversize = Buffer.from(`a,b\n${'1,2\n'.repeat(4096)}`);
    const response = await upload(wigan, action.id, oversize, 'big.csv').expect(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, errors: [{ path: 'file' }] });
    expect(await rows()).toEqual(before);
  });

  it('accepts a file of exactly the limit, and JSON evidence as before', async () => {
    const exact = Buffer.from('x'.repeat(1023) + '\n');
    const response = await upload(wigan, action.id, exact, 'exact.txt').expect(201);
    expect(response.body).toMatchObject({ sizeBytes: 1024, mediaType: 'text/plain' });
    await addNote(wigan, action.id).expect(201);
  });
});

describe('links and notes', () => {
  it('adds an http(s) link and a note, with no download', async () => {
    const link = await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .send({ kind: 'link', title: 'Audit tool', url: 'https://audit.example.org/report/7' })
      .expect(201);
    expect(link.body).toMatchObject({
      kind: 'link',
      url: 'https://audit.example.org/report/7',
      fileName: null,
      sha256: null,
      downloadUrl: null,
    });
    const note = await addNote(world.as.hooWigan, wiganAction.id).expect(201);
    expect(note.body).toMatchObject({ kind: 'note', note: expect.any(String), url: null });
    await world.as.hooWigan.get(`/api/v1/evidence/${note.body.id}/content`).expect(404);
    expect(await auditOf(link.body.id, 'evidence.added')).toHaveLength(1);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://files.example.org/a', 'x'])(
    'refuses the link %s, naming url',
    async (url) => {
      const response = await world.as.hooWigan
        .post(`/api/v1/actions/${wiganAction.id}/evidence`)
        .send({ kind: 'link', title: 'Bad link', url })
        .expect(400);
      expect(response.body.errors).toEqual([{ path: 'url', message: expect.any(String) }]);
    },
  );

  it('refuses a period that ends before it starts, and unknown or missing fields', async () => {
    const backwards = await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .send({
        kind: 'note',
        title: 'Backwards',
        note: 'n',
        periodStart: '2026-02-01',
        periodEnd: '2026-01-01',
      })
      .expect(400);
    expect(backwards.body.errors).toEqual([{ path: 'periodEnd', message: expect.any(String) }]);
    const extra = await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .send({ kind: 'note', title: 'Extra', note: 'n', url: 'https://example.org' })
      .expect(400);
    expect(extra.body.errors[0].path).toBe('url');
    const noKind = await world.as.hooWigan
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .send({ title: 'No kind' })
      .expect(400);
    expect(noKind.body.errors[0].path).toBe('kind');
  });
});

describe('who may see and add evidence', () => {
  it('lets the Wigan head of operations add to a Wigan action, not a Tameside one', async () => {
    await addNote(world.as.hooWigan, wiganAction.id).expect(201);
    const before = await storedRows();
    await addNote(world.as.hooWigan, tamesideAction.id).expect(403);
    await upload(world.as.hooWigan, tamesideAction.id, samples.pdf, 'a.pdf').expect(403);
    expect(await storedRows()).toEqual(before);
    await world.as.hooWigan.get(`/api/v1/actions/${tamesideAction.id}/evidence`).expect(200);
  });

  it('lets the region lead add anywhere in the region; the national lead reads', async () => {
    await addNote(world.as.rpd, tamesideAction.id).expect(201);
    await addNote(world.as.nationalLead, wiganAction.id).expect(403);
    await world.as.nationalLead.get(`/api/v1/actions/${wiganAction.id}/evidence`).expect(200);
  });

  it('hides live evidence from inspectors (404 everywhere)', async () => {
    const note = (await addNote(world.as.hooWigan, wiganAction.id).expect(201)).body as Evidence;
    const file = (await upload(world.as.hooWigan, wiganAction.id, samples.pdf, 'a.pdf').expect(201))
      .body as Evidence;
    await world.as.inspector.get(`/api/v1/actions/${wiganAction.id}/evidence`).expect(404);
    await addNote(world.as.inspector, wiganAction.id).expect(404);
    await world.as.inspector.get(file.downloadUrl!).expect(404);
    await world.as.inspector
      .post(`/api/v1/evidence/${note.id}/remove`)
      .send({ reason: 'Not mine' })
      .expect(404);
  });

  it('answers 404 across regions, both ways', async () => {
    const file = (await upload(world.as.hooWigan, wiganAction.id, samples.pdf, 'a.pdf').expect(201))
      .body as Evidence;
    const northWest = (path: string) =>
      request(world.testApp.app.server).get(path).set(bearer(northWestToken));
    await northWest(`/api/v1/actions/${wiganAction.id}/evidence`).expect(404);
    await northWest(file.downloadUrl!).expect(404);
    await request(world.testApp.app.server)
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .set(bearer(northWestToken))
      .send({ kind: 'note', title: 'Across', note: 'n' })
      .expect(404);
    await world.as.rpd.get(`/api/v1/actions/${northWestAction.id}/evidence`).expect(404);
    await addNote(world.as.rpd, northWestAction.id).expect(404);
    await addNote(world.as.hooWigan, northWestAction.id).expect(404);
    const own = await request(world.testApp.app.server)
      .post(`/api/v1/actions/${northWestAction.id}/evidence`)
      .set(bearer(northWestToken))
      .send({ kind: 'note', title: 'Own region', note: 'n' })
      .expect(201);
    expect(own.body.addedBy).toBeNull();
  });

  it('lets a read-only API client read, not add (403); others must sign in', async () => {
    await request(world.testApp.app.server)
      .get(`/api/v1/actions/${wiganAction.id}/evidence`)
      .set(bearer(gmReaderToken))
      .expect(200);
    await request(world.testApp.app.server)
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .set(bearer(gmReaderToken))
      .send({ kind: 'note', title: 'Read only', note: 'n' })
      .expect(403);
    await request(world.testApp.app.server)
      .get(`/api/v1/actions/${wiganAction.id}/evidence`)
      .expect(401);
    await request(world.testApp.app.server)
      .post(`/api/v1/actions/${wiganAction.id}/evidence`)
      .attach('file', samples.pdf, 'a.pdf')
      .expect(401);
  });

  it('answers 404 for an action or evidence that does not exist', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    await world.as.rpd.get(`/api/v1/actions/${nobody}/evidence`).expect(404);
    await addNote(world.as.rpd, nobody).expect(404);
    await world.as.rpd.get(`/api/v1/evidence/${nobody}/content`).expect(404);
    await world.as.rpd.post(`/api/v1/evidence/${nobody}/remove`).send({ reason: 'x' }).expect(404);
  });
});

describe('listing and removing', () => {
  it('lists newest first, a page at a time', async () => {
    const action = await addAction(world.as.hooWigan, rec('Wigan', 2), 'Paged evidence');
    const titles = ['first', 'second', 'third'];
    for (const title of titles) {
      await addNote(world.as.hooWigan, action.id, title).expect(201);
      world.testApp.clock.advanceMinutes(0.01);
    }
    const first = await world.as.hooWigan
      .get(`/api/v1/actions/${action.id}/evidence?limit=2`)
      .expect(200);
    expect(first.body.items.map((item: Evidence) => item.title)).toEqual(['third', 'second']);
    const rest = await world.as.hooWigan
      .get(`/api/v1/actions/${action.id}/evidence?limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(rest.body).toEqual({
      items: [expect.objectContaining({ title: 'first' })],
      nextCursor: null,
    });
    const forged = await world.as.hooWigan
      .get(`/api/v1/actions/${action.id}/evidence?cursor=bm90LWEtY3Vyc29y`)
      .expect(400);
    expect(forged.body.errors[0].path).toBe('cursor');
  });

  it('removes with a reason: flagged, unlisted by default, still downloadable', async () => {
    const action = await addAction(world.as.hooWigan, rec('Wigan', 3), 'Removal');
    const file = (
      await upload(world.as.hooWigan, action.id, samples.png, 'wrong chart.png').expect(201)
    ).body as Evidence;
    const missingReason = await world.as.hooWigan
      .post(`/api/v1/evidence/${file.id}/remove`)
      .send({})
      .expect(400);
    expect(missingReason.body.errors[0].path).toBe('reason');
    await world.as.hooTameside
      .post(`/api/v1/evidence/${file.id}/remove`)
      .send({ reason: 'Not theirs' })
      .expect(403);

    const removed = await world.as.hooWigan
      .post(`/api/v1/evidence/${file.id}/remove`)
      .send({ reason: 'Uploaded the wrong chart' })
      .expect(200);
    expect(removed.body).toMatchObject({
      id: file.id,
      removedAt: world.testApp.clock.now().toISOString(),
      removedBy: { name: expect.any(String) },
      removedReason: 'Uploaded the wrong chart',
    });
    await world.as.hooWigan
      .post(`/api/v1/evidence/${file.id}/remove`)
      .send({ reason: 'Again' })
      .expect(409);

    const listed = await world.as.hooWigan.get(`/api/v1/actions/${action.id}/evidence`).expect(200);
    expect(listed.body.items).toEqual([]);
    const all = await world.as.hooWigan
      .get(`/api/v1/actions/${action.id}/evidence?includeRemoved=true`)
      .expect(200);
    expect(all.body.items).toEqual([
      expect.objectContaining({ id: file.id, removedReason: 'Uploaded the wrong chart' }),
    ]);
    const download = await world.as.rpd
      .get(file.downloadUrl!)
      .buffer(true)
      .parse(bytes)
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, samples.png)).toBe(0);

    const [audit] = await auditOf(file.id, 'evidence.removed');
    expect(audit).toMatchObject({
      before: expect.objectContaining({ removedAt: null }),
      after: expect.objectContaining({ removedReason: 'Uploaded the wrong chart' }),
    });
  });
});

describe('auditing downloads', () => {
  const trailOf = async (evidenceId: string) =>
    (await world.as.rpd.get(`/api/v1/audit-events?subjectId=${evidenceId}`).expect(200)).body
      .items as AuditEvent[];

  it('records who downloaded which file, readable by the region lead', async () => {
    const file = (
      await upload(world.as.hooWigan, wiganAction.id, samples.pdf, 'audit.pdf').expect(201)
    ).body as Evidence;
    await world.as.hooTameside.get(file.downloadUrl!).set('x-request-id', 'download-1').expect(200);
    const downloads = (await trailOf(file.id)).filter((e) => e.action === 'evidence.downloaded');
    expect(downloads).toEqual([
      expect.objectContaining({
        actor: {
          type: 'user',
          id: expect.any(String),
          label: expect.stringContaining(demo.hooTameside),
        },
        subject: { type: 'evidence', id: file.id },
        requestId: 'download-1',
        after: {
          actionId: wiganAction.id,
          versionNumber: null,
          fileName: 'audit.pdf',
          mediaType: 'application/pdf',
          sha256: sha256(samples.pdf),
        },
      }),
    ]);
  });

  it('records no download for a refused request, a HEAD request, or evidence with no file', async () => {
    const file = (
      await upload(world.as.hooWigan, wiganAction.id, samples.pdf, 'hidden.pdf').expect(201)
    ).body as Evidence;
    const note = (await addNote(world.as.hooWigan, wiganAction.id).expect(201)).body as Evidence;
    await world.as.inspector.get(file.downloadUrl!).expect(404);
    await request(world.testApp.app.server)
      .get(file.downloadUrl!)
      .set(bearer(northWestToken))
      .expect(404);
    await request(world.testApp.app.server).get(file.downloadUrl!).expect(401);
    await world.as.hooWigan.get(`/api/v1/evidence/${note.id}/content`).expect(404);
    const wiganSession = await world.testApp.signIn(demo.hooWigan);
    await request(world.testApp.app.server)
      .head(file.downloadUrl!)
      .set('cookie', wiganSession)
      .expect(200);
    expect(await auditOf(file.id, 'evidence.downloaded')).toEqual([]);
    expect(await auditOf(note.id, 'evidence.downloaded')).toEqual([]);
  });
});

describe('evidence and completing an action', () => {
  it('completes once evidence exists, counting only evidence not removed', async () => {
    const action = await addAction(world.as.hooWigan, rec('Wigan', 4), 'Needs evidence');
    const url = `/api/v1/actions/${action.id}`;
    await world.as.hooWigan
      .patch(url)
      .set('if-match', '"1"')
      .send({ status: 'complete' })
      .expect(409);

    const kept = (await addNote(world.as.hooWigan, action.id, 'kept').expect(201)).body as Evidence;
    const dropped = (
      await upload(world.as.hooWigan, action.id, samples.pdf, 'draft.pdf').expect(201)
    ).body as Evidence;
    await world.as.hooWigan
      .post(`/api/v1/evidence/${dropped.id}/remove`)
      .send({ reason: 'A draft, not the final report' })
      .expect(200);
    expect((await world.as.hooWigan.get(url).expect(200)).body.evidenceCount).toBe(1);

    const complete = await world.as.hooWigan
      .patch(url)
      .set('if-match', '"1"')
      .send({ status: 'complete' })
      .expect(200);
    expect(complete.body).toMatchObject({ status: 'complete', evidenceCount: 1 });

    const lastOne = await world.as.hooWigan
      .post(`/api/v1/evidence/${kept.id}/remove`)
      .send({ reason: 'Wrong action' })
      .expect(409);
    expect(lastOne.body.title).toBe('Evidence still needed');
    await addNote(world.as.hooWigan, action.id, 'better').expect(201);
    await world.as.hooWigan
      .post(`/api/v1/evidence/${kept.id}/remove`)
      .send({ reason: 'Wrong action' })
      .expect(200);
  });
});

describe('the OpenAPI document', () => {
  it('documents the upload as JSON or multipart, and the download as the file types', async () => {
    const document = (await request(world.testApp.app.server).get('/api/openapi.json').expect(200))
      .body;
    const upload = document.paths['/api/v1/actions/{id}/evidence'].post;
    expect(Object.keys(upload.requestBody.content).sort()).toEqual([
      'application/json',
      'multipart/form-data',
    ]);
    const download = document.paths['/api/v1/evidence/{id}/content'].get;
    expect(Object.keys(download.responses['200'].content)).toContain('application/pdf');
    expect(document.components.schemas).toHaveProperty('Evidence');
  });
});
