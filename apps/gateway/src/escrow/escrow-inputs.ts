import { EscrowCorrectionData, EscrowRecordInput, EscrowSubmitRequest, EscrowWithdrawRequest, Rpc } from '@hn/messages';
import { messagePipe, rpcBodyPipe, rpcPartPipe } from '../validation/message-pipe';

// the escrow bodies, with the Rpc entries' request classes (escrow-requests.message.ts of @hn/messages): the same
// rules, field lists and problem (422 INCOMPLETE_SUBMISSION) as the escrow service's @RpcHandler answers

/** The PUT body: the put entry's `record` (EscrowRecordInput, its fields unprefixed). */
export const EscrowRecordPipe = rpcPartPipe<EscrowRecordInput>(Rpc.escrowPut, 'record');
export const WithdrawEscrowPipe = rpcBodyPipe<EscrowWithdrawRequest>(Rpc.escrowWithdraw);
export const SubmitEscrowPipe = rpcBodyPipe<EscrowSubmitRequest>(Rpc.escrowSubmit);

const EscrowCorrectionDataPipe = messagePipe(EscrowCorrectionData);

/** The multipart `data` part of a correction, checked before the report scan is staged. */
export function escrowCorrectionData(raw: unknown): Promise<EscrowCorrectionData> {
  return new EscrowCorrectionDataPipe().transform(raw, { type: 'custom' });
}
