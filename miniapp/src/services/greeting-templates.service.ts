import type { GreetingTemplate, GreetingTemplateInput, GreetingTemplates } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /greeting-templates` (clerk, manager): newest first. */
export async function listGreetingTemplates(): Promise<GreetingTemplate[]> {
  const answer = await request<GreetingTemplates>('/greeting-templates', { auth: 'staff' });
  return answer.items;
}

/** `POST /greeting-templates` (manager). */
export function createGreetingTemplate(input: GreetingTemplateInput): Promise<GreetingTemplate> {
  return request<GreetingTemplate>('/greeting-templates', { method: 'POST', body: input, auth: 'staff' });
}
