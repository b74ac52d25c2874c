/** Who a token speaks for: a platform user not yet a member is a `visitor`. */
export const ROLES = ['member', 'visitor', 'clerk', 'manager'] as const;

/** The role carried by an access token. */
export type Role = (typeof ROLES)[number];

/** Roles a staff account may have. */
export const STAFF_ROLES = ['clerk', 'manager'] as const;

/** A staff account's role. */
export type StaffRole = (typeof STAFF_ROLES)[number];
