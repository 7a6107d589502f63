import { Module } from '@nestjs/common';
import { ScanStore } from '../scans/scan-store';
import { UnpermittedPresaleController } from './unpermitted.controller';
import { UnpermittedPresaleService } from './unpermitted.service';

/** 已办理预售许可但未办理施工许可 registry. */
@Module({
  controllers: [UnpermittedPresaleController],
  providers: [ScanStore, UnpermittedPresaleService],
})
export class UnpermittedModule {}
