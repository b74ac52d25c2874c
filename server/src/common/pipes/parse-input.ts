import type { z } from 'zod';
import { fieldErrorsFromZodIssues } from '../errors/error-response';
import { validationError } from './zod-validation.pipe';

/**
 * Parses a value a client sent outside the DTO-typed parameters (a header, a decoded code) and
 * fails the way a bad body does. `field` names it in the error details (`Idempotency-Key`).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = fieldErrorsFromZodIssues(result.error.issues).map((d) => ({
    path: [field, d.path].filter(Boolean).join('.'),
    message: d.message,
  }));
  throw validationError(details);
}
