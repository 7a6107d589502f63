import { PickType } from '@nestjs/swagger';
import { PresalePrintLayoutRequestV1 } from '@hn/messages';

/** Query of GET …/print-layout.pdf: the `paper` of Rpc.presalePrintLayout's class (one rule, both sides). */
export class PrintLayoutQuery extends PickType(PresalePrintLayoutRequestV1, ['paper'] as const) {}
