import { SetMetadata } from '@nestjs/common';

export const ALLOWS_API_KEY = 'vip-club:allows-api-key';

/** The header a store till sends its POS key in. */
export const API_KEY_HEADER = 'x-api-key';

/**
 * The route also admits a request carrying `X-Api-Key` instead of a bearer token; the global guard
 * lets such a request through and the route's own guard must then verify the key.
 */
export const AllowApiKey = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOWS_API_KEY, true);
