export { ALLOWS_API_KEY, API_KEY_HEADER, AllowApiKey } from './allow-api-key.decorator';
export { ACCESS_TOKEN_TTL_SECONDS, type AuthUser } from './auth-user';
export { CurrentUser } from './current-user.decorator';
export { JwtAuthGuard } from './jwt-auth.guard';
export { MemberAccess } from './member-access';
export { IS_PUBLIC, Public } from './public.decorator';
export { Roles, ROLES } from './roles.decorator';
export { StaffAccess } from './staff-access';
