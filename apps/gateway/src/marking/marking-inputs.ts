import { Injectable } from '@nestjs/common';
import { SupervisionBodyPipe } from '../supervision/supervision-inputs';
import { MarkingBatchDto, MarkingSubmitDto } from './dto/marking-bodies.dto';

/** Body of 批量标记: 422 INCOMPLETE_SUBMISSION listing every field, like the other supervision routes. */
@Injectable()
export class MarkingBatchPipe extends SupervisionBodyPipe<MarkingBatchDto> {
  constructor() {
    super(MarkingBatchDto);
  }
}

/** Body of 提交标记: 422 INCOMPLETE_SUBMISSION listing every field. */
@Injectable()
export class MarkingSubmitPipe extends SupervisionBodyPipe<MarkingSubmitDto> {
  constructor() {
    super(MarkingSubmitDto);
  }
}
