/** What followed a contact within 30 days: the member came in (a purchase, a gift picked up, an event check-in) or bought. */
export interface ClerkActivity {
  staffId: string;
  name: string;
  storeId: string | null;
  active: boolean;
  /** members who have this clerk now */
  members: number;
  /** contacts (member_contacts rows) by this clerk in the period */
  contacts: number;
  /** distinct members among them */
  membersReached: number;
  /** contacts followed within 30 days by a purchase, a redemption fulfilment or an event check-in of that member */
  followedByVisit: number;
  /** contacts followed within 30 days by a purchase of that member */
  followedByPurchase: number;
  /** minor units: net amount of the purchases that followed (each purchase counted once per clerk) */
  followedSpend: number;
}

/** GET /staff/activity?from=YYYY-MM-DD&to=YYYY-MM-DD[&storeId=] (manager; club-calendar dates, inclusive; default the last 30 days). */
export interface ClerkActivityReport {
  from: string;
  to: string;
  items: ClerkActivity[];
}

/** The first thing a member did within 30 days of a contact. */
export interface ClerkContactOutcome {
  kind: 'purchase' | 'redemption' | 'check_in';
  at: string;
  amount?: number;
}

/**
 * GET /staff/{id}/contacts?from&to&limit&cursor (manager): one clerk's contacts in the period, newest first
 * (by `at`, then id), each with the first thing that followed within 30 days.
 */
export interface ClerkContact {
  id: string;
  memberId: string;
  memberNo: string;
  memberName: string;
  purpose: 'marketing' | 'service';
  text: string;
  at: string;
  followedBy: ClerkContactOutcome | null;
}

/** One page of a clerk's contacts in a period; `nextCursor` (the last item's id) asks for the next, null on the last. */
export interface ClerkContacts {
  items: ClerkContact[];
  nextCursor: string | null;
}
