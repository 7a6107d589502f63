import { Module } from '@nestjs/common';
import { EscrowController } from './escrow.controller';
import { EscrowGatewayService } from './escrow-gateway.service';
import { EscrowRecordPipe, SubmitEscrowPipe, WithdrawEscrowPipe } from './escrow-inputs';

/** 补录预售资金监管信息 (staff): thin routes in front of the escrow service. */
@Module({
  controllers: [EscrowController],
  providers: [EscrowGatewayService, EscrowRecordPipe, WithdrawEscrowPipe, SubmitEscrowPipe],
})
export class EscrowModule {}
