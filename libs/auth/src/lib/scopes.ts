/** OAuth scopes an integrator credential may carry. */
export const Scopes = {
  permitsRead: 'permits:read',
  approvalWrite: 'approval:write',
  presaleIssue: 'presale:issue',
  contractsIssue: 'contracts:issue',
  /** clear (unmasked) buyer ID and phone numbers in contract filing responses; granted only to roles that need them */
  piiRead: 'pii:read',
} as const;

export type Scope = (typeof Scopes)[keyof typeof Scopes];
export const ALL_SCOPES: readonly string[] = Object.values(Scopes);
