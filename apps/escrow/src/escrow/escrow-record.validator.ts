import { EscrowRecordInputV1 } from '@hn/messages';

/*
 * The record's field rules are the message class EscrowRecordInput of @hn/messages (the request
 * classes of the escrow entries, validated by `@RpcHandler`); what is left here needs no payload rules.
 */

/** Whether two inputs say the same thing (a put of the same values writes no version). */
export function sameInput(a: EscrowRecordInputV1, b: EscrowRecordInputV1): boolean {
  return (
    a.capitalGuaranteeAmount === b.capitalGuaranteeAmount &&
    a.commitmentLetter === b.commitmentLetter &&
    a.fundSupervision === b.fundSupervision &&
    a.bank === b.bank &&
    a.account === b.account &&
    a.balance === b.balance &&
    a.balanceAsOf === b.balanceAsOf
  );
}
