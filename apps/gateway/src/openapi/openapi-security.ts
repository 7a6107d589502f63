import { Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { SecurityRequirementObject, SecuritySchemeObject } from '@nestjs/swagger';
import { ALL_SCOPES, Scope, StaffScope, StaffScopes } from '@hn/auth';
import { STAFF_ROLES, StaffRole } from '@hn/messages';
import { ALLOW_PASSWORD_CHANGE_PENDING, IS_PUBLIC, REQUIRED_ROLES, REQUIRED_SCOPES } from '../auth/auth.decorators';
import { ANY_OF_SCOPES } from '../presale/any-scope.guard';
import { scopesForRole } from '../staff/staff-rules';

/** Names of the security schemes in components.securitySchemes. */
export const OAUTH2 = 'oauth2';
export const STAFF_BEARER = 'staffBearer';

/** Every scope an integrator credential may carry, described (a new scope without a description does not compile). */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  'permits:read':
    '查询施工许可（检索、单体、电子证照）、预售许可与合同备案 read construction permits, presale permits and filings',
  'approval:write':
    '工改系统推送施工许可、提交施工许可审批申请 approval system: push permits, submit permit applications',
  'presale:issue': '预售许可取号，查询本凭据取得的预售许可 issue presale numbers and read them',
  'contracts:issue': '合同网签备案取号与注销，查询备案 file and cancel contracts, read filings',
  'pii:read':
    '应答中的买受人证件号码与电话为明文（无此权限范围时脱敏）；本身不开放任何接口 clear buyer ID and phone numbers in replies (masked without it); opens no route by itself',
  'statistics:read': '统计数据 GET /api/v1/statistics/*（本凭据区划内） statistics inside the credential’s regions',
  'exchange:read':
    '数据推送拉取 GET /api/v1/exchange/events（凭据须绑定订阅方） pull the data exchange feed of the bound subscriber',
};

/** Scopes of staff tokens (never granted to integrator credentials), described for the staff scheme. */
export const STAFF_SCOPE_DESCRIPTIONS: Readonly<Record<StaffScope, string>> = {
  'supervision:read': '监管数据查询 read supervision data',
  'supervision:write': '监管数据录入、提交 write and submit supervision data',
  'supervision:correct': '已提交记录的留痕更正（仅 ADMIN） audited corrections of submitted records (ADMIN)',
  'audit:read': '审计日志 audit log',
  'password:change-required':
    '一次性密码未修改：只能调用修改密码接口 one-time password not changed yet: change-password only',
};

const ROLE_NAMES: Readonly<Record<StaffRole, string>> = {
  PROVINCE: '省厅',
  CITY: '市州',
  COUNTY: '县市区',
  ADMIN: '省厅管理员',
};

/** What the guards (AccessTokenGuard, AnyScopeGuard) require of a route, read exactly as they read it. */
export interface RouteAccess {
  public: boolean;
  /** staff roles, one of which is needed (empty: no role needed) */
  roles: StaffRole[];
  /** scopes all of which are needed */
  allOf: string[];
  /** scopes one of which is needed (empty: none) */
  anyOf: string[];
  /** the one route a token of an unchanged one-time password may call */
  passwordChangePending: boolean;
}

export function routeAccess(
  reflector: Reflector,
  controller: Type,
  handler: (...args: unknown[]) => unknown,
): RouteAccess {
  const targets = [handler, controller];
  return {
    public: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
    roles: [...(reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets) ?? [])],
    allOf: [...(reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets) ?? [])],
    anyOf: [...(reflector.getAllAndOverride<string[] | undefined>(ANY_OF_SCOPES, targets) ?? [])],
    passwordChangePending: reflector.getAllAndOverride<boolean>(ALLOW_PASSWORD_CHANGE_PENDING, targets) === true,
  };
}

/** Staff roles whose tokens pass the route's role and scope checks (their scopes come from the role only). */
export function staffRolesFor(access: RouteAccess): StaffRole[] {
  if (access.public) return [];
  const candidates = access.roles.length > 0 ? access.roles : [...STAFF_ROLES];
  return candidates.filter((role) => {
    const scopes = scopesForRole(role);
    return (
      access.allOf.every((s) => scopes.includes(s)) &&
      (access.anyOf.length === 0 || access.anyOf.some((s) => scopes.includes(s)))
    );
  });
}

/**
 * The operation's `security`: public → []; an integrator alternative per set of OAuth2 scopes that
 * passes (all of allOf, plus one of anyOf), when no staff role is required and every scope is one an
 * integrator may hold; a staff bearer alternative when some staff role passes (roles in the description).
 */
