/** Who is calling, as established by the gateway and passed along with every request. */
export type PrincipalKind = 'integrator' | 'staff';

/** Role of a staff account (省厅 PROVINCE, 市州 CITY, 县市区 COUNTY, 省厅管理员 ADMIN). */
export type StaffRole = 'PROVINCE' | 'CITY' | 'COUNTY' | 'ADMIN';
export const STAFF_ROLES: readonly StaffRole[] = ['PROVINCE', 'CITY', 'COUNTY', 'ADMIN'];

export interface Principal {
  kind: PrincipalKind;
  /** clientId for integrators, username for staff. */
  id: string;
  /** GB/T 2260 codes this caller may act on: 430000 = province, 4302 00 = city, 430223 = county. */
  regions: string[];
  scopes: string[];
  /** Sandbox credentials (联调测试) get numbers from a separate serial space. */
  sandbox?: boolean;
  /** Staff only: the account's role; its regions hold the one region the account is bound to. */
  role?: StaffRole;
}

/** Every request/reply payload carries the caller so the owning service re-checks region scope. */
export interface RpcRequest<T> {
  principal: Principal;
  body: T;
}
