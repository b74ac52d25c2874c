/**
 * Whether a member's access token still speaks for a member of the club. An erased member's token
 * lives on for up to 15 minutes; the global guard asks this on every member request, so nothing she
 * sends after `DELETE /me` is served or stored. The members module provides it.
 */
export abstract class MemberAccess {
  /** Throws 401 UNAUTHENTICATED when the member is erased or unknown. */
  abstract assertCurrent(memberId: string): Promise<void>;
}
