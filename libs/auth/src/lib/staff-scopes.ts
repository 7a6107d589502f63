/**
 * Scopes carried by staff tokens only (never granted to integrator credentials, so they are not in
 * ALL_SCOPES). Staff tokens also carry permits:read and statistics:read.
 */
export const StaffScopes = {
  supervisionRead: 'supervision:read',
  supervisionWrite: 'supervision:write',
  /** audited corrections of submitted (locked) records */
  supervisionCorrect: 'supervision:correct',
  auditRead: 'audit:read',
  /**
   * The only scope of a token whose account must change its one-time password first: the gateway
   * refuses every route but the change-password route (403 PASSWORD_CHANGE_REQUIRED).
   */
  passwordChangeRequired: 'password:change-required',
} as const;

export type StaffScope = (typeof StaffScopes)[keyof typeof StaffScopes];
