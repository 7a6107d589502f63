import { ContractScopes } from '@hn/messages';
import { ALL_SCOPES, Scopes } from './scopes';

describe('Scopes', () => {
  it('lists every scope a credential may carry, pii:read included', () => {
    expect([...ALL_SCOPES].sort()).toEqual([
      'approval:write',
      'contracts:issue',
      'exchange:read',
      'permits:read',
      'pii:read',
      'presale:issue',
      'statistics:read',
    ]);
  });

  it('uses the names the contracts service looks at', () => {
    expect(Scopes.contractsIssue).toBe(ContractScopes.issue);
    expect(Scopes.piiRead).toBe(ContractScopes.piiRead);
  });
});
