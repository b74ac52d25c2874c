import { ErrorCode, type FieldError } from '@vip-club/shared';
import { createZodValidationPipe } from 'nestjs-zod';
import { DomainError } from '../errors/domain-error';
import { fieldErrorsFromZodIssues, validationMessage } from '../errors/error-response';

/** A 400 VALIDATION_FAILED naming each bad field. */
export function validationError(details: FieldError[]): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, validationMessage(details), details);
}

/**
 * The global pipe: a parameter typed with a zod DTO (`class JoinInputDto extends
 * createZodDto(JoinInputSchema) {}`) is parsed by its schema, in `@Body()`, `@Query()` and `@Param()`.
 */
export const ZodValidationPipe = createZodValidationPipe({
  createValidationException: (error: unknown) => {
    const issues = (error as { issues?: unknown }).issues;
    if (!Array.isArray(issues)) return error instanceof Error ? error : new Error(String(error));
    return validationError(fieldErrorsFromZodIssues(issues));
  },
});
