// Feedback photos through HTTP on MariaDB: POST /feedback/photos takes one JPEG, PNG or WebP of at
// most 2 MB (the type judged by the first bytes, not the name or the declared type), keeps it under
// CLUB_DATA_DIR and answers an address that opens without a token only with its random key;
// POST /feedback takes that address from the member who uploaded it (not from another, not an
// arbitrary http URL), and the store's clerk sees the photo on the follow-up.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  FEEDBACK_PHOTO_MAX_BYTES,
  FEEDBACK_PHOTO_PATH,
  type Feedback,
  type FeedbackPhoto,
  type FollowUp,
  type Paginated,
} from '@vip-club/shared';
import type { Response } from 'supertest';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  type JoinedMember,
  loginAsNewVisitor,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { expectContractError, expectValidationFailed } from '../factories/contract/contract-http';
import { startTestApp, type TestApp } from '../setup/test-app';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');

/** A JPEG of exactly `size` bytes: the signature, then padding. */
function jpegOf(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  JPEG.copy(bytes);
  return bytes;
}

describe('feedback photos', () => {
  let club: TestApp;
  let shop: StoreAndClerk;
  let member: JoinedMember;
  let other: JoinedMember;

  beforeAll(async () => {
    club = await startTestApp();
    const managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    [member, other] = await Promise.all([
      joinMember(club.request, { storeId: shop.store.id }),
      joinMember(club.request, { storeId: shop.store.id }),
    ]);
  });
  afterAll(async () => {
    await club?.close();
  });

  const upload = (
    token: string | undefined,
    bytes: Buffer,
    options: { field?: string; filename?: string; contentType?: string } = {},
  ) => {
    const call = club.request.post(`${API}/feedback/photos`);
    if (token) void call.set(bearer(token));
    return call.attach(options.field ?? 'photo', bytes, {
      filename: options.filename ?? 'photo.jpg',
      contentType: options.contentType ?? 'image/jpeg',
    });
  };
  const uploaded = async (m: JoinedMember, bytes: Buffer): Promise<FeedbackPhoto> =>
    (await upload(m.accessToken, bytes).expect(201)).body as FeedbackPhoto;
  const open = (photoUrl: string) => club.request.get(photoUrl).buffer(true).parse(binary);

  it('keeps a PNG sent with a misleading name and type, and opens it by its address without a token', async () => {
    const res = await upload(member.accessToken, PNG, { filename: 'notes.txt', contentType: 'text/plain' });
    expect(res.status).toBe(201);
    const photo = res.body as FeedbackPhoto;
    expect(photo).toEqual({
      photoId: expect.stringMatching(/^\d+$/),
      photoUrl: expect.stringMatching(FEEDBACK_PHOTO_PATH),
      contentType: 'image/png',
      sizeBytes: PNG.length,
    });
    const shown = await open(photo.photoUrl);
    expect(shown.status).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    // Personal: the member's own browser may keep it, a shared cache on the way must not.
    expect(shown.headers['cache-control']).toMatch(/^private\b/);
    expect(Buffer.compare(shown.body as Buffer, PNG)).toBe(0);
    // The bytes are a file under the data directory, named by the key.
    const key = FEEDBACK_PHOTO_PATH.exec(photo.photoUrl)?.[2] as string;
    expect(await readdir(join(club.dataDir, 'feedback-photos'))).toContain(key);
  });

  it('tells JPEG and WebP by their first bytes', async () => {
    expect((await uploaded(member, JPEG)).contentType).toBe('image/jpeg');
    const webp = await upload(member.accessToken, WEBP, { filename: 'a.jpg', contentType: 'image/jpeg' });
    expect((webp.body as FeedbackPhoto).contentType).toBe('image/webp');
  });

  it('refuses what is not a JPEG, PNG or WebP, whatever it is called', async () => {
    for (const bytes of [
      GIF,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('RIFF....WAVE'),
    ]) {
      const res = await upload(member.accessToken, bytes, {
        filename: 'ring.jpg',
        contentType: 'image/jpeg',
      });
      expectValidationFailed(res, ['photo']);
    }
  });

  it('takes a photo of exactly 2 MB and refuses one byte more, and a far larger body, with 413', async () => {
    const largest = await uploaded(member, jpegOf(FEEDBACK_PHOTO_MAX_BYTES));
    expect(largest.sizeBytes).toBe(FEEDBACK_PHOTO_MAX_BYTES);
    expectContractError(
      await upload(member.accessToken, jpegOf(FEEDBACK_PHOTO_MAX_BYTES + 1)),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectContractError(await upload(member.accessToken, jpegOf(5 * 1024 * 1024)), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('is for members: no token 401, a visitor and a clerk 403', async () => {
    expectContractError(await upload(undefined, JPEG), 401, 'UNAUTHENTICATED');
    const visitor = await loginAsNewVisitor(club.request);
    expectContractError(await upload(visitor.accessToken, JPEG), 403, 'FORBIDDEN');
    expectContractError(await upload(shop.clerkToken, JPEG), 403, 'FORBIDDEN');
  });

  it('answers 400 in the contract shape for a body that is not one image in the photo field', async () => {
    const token = member.accessToken;
    const post = () => club.request.post(`${API}/feedback/photos`).set(bearer(token));
    expectValidationFailed(await post().send({ photo: 'data:image/jpeg;base64,/9j/' }), ['photo']);
    expectValidationFailed(await upload(token, JPEG, { field: 'image' }), ['photo']);
    expectValidationFailed(await upload(token, Buffer.alloc(0)), ['photo']);
    expectValidationFailed(
      await post().attach('photo', JPEG, { filename: 'a.jpg' }).attach('photo', PNG, { filename: 'b.png' }),
      ['photo'],
    );
    // A form field, not a file.
    expectValidationFailed(await post().field('photo', 'ring'), ['photo']);
    // A field or two beside the photo are ignored; a pile of them is refused (the parser's limit).
    expect((await post().field('note', 'x').attach('photo', JPEG, { filename: 'a.jpg' })).status).toBe(201);
    const crowded = post();
    for (let i = 0; i < 8; i += 1) void crowded.field(`note${i}`, 'x');
    expectValidationFailed(await crowded.attach('photo', JPEG, { filename: 'a.jpg' }), ['photo']);
    // Malformed: no closing boundary, and no boundary at all.
    const broken = Buffer.from(
      '--xyz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
      'latin1',
    );
    expectValidationFailed(
      await post().set('content-type', 'multipart/form-data; boundary=xyz').send(broken),
      ['photo'],
    );
    expectValidationFailed(await post().set('content-type', 'multipart/form-data').send(broken), ['photo']);
  });

  it('refuses a multipart body on every other route with 400 in the contract shape; JSON there is unchanged', async () => {
    const form = (path: string) =>
      club.request
        .post(`${API}${path}`)
        .set(bearer(member.accessToken))
        .field('subject', 'store')
        .field('rating', '5')
        .attach('photo', JPEG, { filename: 'a.jpg', contentType: 'image/jpeg' });
    // A route with a JSON body, and one whose body the form would otherwise have passed as empty.
    for (const path of ['/feedback', '/auth/refresh']) {
      const res = await form(path);
      expectValidationFailed(res, ['']);
      expect((res.body as { error: { details: unknown } }).error.details).toEqual([
        { path: '', message: expect.stringMatching(/not multipart/) },
      ]);
    }
    expectContractError(await form('/no-such-route'), 404, 'NOT_FOUND');
    // The same connection keeps serving JSON as before.
    const rated = await club.request
      .post(`${API}/feedback`)
      .set(bearer(member.accessToken))
      .send({ subject: 'store', rating: 5 });
    expect(rated.status).toBe(201);
  });

  it('answers 404 for a wrong key or an unknown id, and 400 for a malformed address', async () => {
    const photo = await uploaded(member, JPEG);
    const [, id, key] = FEEDBACK_PHOTO_PATH.exec(photo.photoUrl) as RegExpExecArray;
    const wrongKey = `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`;
    expectContractError(await club.request.get(`${API}/feedback/photos/${id}/${wrongKey}`), 404, 'NOT_FOUND');
    expectContractError(await club.request.get(`${API}/feedback/photos/999999999/${key}`), 404, 'NOT_FOUND');
    expectValidationFailed(await club.request.get(`${API}/feedback/photos/${id}/not-a-key`), ['key']);
  });

  it("a low rating carries the member's own photo to the store's follow-up; another's photo or a plain http URL is refused", async () => {
    const photo = await uploaded(member, JPEG);
    const give = (m: JoinedMember, photoUrl: string) =>
      club.request
        .post(`${API}/feedback`)
        .set(bearer(m.accessToken))
        .send({ subject: 'store', rating: 2, comment: '戒指的刻字有误', photoUrl });

    const theirs = await give(other, photo.photoUrl);
    expectContractError(theirs, 404, 'NOT_FOUND');
    expect((theirs.body as { error: { details: unknown } }).error.details).toEqual({ field: 'photoUrl' });
    expectValidationFailed(await give(member, 'http://img.example.com/ring.jpg'), ['photoUrl']);
    expectValidationFailed(await give(member, `http://127.0.0.1${photo.photoUrl}`), ['photoUrl']);

    const res = await give(member, photo.photoUrl);
    expect(res.status).toBe(201);
    const feedback = res.body as Feedback;
    expect(feedback.photoUrl).toBe(photo.photoUrl);
    const list = (
      await club.request.get(`${API}/staff/follow-ups?limit=100`).set(bearer(shop.clerkToken)).expect(200)
    ).body as Paginated<FollowUp>;
    const followUp = list.items.find((f) => f.id === feedback.followUpId);
    expect(followUp).toMatchObject({ photoUrl: photo.photoUrl, rating: 2, comment: '戒指的刻字有误' });
    expect((await open(photo.photoUrl)).status).toBe(200);
  });

  it("a member who leaves the club takes her photos along: the file, the address, and the follow-up's copy", async () => {
    const leaving = await joinMember(club.request, { storeId: shop.store.id });
    const photo = await uploaded(leaving, PNG);
    const feedback = (
      await club.request
        .post(`${API}/feedback`)
        .set(bearer(leaving.accessToken))
        .send({ subject: 'store', rating: 1, comment: '再也不来了', photoUrl: photo.photoUrl })
        .expect(201)
    ).body as Feedback;
    const key = FEEDBACK_PHOTO_PATH.exec(photo.photoUrl)?.[2] as string;
    expect(await readdir(join(club.dataDir, 'feedback-photos'))).toContain(key);
    const kept = await uploaded(member, JPEG);

    await club.request.delete(`${API}/me`).set(bearer(leaving.accessToken)).expect(204);

    expectContractError(await club.request.get(photo.photoUrl), 404, 'NOT_FOUND');
    expect(await readdir(join(club.dataDir, 'feedback-photos'))).not.toContain(key);
    const list = (
      await club.request.get(`${API}/staff/follow-ups?limit=100`).set(bearer(shop.clerkToken)).expect(200)
    ).body as Paginated<FollowUp>;
    expect(list.items.find((f) => f.id === feedback.followUpId)).toMatchObject({ photoUrl: null, rating: 1 });
    // Another member's photo is untouched.
    expect((await open(kept.photoUrl)).status).toBe(200);
  });

  it('takes no photo from a member who has left, though her 15-minute access token has not yet run out', async () => {
    const leaving = await joinMember(club.request, { storeId: shop.store.id });
    await uploaded(leaving, JPEG);
    await club.request.delete(`${API}/me`).set(bearer(leaving.accessToken)).expect(204);
    const before = await readdir(join(club.dataDir, 'feedback-photos'));

    // Erasure swept her photos already; one kept now would be hers forever, reachable by its address.
    expectContractError(await upload(leaving.accessToken, JPEG), 401, 'UNAUTHENTICATED');
    expect(await readdir(join(club.dataDir, 'feedback-photos'))).toEqual(before);
  });

  it('takes no rating from a member who has left: it would keep her words and open a follow-up', async () => {
    const leaving = await joinMember(club.request, { storeId: shop.store.id });
    await club.request.delete(`${API}/me`).set(bearer(leaving.accessToken)).expect(204);
    const rated = await club.request
      .post(`${API}/feedback`)
      .set(bearer(leaving.accessToken))
      .send({ subject: 'store', rating: 1, comment: '我已经不是会员了' });
    expectContractError(rated, 401, 'UNAUTHENTICATED');
    const list = (
      await club.request.get(`${API}/staff/follow-ups?limit=100`).set(bearer(shop.clerkToken)).expect(200)
    ).body as Paginated<FollowUp>;
    expect(list.items.map((f) => f.comment)).not.toContain('我已经不是会员了');
  });

  it('keeps no photo of a member whose upload races her erasure', async () => {
    const leaving = await Promise.all(
      Array.from({ length: 12 }, () => joinMember(club.request, { storeId: shop.store.id })),
    );
    const outcomes = await Promise.all(
      leaving.map(async (m) => {
        const [photo] = await Promise.all([
          upload(m.accessToken, JPEG),
          club.request.delete(`${API}/me`).set(bearer(m.accessToken)).expect(204),
        ]);
        // Refused as gone, or taken before she left and then swept with her.
        if (photo.status === 401) return 'refused';
        expect(photo.status).toBe(201);
        return (await open((photo.body as FeedbackPhoto).photoUrl)).status === 404 ? 'swept' : 'kept';
      }),
    );
    expect(outcomes).not.toContain('kept');
  });
});

/** Supertest's parser for an image answer: the raw bytes (it parses only text types by itself). */
function binary(res: Response, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
