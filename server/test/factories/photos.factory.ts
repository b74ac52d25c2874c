// Image bytes for the feedback-photo tests: a real JPEG (4×3 pixels, with JFIF and an ICC profile, as
// Chromium's canvas encodes it), and the metadata blocks a phone camera writes into one, GPS included.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { FEEDBACK_PHOTO_PATH } from '@vip-club/shared';

/** A real baseline JPEG with no EXIF: JFIF APP0, ICC_PROFILE APP2, tables, one scan, EOI. */
export const PLAIN_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAdEAACAgMAAwAAAAAAAAAAAAABBAADAgUREiGB/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAXEQEBAQEAAAAAAAAAAAAAAAABAgAR/9oADAMBAAIRAxEAPwCpa/XKalOtRFWlJWvvhQvWK8Mekk8xHodJJ+xESPVTS1T1c3ADhv/Z',
  'base64',
);

/** The latitude a test looks for: if these bytes survive, the member's position did. */
export const GPS_LATITUDE_MARK = Buffer.from('GPS-22.2783N', 'latin1');

/** A JPEG marker segment: FF, the marker, the big-endian length, the payload. */
export function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * An EXIF APP1 payload as a phone writes one (little-endian TIFF): IFD0 with make, orientation and a
 * pointer to a GPS IFD holding the latitude (its rational values, then `GPS_LATITUDE_MARK` as the
 * processing-method text so a test can find it).
 */
export function exifPayload(orientation: number): Buffer {
  const tiff = Buffer.alloc(160);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0 at 8: three entries.
  tiff.writeUInt16LE(3, 8);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  entry(10, 0x010f, 2, 4, 0x00504f4f); // Make "OOP\0", inline
  entry(22, 0x0112, 3, 1, orientation);
  entry(34, 0x8825, 4, 1, 50); // GPS IFD pointer
  tiff.writeUInt32LE(0, 46);
  // GPS IFD at 50: latitude ref, latitude (3 rationals at 100), processing method (text at 130).
  tiff.writeUInt16LE(3, 50);
  entry(52, 0x0001, 2, 2, 0x4e); // "N"
  entry(64, 0x0002, 5, 3, 100);
  entry(76, 0x001b, 7, GPS_LATITUDE_MARK.length, 130);
  tiff.writeUInt32LE(0, 88);
  [22, 1, 16, 1, 4188, 100].forEach((n, i) => tiff.writeUInt32LE(n, 100 + i * 4));
  GPS_LATITUDE_MARK.copy(tiff, 130);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/** Where PLAIN_JPEG's APP0 (JFIF) segment ends: a phone's EXIF goes right after it. */
export const AFTER_APP0 = 4 + PLAIN_JPEG.readUInt16BE(4);

/** PLAIN_JPEG with `segments` inserted after its APP0, and `trailer` after its end. */
export function jpegWith(segments: Buffer[], trailer: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([
    PLAIN_JPEG.subarray(0, AFTER_APP0),
    ...segments,
    PLAIN_JPEG.subarray(AFTER_APP0),
    trailer,
  ]);
}

/** Where the test app keeps the file of the photo at `photoUrl` (named by its key, under CLUB_DATA_DIR). */
export function photoFileOf(dataDir: string, photoUrl: string): string {
  return join(dataDir, 'feedback-photos', FEEDBACK_PHOTO_PATH.exec(photoUrl)?.[2] as string);
}

export function fileExists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
