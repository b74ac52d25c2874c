import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'vip-club:public';

/** The route needs no access token (logins, the store list, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
