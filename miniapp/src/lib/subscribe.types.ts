/** The club's subscribe-message templates by the server's key (the outbox's `template`). */
export type SubscribeTemplate = 'event_invitation' | 'event_reminder' | 'greeting';

/** What the dialog answered for one template, as `POST /me/subscriptions` takes it. */
export interface SubscribeAnswer {
  template: SubscribeTemplate;
  accepted: boolean;
}

/** The platform seam for the subscribe dialog: each `subscribe.<platform>.ts` provides one. */
export interface PlatformSubscribe {
  /**
   * Opens the platform's dialog for these templates and answers one entry per template the member
   * decided on; an empty list when there is nothing to record (no dialog, no template ids configured).
   * WeChat shows the dialog only when this is called from a tap, before any await.
   */
  ask(templates: readonly SubscribeTemplate[]): Promise<SubscribeAnswer[]>;
}
