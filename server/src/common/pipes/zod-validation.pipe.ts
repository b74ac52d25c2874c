import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { ErrorCode, type FieldError } from '@vip-club/shared';
import { createZodValidationPipe } from 'nestjs-zod';
import { DomainError } from '../errors/domain-error';
import { fieldErrorsFromZodIssues, validationMessage } from '../errors/error-response';

/** A 400 VALIDATION_FAILED naming each bad field. */
export function validationError(details: FieldError[]): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, validationMessage(details), details);
}

const ZodDtoPipe = createZodValidationPipe({
  createValidationException: (error: unknown) => {
    const issues = (error as { issues?: unknown }).issues;
    if (!Array.isArray(issues)) return error instanceof Error ? error : new Error(String(error));
    return validationError(fieldErrorsFromZodIssues(issues));
  },
});

/**
 * The global pipe: a parameter typed with a zod DTO (`class JoinInputDto extends
 * createZodDto(JoinInputSchema) {}`) is parsed by its schema, in `@Body()`, `@Query()` and `@Param()`.
 * A body that reached a DTO as raw text or bytes (another content type, e.g. a CSV meant for the
 * import) is one error about the whole body, not a list of its characters as unknown fields.
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  private readonly inner = new ZodDtoPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype as { isZodDto?: boolean } | undefined;
    if (
      metadata.type === 'body' &&
      metatype?.isZodDto &&
      (typeof value === 'string' || Buffer.isBuffer(value))
    ) {
      throw validationError([
        { path: '', message: 'the body must be a JSON object (content-type application/json)' },
      ]);
    }
    return this.inner.transform(value, metadata);
  }
}
