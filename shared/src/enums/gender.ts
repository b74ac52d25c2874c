/** Genders a member may give when joining. */
export const GENDERS = ['female', 'male', 'other'] as const;

/** A member's gender. */
export type Gender = (typeof GENDERS)[number];
