export { AUTH_THROTTLER, AuthRateLimit, throttlerOptions } from './auth-rate-limit';
export { PHOTO_UPLOAD_THROTTLER, PhotoUploadRateLimit, PhotoUploadRateLimitGuard } from './photo-upload-rate-limit';
