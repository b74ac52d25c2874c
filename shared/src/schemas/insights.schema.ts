import { z } from 'zod';
import { IdSchema } from './common.schema';

/** GET /insights/overview: the whole club, or one store's members. */
export const InsightsOverviewQuerySchema = z.strictObject({ storeId: IdSchema.optional() });
export type InsightsOverviewQuery = z.infer<typeof InsightsOverviewQuerySchema>;
