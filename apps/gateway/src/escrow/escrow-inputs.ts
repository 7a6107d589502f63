import { Injectable } from '@nestjs/common';
import { SupervisionBodyPipe } from '../supervision/supervision-inputs';
import { EscrowCorrectionDataDto, EscrowRecordDto, SubmitEscrowDto, WithdrawEscrowDto } from './dto/escrow-bodies.dto';

/** 422 INCOMPLETE_SUBMISSION listing every problem of a PUT body (EscrowRecordInputV1). */
@Injectable()
export class EscrowRecordPipe extends SupervisionBodyPipe<EscrowRecordDto> {
  constructor() {
    super(EscrowRecordDto);
  }
}

@Injectable()
export class WithdrawEscrowPipe extends SupervisionBodyPipe<WithdrawEscrowDto> {
  constructor() {
    super(WithdrawEscrowDto);
  }
}

@Injectable()
export class SubmitEscrowPipe extends SupervisionBodyPipe<SubmitEscrowDto> {
  constructor() {
    super(SubmitEscrowDto);
  }
}

/** The multipart `data` part of a correction, checked before the report scan is staged. */
@Injectable()
export class EscrowCorrectionDataPipe extends SupervisionBodyPipe<EscrowCorrectionDataDto> {
  constructor() {
    super(EscrowCorrectionDataDto);
  }
}
