export { Scopes, Scope, ALL_SCOPES } from './lib/scopes';
export { StaffScopes, StaffScope } from './lib/staff-scopes';
export { hashSecret, verifySecret, generateSecret } from './lib/secret-hash';
export { AccessTokenService, AccessTokenOptions, TokenVerification } from './lib/access-token.service';
export { Public, IS_PUBLIC } from './lib/public.decorator';
export {
  regionOf,
  assertRegionAllowed,
  assertRegionsAllowed,
  assertStaff,
  CORRECTOR,
  RegionCheck,
  RegionItem,
  StaffCheck,
} from './lib/region-scope';
export { authorizeRecount } from './lib/recount-access';
