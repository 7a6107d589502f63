import { Module } from '@nestjs/common';
import { MarkingController } from './marking.controller';
import { MarkingGatewayService } from './marking-gateway.service';

/** 存量预售项目标记 (staff) in front of the permits service; scans come from the global ScansModule. */
@Module({
  controllers: [MarkingController],
  providers: [MarkingGatewayService],
})
export class MarkingModule {}
