import { Module } from '@nestjs/common';
import { ScanRepository } from '../scans/scan.repository';
import { ScanStore } from '../scans/scan-store';
import { BackfillController } from './backfill.controller';
import { BackfillCorrectionService } from './backfill-correction.service';
import { BackfillIssueService } from './backfill-issue.service';
import { BackfillLifecycleService } from './backfill-lifecycle.service';
import { BackfillQueryService } from './backfill-query.service';
import { BackfillRepository } from './backfill.repository';

/**
 * 补录预售许可证 (Z numbers), withdraw / submit and ADMIN corrections. Uses the issuing core
 * (PresaleRecordWriter, TransparencyLogService, QrCodeRenderer, PRESALE_CONFIG, the replica and
 * local-certificate repositories) exported by the global PresaleAppModule.
 */
@Module({
  controllers: [BackfillController],
  providers: [
    ScanRepository,
    ScanStore,
    BackfillRepository,
    BackfillIssueService,
    BackfillLifecycleService,
    BackfillCorrectionService,
    BackfillQueryService,
  ],
})
export class BackfillModule {}
