import { Injectable, PipeTransform } from '@nestjs/common';
import { EscrowRecordInput, validateMessage } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { SupervisionBodyPipe } from '../supervision/supervision-inputs';
import { EscrowCorrectionDataDto, SubmitEscrowDto, WithdrawEscrowDto } from './dto/escrow-bodies.dto';

/**
 * 422 INCOMPLETE_SUBMISSION listing every problem of a PUT body, validated with the message class
 * EscrowRecordInput of @hn/messages: the same call the escrow service makes on its RPC payload.
 */
@Injectable()
export class EscrowRecordPipe implements PipeTransform<unknown, Promise<EscrowRecordInput>> {
  async transform(value: unknown): Promise<EscrowRecordInput> {
    const result = await validateMessage(EscrowRecordInput, value);
    if (!result.ok) throw DomainException.incomplete(result.errors);
    return result.value;
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
