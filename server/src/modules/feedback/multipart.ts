/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  name: string;
  /** Present on file fields. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
/** More parts than any form of ours sends is a malformed or hostile body. */
const MAX_PARTS = 8;

/** The boundary named in a `multipart/form-data` content type; undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Splits a buffered `multipart/form-data` body (RFC 7578) into its parts; undefined when it is not
 * well formed. The body is already bounded by the route's size limit, so buffering it is safe; a
 * streaming parser would buy nothing for one photo of at most 2 MiB.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  at += delimiter.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    if (body.subarray(at, at + 2).toString('latin1') === '--') return parts;
    if (!body.subarray(at, at + 2).equals(CRLF) || parts.length === MAX_PARTS) return undefined;
    const headersEnd = body.indexOf(HEADERS_END, at + 2);
    if (headersEnd < 0) return undefined;
    const end = body.indexOf(nextDelimiter, headersEnd + HEADERS_END.length);
    if (end < 0) return undefined;
    const part = partOf(body.subarray(at + 2, headersEnd).toString('utf8'));
    if (!part) return undefined;
    parts.push({ ...part, data: body.subarray(headersEnd + HEADERS_END.length, end) });
    at = end + nextDelimiter.length;
  }
}

function partOf(headerBlock: string): Omit<MultipartPart, 'data'> | undefined {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return undefined;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value;
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) return undefined;
  const name = parameter(disposition, 'name');
  if (name === undefined) return undefined;
  const filename = parameter(disposition, 'filename');
  return { name, ...(filename === undefined ? {} : { filename }), ...(contentType ? { contentType } : {}) };
}

function parameter(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(header);
  return match ? (match[1] ?? match[2]) : undefined;
}
