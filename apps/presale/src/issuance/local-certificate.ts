import { PresaleSubmissionV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';
import type { LocalCertificateRepository } from './local-certificate.repository';
import { PresaleErrors } from './presale.exception';

/** Name of the partial unique index on live records (migration 1766200000000). */
export const LOCAL_CERTIFICATE_INDEX = 'presale_permit_local_certificate_uq';

/**
 * Comparison key of an issuing authority or local certificate number (本地证号): Unicode NFKC (full-width
 * digits, letters and brackets become their ASCII forms), every whitespace removed, upper case. The
 * record keeps the text as submitted (trimmed); only the key decides "the same certificate".
 */
export function certificateKey(text: string): string {
  return text.normalize('NFKC').replace(/\s/gu, '').toUpperCase();
}

export interface LocalCertificateKeys {
  authorityKey: string;
  certificateKey: string;
}

export function localCertificateKeysOf(
  submission: Pick<PresaleSubmissionV1, 'issuingAuthority' | 'localCertificateNumber'>,
): LocalCertificateKeys {
  return {
    authorityKey: certificateKey(submission.issuingAuthority),
    certificateKey: certificateKey(submission.localCertificateNumber),
  };
}

/**
 * One unified number per (sandbox, issuing authority, local certificate number) among live records
 * (a WITHDRAWN draft frees it), Y and Z alike. Inside the issuing transaction: a transaction-scoped
 * advisory lock on the key serialises concurrent issuances of one certificate (the second waits for
 * the first to commit, then finds its record: 409 naming it, before any serial is taken); the
 * partial unique index is the backstop. `except` skips the record being corrected.
 */
export async function assertLocalCertificateFree(
  certificates: LocalCertificateRepository,
  manager: EntityManager,
  sandbox: boolean,
  keys: LocalCertificateKeys,
  submission: Pick<PresaleSubmissionV1, 'issuingAuthority' | 'localCertificateNumber'>,
  except?: string,
): Promise<void> {
  await certificates.lock(manager, sandbox, keys);
  const holder = await certificates.liveHolder(manager, sandbox, keys, except);
  if (holder !== undefined)
    throw PresaleErrors.duplicateLocalCertificate(
      submission.issuingAuthority.trim(),
      submission.localCertificateNumber.trim(),
      holder,
    );
}

/** After a unique violation of the index (a race the lock did not cover): the same 409, naming the winner. */
export async function duplicateFromViolation(
  certificates: LocalCertificateRepository,
  err: unknown,
  manager: EntityManager,
  sandbox: boolean,
  submission: Pick<PresaleSubmissionV1, 'issuingAuthority' | 'localCertificateNumber'>,
): Promise<never> {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  if (e?.code !== '23505' || e.constraint !== LOCAL_CERTIFICATE_INDEX) throw err;
  const keys = localCertificateKeysOf(submission);
  const winner = await certificates.winner(manager, sandbox, keys);
  throw PresaleErrors.duplicateLocalCertificate(
    submission.issuingAuthority.trim(),
    submission.localCertificateNumber.trim(),
    winner ?? '',
  );
}
