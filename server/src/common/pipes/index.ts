export { createZodDto } from 'nestjs-zod';
export { parseInput } from './parse-input';
export { validationError, ZodValidationPipe } from './zod-validation.pipe';