export function securityFor(access: RouteAccess): SecurityRequirementObject[] {
  if (access.public) return [];
  const out: SecurityRequirementObject[] = [];
  const integratorScope = (s: string): boolean => ALL_SCOPES.includes(s);
  if (access.roles.length === 0 && access.allOf.every(integratorScope)) {
    if (access.anyOf.length === 0) out.push({ [OAUTH2]: [...access.allOf] });
    else
      for (const one of access.anyOf.filter(integratorScope))
        out.push({ [OAUTH2]: [...new Set([...access.allOf, one])] });
  }
  if (staffRolesFor(access).length > 0) out.push({ [STAFF_BEARER]: [] });
  return out;
}

/** One paragraph for the operation's description: who may call it (OpenAPI 3.0 lists no roles for bearer). */
export function accessDescription(access: RouteAccess): string {
  if (access.public) return '**访问 Access**：公开接口，无需令牌 public, no token.';
  const parts: string[] = [];
  const oauth = securityFor(access).flatMap((s) => (s[OAUTH2] ? [s[OAUTH2]] : []));
  if (oauth.length > 0)
    parts.push(
      `集成方凭据 integrator credential (OAuth2)：${oauth
        .map((scopes) =>
          scopes.length > 0 ? scopes.map((s) => `\`${s}\``).join(' + ') : '任一有效凭据 any credential',
        )
        .join(' 或 or ')}`,
    );
  const roles = staffRolesFor(access);
  if (roles.length > 0) {
    const held = access.anyOf.filter((s) => roles.some((r) => scopesForRole(r).includes(s)));
    const staffScopes = [...access.allOf, ...(held.length > 0 ? [held.join(' | ')] : [])];
    parts.push(
      `工作人员 staff (${STAFF_BEARER})：角色 roles ${roles.map((r) => `${r} ${ROLE_NAMES[r]}`).join('、')}` +
        (staffScopes.length > 0 ? `；权限范围 scopes ${staffScopes.map((s) => `\`${s}\``).join(' + ')}` : ''),
    );
  }
  if (access.passwordChangePending)
    parts.push(
      `一次性密码未修改的令牌（\`${StaffScopes.passwordChangeRequired}\`）也可调用 also for a token of an unchanged one-time password`,
    );
  if (parts.length === 0) parts.push('无任何凭据可调用 no credential passes');
  return `**访问 Access**：${parts.join('；')}。`;
}

export function securitySchemes(tokenUrl: string): Record<string, SecuritySchemeObject> {
  const roleTable = STAFF_ROLES.map(
    (r) =>
      `| ${r} ${ROLE_NAMES[r]} | ${scopesForRole(r)
        .map((s) => `\`${s}\``)
        .join(' ')} |`,
  );
  return {
    [OAUTH2]: {
      type: 'oauth2',
      description:
        '集成方（市县预售许可系统、网签系统、工改系统、省级平台）：OAuth2 客户端凭据模式，`client_id` 与 `client_secret` 放在请求体中（client_secret_post，不支持 HTTP Basic）；令牌为 Bearer，有效期见 `expires_in`。\n\n' +
        'Integrators: OAuth2 client-credentials grant with client_id / client_secret in the form or JSON body (client_secret_post; HTTP Basic is not supported); send the token as `Authorization: Bearer`.\n\n' +
        '在 /api/docs 的 Authorize 中请将 Client credentials location 选为 Request body。In the Authorize dialog of /api/docs, choose Client credentials location: Request body.',
      flows: { clientCredentials: { tokenUrl, scopes: { ...SCOPE_DESCRIPTIONS } } },
    },
    [STAFF_BEARER]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        '工作人员（省厅、市州、县市区、管理员）：POST /api/v1/auth/login 以用户名和密码取得令牌（控制台用会话 Cookie 加 CSRF 头）。权限范围由角色决定；各接口所需角色写在其说明「访问 Access」中。\n\n' +
        'Staff: a token from POST /api/v1/auth/login (the console uses the session cookie plus the CSRF header). Scopes follow from the role; the roles an operation needs are in its description (Access).\n\n' +
        '| 角色 role | 权限范围 scopes |\n|---|---|\n' +
        roleTable.join('\n') +
        '\n\n' +
        Object.entries(STAFF_SCOPE_DESCRIPTIONS)
          .map(([s, d]) => `- \`${s}\`：${d}`)
          .join('\n'),
    },
  };
}
