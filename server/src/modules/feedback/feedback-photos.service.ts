import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ErrorCode,
  FEEDBACK_PHOTO_MAX_BYTES,
  type FeedbackPhoto,
  type FeedbackPhotoType,
  feedbackPhotoPath,
} from '@vip-club/shared';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { AppConfig } from '../../config/app-config';
import { type MemberErasing, MemberHooks } from '../members/member-hooks';
import { retryOnDeadlock } from '../points/transaction-retry';
import { FeedbackRepository } from './feedback.repository';
import { stripImageMetadata } from './image-metadata';
import { imageTypeOf } from './image-type';

/** The form field the photo travels in (`Taro.uploadFile({name: 'photo'})`). */
export const PHOTO_FIELD = 'photo';

/** How long a photo may wait for its rating: a member picks it, then writes her words. */
export const UNATTACHED_PHOTO_KEPT_MS = 24 * 60 * 60 * 1000;
const SWEEP_PAGE = 500;
/**
 * How far back the sweep looks for files with no row. Such a file is left only at its upload (the
 * process stopped between writing it and inserting its row) or by an erasure whose delete failed, so
 * the files of the last week are enough for a daily job, and spare it checking every photo ever kept.
 */
const STRAY_FILES_LOOKBACK_MS = 7 * UNATTACHED_PHOTO_KEPT_MS;
const PHOTO_FILE_NAME = /^[0-9a-f]{32}$/;

/**
 * Members' feedback photos. The bytes live as files under `CLUB_DATA_DIR/feedback-photos/` (the
 * contract's place for uploads; servers sharing one database must share that directory too), named
 * by a random key; the database row says whose photo it is, so `POST /feedback` takes only the
 * member's own. The address carries the key because an image tag cannot send a bearer token: whoever
 * is given the address (the member, the store's clerks on the follow-up) can open it, nobody can guess it.
 */
@Injectable()
export class FeedbackPhotosService implements OnModuleInit {
  private readonly dir: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly feedback: FeedbackRepository,
    private readonly memberHooks: MemberHooks,
    config: AppConfig,
  ) {
    this.dir = path.join(config.dataDir, 'feedback-photos');
  }

  onModuleInit(): void {
    this.memberHooks.onErasing((event) => this.onErasing(event));
  }

  /**
   * A member who leaves takes their photos along. The files go at once, inside the erasure's
   * transaction: should it roll back, only the photos of a member who asked to be forgotten are lost.
   */
  async onErasing({ em, memberId }: MemberErasing): Promise<void> {
    const keys = await this.feedback.erasePhotos(em, memberId);
    await Promise.all(keys.map((key) => unlink(path.join(this.dir, key)).catch(() => undefined)));
  }

  async upload(memberId: string, form: FastifyRequest, now = new Date()): Promise<FeedbackPhoto> {
    const sent = await photoBytes(form);
    const type = imageTypeOf(sent);
    if (!type) throw photoInvalid('must be a JPEG, PNG or WebP image');
    // Clerks open the file: the camera's GPS position (often the member's home) stays with her.
    const bytes = stripImageMetadata(sent, type);
    const accessKey = randomBytes(16).toString('hex');
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, accessKey);
    // The file first: a row always has its bytes; a failed insert leaves no orphan file behind.
    await writeFile(file, bytes, { flag: 'wx' });
    let id: string | null;
    try {
      id = await this.feedback.insertPhotoOfLiveMember({
        memberId,
        accessKey,
        contentType: type,
        sizeBytes: bytes.length,
        createdAt: now,
        attachedAt: null,
      });
    } catch (err) {
      await unlink(file).catch(() => undefined);
      throw err;
    }
    if (id === null) {
      // Erased while her access token (15 minutes) still runs: a photo kept now would never be swept.
      await unlink(file).catch(() => undefined);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This membership no longer exists; log in again');
    }
    return {
      photoId: id,
      photoUrl: feedbackPhotoPath(id, accessKey),
      contentType: type,
      sizeBytes: bytes.length,
    };
  }

  /**
   * Deletes the photos uploaded more than a day before `now` that no rating names (the member gave
   * up, or uploaded and left): rows a page at a time, each page in one transaction, the files once it
   * committed. Safe to run again or on several servers at once: a photo goes once, a file already
   * gone is no error, and a rating attaching a photo meanwhile either keeps it or is told it is gone.
   */
  async sweepUnattached(now: Date): Promise<{ removed: number; strayFiles: number }> {
    const before = new Date(now.getTime() - UNATTACHED_PHOTO_KEPT_MS);
    let removed = 0;
    for (let afterId = '0'; ;) {
      // Only photos no rating has marked attached: the sweep's work grows with those, not with all kept.
      const ids = await this.feedback.unattachedPhotosUploadedBefore(before, afterId, SWEEP_PAGE);
      if (ids.length === 0) break;
      afterId = ids[ids.length - 1];
      const keys = await retryOnDeadlock(() =>
        this.dataSource.transaction((em) => this.feedback.deleteUnattachedPhotos(em, ids)),
      );
      await Promise.all(keys.map((key) => unlink(path.join(this.dir, key)).catch(() => undefined)));
      removed += keys.length;
      if (ids.length < SWEEP_PAGE) break;
    }
    return { removed, strayFiles: await this.sweepStrayFiles(before) };
  }

  /** Deletes the photo files written in the week before `before` that no row names. */
  private async sweepStrayFiles(before: Date): Promise<number> {
    const since = before.getTime() - STRAY_FILES_LOOKBACK_MS;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const candidates: string[] = [];
    for (const name of names) {
      if (!PHOTO_FILE_NAME.test(name)) continue;
      const written = await stat(path.join(this.dir, name)).then(
        (s) => s.mtimeMs,
        () => null,
      );
      if (written !== null && written >= since && written < before.getTime()) candidates.push(name);
    }
    let removed = 0;
    for (let i = 0; i < candidates.length; i += SWEEP_PAGE) {
      const page = candidates.slice(i, i + SWEEP_PAGE);
      const kept = new Set(await this.feedback.existingPhotoKeys(page));
      const stray = page.filter((name) => !kept.has(name));
      await Promise.all(stray.map((name) => unlink(path.join(this.dir, name)).catch(() => undefined)));
      removed += stray.length;
    }
    return removed;
  }

  /** The photo's bytes and type; 404 for an unknown id, a wrong key, or a file gone from the disk. */
  async read(id: string, key: string): Promise<{ contentType: FeedbackPhotoType; bytes: Buffer }> {
    const row = await this.feedback.findPhoto(id);
    if (!row || !sameKey(row.accessKey, key)) throw photoNotFound();
    try {
      return { contentType: row.contentType, bytes: await readFile(path.join(this.dir, row.accessKey)) };
    } catch {
      throw photoNotFound();
    }
  }
}

