/** Who is calling, as established by the gateway and passed along with every request. */
export type PrincipalKind = 'integrator' | 'staff';

export interface Principal {
  kind: PrincipalKind;
  /** clientId for integrators, username for staff. */
  id: string;
  /** GB/T 2260 codes this caller may act on: 430000 = province, 4302 00 = city, 430223 = county. */
  regions: string[];
  scopes: string[];
  /** Sandbox credentials (联调测试) get numbers from a separate serial space. */
  sandbox?: boolean;
}

/** Every request/reply payload carries the caller so the owning service re-checks region scope. */
export interface RpcRequest<T> {
  principal: Principal;
  body: T;
}
