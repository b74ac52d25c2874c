export { LoggingModule } from './logging.module';
export { REDACT_PATHS, SENSITIVE_FIELDS, redactUrl } from './redaction';
