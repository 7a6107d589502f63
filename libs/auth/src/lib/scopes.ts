/** OAuth scopes an integrator credential may carry. */
export const Scopes = {
  permitsRead: 'permits:read',
  approvalWrite: 'approval:write',
  presaleIssue: 'presale:issue',
  contractsIssue: 'contracts:issue',
  /** clear (unmasked) buyer ID and phone numbers in contract filing responses; granted only to roles that need them */
  piiRead: 'pii:read',
  /** 统计数据 (GET /api/v1/statistics/*) for the provincial platforms, inside the credential's regions; staff tokens carry it too */
  statisticsRead: 'statistics:read',
  /** 数据推送 pull API (GET /api/v1/exchange/events) for a credential bound to a subscriber (pullClientId) */
  exchangeRead: 'exchange:read',
} as const;

export type Scope = (typeof Scopes)[keyof typeof Scopes];
export const ALL_SCOPES: readonly string[] = Object.values(Scopes);
