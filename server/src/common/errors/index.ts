export { AllExceptionsFilter, sendError } from './all-exceptions.filter';
export { DomainError } from './domain-error';
export {
  fieldErrorsFromZodIssues,
  toErrorResponse,
  validationMessage,
  type ErrorResponse,
} from './error-response';
export { statusForErrorCode } from './error-status';
