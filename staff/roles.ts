/** Roles a staff account may have; shown to the client as "<name>, <role> has joined". */
export const STAFF_ROLES = ['nurse', 'social_counsellor', 'customer_service', 'admin'] as const;

/** One of STAFF_ROLES. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Whether `value` names a known role. */
export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