/**
 * The one image file in the form (read by @fastify/multipart, registered with the photo's limits in
 * `common/http/multipart.ts`); each way the body can be wrong is a 400, 413 past the size.
 */
async function photoBytes(form: FastifyRequest): Promise<Buffer> {
  if (!form.isMultipart()) {
    throw photoInvalid(`send one image as multipart/form-data in the "${PHOTO_FIELD}" field`);
  }
  const { RequestFileTooLargeError, FilesLimitError, FieldsLimitError, PartsLimitError } =
    form.server.multipartErrors;
  let photo: Buffer | undefined;
  try {
    // Every part is read to the end, even a misplaced file (at most one, 2 MB): leaving the body
    // half-read would stall the connection for the client's next request.
    for await (const part of form.parts()) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      if (part.fieldname === PHOTO_FIELD) photo = bytes;
    }
  } catch (err) {
    if (err instanceof RequestFileTooLargeError) {
      throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, 'A feedback photo is at most 2 MB', {
        field: PHOTO_FIELD,
        maxBytes: FEEDBACK_PHOTO_MAX_BYTES,
      });
    }
    if (err instanceof FilesLimitError) throw photoInvalid('send one image at a time');
    if (err instanceof FieldsLimitError || err instanceof PartsLimitError) {
      throw photoInvalid('send the image alone, without further fields');
    }
    // What is left is the parser's word on the body itself (no boundary, cut short, a bad part
    // header) or the client going away mid-upload: the sender's fault either way, not a 500.
    throw photoInvalid('the multipart/form-data body is malformed');
  }
  if (!photo) throw photoInvalid(`send the image as a file in the "${PHOTO_FIELD}" field`);
  if (photo.length === 0) throw photoInvalid('is empty');
  return photo;
}

function photoInvalid(message: string): DomainError {
  return validationError([{ path: PHOTO_FIELD, message }]);
}

function photoNotFound(): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, 'No such photo');
}

function sameKey(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
