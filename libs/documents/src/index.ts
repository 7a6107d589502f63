export { checkScanBytes, detectScanType, safeFileName, ScanProblem, sha256Hex } from './lib/scan-type';
export { isScanRef, ScanStaging } from './lib/scan-staging';
