import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config';
import { IdentitiesRepository } from './identities.repository';
import { IdentitiesService } from './identities.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokensService } from './tokens.service';

/**
 * Platform identities and tokens, apart from the auth routes so that members (joining, erasure)
 * and auth (logins) can both use them without depending on each other.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // A prepared KeyObject: given the string, jsonwebtoken converts it into a key on every sign
        // and verify, which was ~6 % of the server's CPU under load.
        const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' } };
      },
    }),
  ],
  providers: [IdentitiesService, IdentitiesRepository, TokensService, RefreshTokensRepository],
  exports: [IdentitiesService, TokensService, JwtModule],
})
export class IdentityModule {}
