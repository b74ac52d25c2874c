import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

export const DOCS_PATH = 'api/docs';

/** OpenAPI generated from the controllers' zod DTOs: UI at /api/docs, JSON at /api/docs/json. */
export function setupOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('VIP Club API')
      .setDescription(
        'The club\'s HTTP contract. Errors answer `{"error": {"code", "message", "details"}}`; ' +
          'authenticate with `Authorization: Bearer <accessToken>` from one of the /auth routes.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, cleanupOpenApiDoc(document), {
    jsonDocumentUrl: `${DOCS_PATH}/json`,
    yamlDocumentUrl: `${DOCS_PATH}/yaml`,
    customSiteTitle: 'VIP Club API',
    swaggerOptions: { persistAuthorization: true },
  });
}
