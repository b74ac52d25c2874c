import Taro from '@tarojs/taro';
import { API_BASE_PATH, type ApiErrorBody, type AuthTokens } from '@vip-club/shared';
import { ApiError } from './api-error';
import { clearTokens, loadTokens, saveTokens, type SessionKind } from './tokens';

export { ApiError } from './api-error';

/** H5 is served by the club's own server, so it calls its own origin; mini-programs need a full URL. */
const BASE_URL = process.env.TARO_ENV === 'h5' ? API_BASE_PATH : API_BASE;

/** `https://club.example.com` of the configured API base, for paths the server hands out whole. */
const API_ORIGIN = API_BASE.replace(/^(https?:\/\/[^/]+).*$/i, '$1');

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** Whose token to send; none for login and public routes. */
  auth?: SessionKind;
  headers?: Record<string, string>;
}

type SessionLostListener = (kind: SessionKind) => void;
const sessionLostListeners = new Set<SessionLostListener>();

/** Called when a session cannot be renewed (refresh refused): the app returns to its login screen. */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return `${BASE_URL}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

interface RawResponse {
  status: number;
  data: unknown;
}

async function send(
  url: string,
  method: Method,
  body: unknown,
  headers: Record<string, string>,
): Promise<RawResponse> {
  try {
    const res = await Taro.request({
      url,
      method,
      data: body === undefined ? undefined : (body as Record<string, unknown>),
      // A JSON content type with no body is refused by the server (DELETE /me, for one).
      header: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      dataType: 'json',
    });
    return { status: res.statusCode, data: res.data };
  } catch (err) {
    throw new ApiError('NETWORK', 0, err instanceof Error ? err.message : 'network error');
  }
}

function toApiError(res: RawResponse): ApiError {
  const body = res.data as Partial<ApiErrorBody> | undefined;
  const error = body && typeof body === 'object' ? body.error : undefined;
  if (error && typeof error.code === 'string') {
    return new ApiError(error.code, res.status, error.message ?? error.code, error.details);
  }
  return new ApiError(res.status >= 500 ? 'INTERNAL' : 'UNKNOWN', res.status, `HTTP ${res.status}`);
}

// Several calls may find the token expired at once; they share one refresh, since a refresh token
// is spent on use and a second use would revoke the whole session.
const refreshing: Partial<Record<SessionKind, Promise<AuthTokens | undefined>>> = {};

function refreshSession(kind: SessionKind): Promise<AuthTokens | undefined> {
  const inFlight = refreshing[kind];
  if (inFlight) return inFlight;
  const run = (async () => {
    const current = loadTokens(kind);
    if (!current) return undefined;
    const res = await send(buildUrl('/auth/refresh'), 'POST', { refreshToken: current.refreshToken }, {});
    if (res.status !== 200) return undefined;
    const tokens = res.data as AuthTokens;
    saveTokens(kind, tokens);
    return tokens;
  })().finally(() => {
    delete refreshing[kind];
  });
  refreshing[kind] = run;
  return run;
}

function isAuthFailure(err: ApiError): boolean {
  return err.status === 401 && (err.code === 'TOKEN_EXPIRED' || err.code === 'UNAUTHENTICATED');
}

/** Calls the API; the one place the app touches the network. Throws ApiError on any failure. */
export function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const url = buildUrl(path, options.query);
  return withSession<T>(options.auth, options.headers, (headers) => send(url, method, options.body, headers));
}

/**
 * Uploads a local file (a path from `Taro.chooseImage`; a blob URL on H5) as `multipart/form-data`
 * with the file in `field`, and answers the JSON reply. Throws ApiError like `request`.
 */
export function upload<T>(
  path: string,
  file: { filePath: string; field: string },
  options: Pick<RequestOptions, 'auth' | 'headers'> = {},
): Promise<T> {
  const url = buildUrl(path);
  return withSession<T>(options.auth, options.headers, (headers) => sendFile(url, file, headers));
}

/** The full address of a path on the club's server (a photo it keeps): H5 shares the server's origin. */
export function serverUrl(path: string): string {
  if (process.env.TARO_ENV === 'h5' || !path.startsWith('/')) return path;
  return `${API_ORIGIN}${path}`;
}

async function sendFile(
  url: string,
  file: { filePath: string; field: string },
  headers: Record<string, string>,
): Promise<RawResponse> {
  try {
    const options: Taro.uploadFile.Option & { fileType?: 'image' } = {
      url,
      filePath: file.filePath,
      name: file.field,
      header: headers,
    };
    // Alipay's my.uploadFile refuses a call without the file's kind (Taro passes it through untouched);
    // the club only ever uploads photos.
    if (process.env.TARO_ENV === 'alipay') options.fileType = 'image';
    const res = await Taro.uploadFile(options);
    // uploadFile hands the body back as text, whatever its type.
    let data: unknown = res.data;
    try {
      data = JSON.parse(res.data);
    } catch {
      // Not JSON (a proxy's error page): the status alone speaks.
    }
    // Alipay may report the status as a string.
    return { status: Number(res.statusCode), data };
  } catch (err) {
    throw new ApiError('NETWORK', 0, err instanceof Error ? err.message : 'network error');
  }
}

/** Sends with the session's token; an expired one is renewed once and the call repeated. */
async function withSession<T>(
  auth: SessionKind | undefined,
  extraHeaders: Record<string, string> | undefined,
  sendWith: (headers: Record<string, string>) => Promise<RawResponse>,
): Promise<T> {
  const attempt = async (): Promise<RawResponse> => {
    const headers = { ...extraHeaders };
    const tokens = auth ? loadTokens(auth) : undefined;
    if (tokens) headers.Authorization = `Bearer ${tokens.accessToken}`;
    return sendWith(headers);
  };

  let res = await attempt();
  if (res.status >= 200 && res.status < 300) return res.data as T;
  let error = toApiError(res);
  if (auth && isAuthFailure(error)) {
    const renewed = await refreshSession(auth);
    if (!renewed) {
      clearTokens(auth);
      for (const listener of sessionLostListeners) listener(auth);
      throw error;
    }
    res = await attempt();
    if (res.status >= 200 && res.status < 300) return res.data as T;
    error = toApiError(res);
  }
  throw error;
}
