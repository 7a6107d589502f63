import { Module } from '@nestjs/common';
import { ScanRepository } from '../scans/scan.repository';
import { ScanStore } from '../scans/scan-store';
import { UnpermittedPresaleController } from './unpermitted.controller';
import { UnpermittedRepository } from './unpermitted.repository';
import { UnpermittedPresaleService } from './unpermitted.service';

/** 已办理预售许可但未办理施工许可 registry. */
@Module({
  controllers: [UnpermittedPresaleController],
  providers: [ScanRepository, ScanStore, UnpermittedRepository, UnpermittedPresaleService],
})
export class UnpermittedModule {}
