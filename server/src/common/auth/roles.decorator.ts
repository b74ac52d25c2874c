import { SetMetadata } from '@nestjs/common';
import type { Role } from '@vip-club/shared';

export const ROLES = 'vip-club:roles';

/** Only callers whose token carries one of these roles may use the route; others get 403 FORBIDDEN. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);
