import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorCode } from '@vip-club/shared';
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
  SwaggerModule.setup(DOCS_PATH, app, withErrorResponses(cleanupOpenApiDoc(document)), {
    jsonDocumentUrl: `${DOCS_PATH}/json`,
    yamlDocumentUrl: `${DOCS_PATH}/yaml`,
    customSiteTitle: 'VIP Club API',
    swaggerOptions: { persistAuthorization: true },
  });
}

const ERROR_SCHEMA = 'ApiError';

/** Every operation can fail in the contract's one error shape: say so once, as the default response. */
function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[ERROR_SCHEMA] = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: Object.values(ErrorCode) },
          message: { type: 'string' },
          details: {
            description: 'For VALIDATION_FAILED: one {path, message} per bad field',
            oneOf: [
              {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['path', 'message'],
                  properties: { path: { type: 'string' }, message: { type: 'string' } },
                },
              },
              { type: 'object', additionalProperties: true },
            ],
          },
        },
      },
    },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      operation.responses.default ??= {
        description: 'An error: `{"error": {"code", "message", "details"}}`',
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } },
      };
    }
  }
  return document;
}
