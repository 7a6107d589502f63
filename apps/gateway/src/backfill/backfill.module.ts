import { Module } from '@nestjs/common';
import { BackfillController } from './backfill.controller';
import { BackfillGatewayService } from './backfill-gateway.service';
import { SubmitBackfillPipe, WithdrawBackfillPipe } from './backfill-inputs';
import { UnpermittedPresaleController } from './unpermitted.controller';

/** 补录预售许可证, 已办预售未办施工许可 and ADMIN corrections (staff), in front of the presale service. */
@Module({
  controllers: [BackfillController, UnpermittedPresaleController],
  providers: [BackfillGatewayService, WithdrawBackfillPipe, SubmitBackfillPipe],
})
export class BackfillModule {}
