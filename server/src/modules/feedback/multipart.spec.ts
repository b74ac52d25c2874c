import { imageTypeOf } from './image-type';
import { multipartBoundary, parseMultipart } from './multipart';

const form = (boundary: string, parts: string[]): Buffer =>
  Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`, 'latin1');

describe('multipartBoundary', () => {
  it('reads the boundary of a multipart/form-data type, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe('a b');
  });

  it('answers nothing for another type or a missing boundary', () => {
    expect(multipartBoundary(undefined)).toBeUndefined();
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary('multipart/form-datax; boundary=a')).toBeUndefined();
  });
});

describe('parseMultipart', () => {
  it('splits fields and files, keeping the bytes as sent (CRLF inside a file included)', () => {
    const parts = parseMultipart(
      form('xyz', [
        'Content-Disposition: form-data; name="note"\r\n\r\nhello',
        'Content-Disposition: form-data; name="photo"; filename="ring.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n\x00',
      ]),
      'xyz',
    );
    expect(parts).toHaveLength(2);
    expect(parts?.[0]).toEqual({ name: 'note', data: Buffer.from('hello') });
    expect(parts?.[1]).toMatchObject({
      name: 'photo',
      filename: 'ring.jpg',
      contentType: 'image/jpeg',
    });
    expect(parts?.[1]?.data).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0x0d, 0x0a, 0x00]));
  });

  it('refuses a body without its closing delimiter, without part headers, or not form-data', () => {
    const open = Buffer.from('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nbody', 'latin1');
    expect(parseMultipart(open, 'xyz')).toBeUndefined();
    expect(parseMultipart(Buffer.from('nothing here'), 'xyz')).toBeUndefined();
    expect(parseMultipart(form('xyz', ['Content-Type: text/plain\r\n\r\nx']), 'xyz')).toBeUndefined();
    expect(
      parseMultipart(form('xyz', ['Content-Disposition: attachment; name="a"\r\n\r\nx']), 'xyz'),
    ).toBeUndefined();
  });

  it('refuses more parts than any form of ours sends', () => {
    const many = Array.from({ length: 9 }, (_, i) => `Content-Disposition: form-data; name="f${i}"\r\n\r\nx`);
    expect(parseMultipart(form('b', many), 'b')).toBeUndefined();
    expect(parseMultipart(form('b', many.slice(0, 8)), 'b')).toHaveLength(8);
  });
});

describe('imageTypeOf', () => {
  it('tells JPEG, PNG and WebP by their signatures', () => {
    expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(imageTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(imageTypeOf(Buffer.from('RIFF\x00\x00\x00\x00WEBP', 'latin1'))).toBe('image/webp');
  });

  it('answers nothing for other files and for signatures cut short', () => {
    expect(imageTypeOf(Buffer.from('GIF89a'))).toBeUndefined();
    expect(imageTypeOf(Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'latin1'))).toBeUndefined();
    expect(imageTypeOf(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(imageTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(imageTypeOf(Buffer.alloc(0))).toBeUndefined();
  });
});
