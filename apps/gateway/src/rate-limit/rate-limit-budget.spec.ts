import { Principal } from '@hn/messages';
import { budgetOf, TOKEN_ROUTE } from './rate-limit-budget';
import { costOf, ROUTE_COSTS } from './rate-limit-costs';

const integrator = { kind: 'integrator', id: 'hn_abc', regions: ['430200'], scopes: [] } as unknown as Principal;
const staff = { kind: 'staff', id: 'li.si', regions: ['430000'], scopes: [] } as unknown as Principal;

describe(budgetOf.name, () => {
  it('gives a credential one budget whatever the route or address', () => {
    const a = budgetOf(integrator, '10.0.0.1', '/api/v1/construction-permits', null);
    const b = budgetOf(integrator, '10.0.0.2', '/api/v1/presale-permits', null);
    expect(a).toEqual({ policy: 'credential', key: 'integrator:hn_abc' });
    expect(b).toEqual(a);
    expect(budgetOf(staff, '10.0.0.1', '/api/v1/audit', null)).toEqual({ policy: 'staff', key: 'staff:li.si' });
  });

  it('limits unauthenticated callers per IP, the token route apart from the public routes', () => {
    expect(budgetOf(undefined, '10.0.0.1', '/public/v1/keys', null)).toEqual({
      policy: 'public-ip',
      key: 'ip:10.0.0.1',
    });
    expect(budgetOf(undefined, '10.0.0.1', '/public/v1/verify', null).key).toBe('ip:10.0.0.1');
    expect(budgetOf(undefined, '10.0.0.1', TOKEN_ROUTE, null)).toEqual({
      policy: 'token-ip',
      key: 'token:ip:10.0.0.1',
    });
  });

  it('keeps a route with its own limit (staff login) on a budget of its own per IP', () => {
    expect(budgetOf(undefined, '10.0.0.1', '/api/v1/auth/login', 'StaffController.login')).toEqual({
      policy: 'route-ip',
      key: 'route:StaffController.login:ip:10.0.0.1',
    });
  });
});

describe(costOf.name, () => {
  it('charges issuance, PDFs and exports more than ordinary calls', () => {
    expect(costOf('POST', '/api/v1/presale-permits')).toBe(5);
    expect(costOf('post', '/api/v1/presale-permits')).toBe(5);
    expect(costOf('GET', '/api/v1/presale-permits/:presaleNumber/print-layout.pdf')).toBe(5);
    expect(costOf('GET', '/api/v1/statistics/projects/export')).toBe(10);
    expect(costOf('GET', '/api/v1/presale-permits/:presaleNumber')).toBe(1);
    expect(costOf('GET', '/api/v1/presale-permits')).toBe(1);
  });

  it('has only positive integer costs', () => {
    for (const cost of Object.values(ROUTE_COSTS)) expect(Number.isInteger(cost) && cost >= 1).toBe(true);
  });
});
