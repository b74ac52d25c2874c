export { AUTH_THROTTLER, AuthRateLimit, throttlerOptions } from './auth-rate-limit';
