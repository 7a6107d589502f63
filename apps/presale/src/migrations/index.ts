import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { InitialPresale1764300000000 } from './1764300000000-initial-presale';
import { PresaleBackfill1764800000001 } from './1764800000001-presale-backfill';
import { LocalCertificateDeveloper1766200000000 } from './1766200000000-local-certificate-developer';
import { PublicSearch1766600000000 } from './1766600000000-public-search';

export const presaleMigrations = [
  CreateOutboxInbox1700000000000,
  InitialPresale1764300000000,
  PresaleBackfill1764800000001,
  LocalCertificateDeveloper1766200000000,
  PublicSearch1766600000000,
];
