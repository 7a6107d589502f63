import { Injectable, PipeTransform } from '@nestjs/common';
import { contractNumberProblem, Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { requestContractOf } from '@hn/messaging';
import { regionOf } from '@hn/auth';
import { parseContractNumber } from '@hn/numbering';

export interface ParsedContractNumber {
  value: string;
  presaleNumber: string;
  /** GB/T 2260 code of the presale permit's first construction permit (its first 6 digits) */
  regionCode: string;
  serial: number;
}

const CONTRACT_NUMBER_READ = requestContractOf(Rpc.contractFilingGet);

/**
 * Validates a path contract filing number with the constraint of the contract filing entries
 * (IsContractNumber of ContractNumberBody / ContractFilingCancelRequest, which the contracts service's
 * @RpcHandler applies again) and answers with their problem: 400 INVALID_CONTRACT_NUMBER naming
 * contractNumber and the reason. Synchronous on purpose: Nest resolves a route's parameters together,
 * and the path's answer must win over the body pipe's, as in the service. The parts are returned for
 * the region pre-check.
 */
@Injectable()
export class ContractNumberPipe implements PipeTransform<string, ParsedContractNumber> {
  transform(value: string): ParsedContractNumber {
    const contractNumber = String(value ?? '');
    const reason = contractNumberProblem(contractNumber);
    if (reason)
      throw DomainException.invalidPayload(CONTRACT_NUMBER_READ.invalid, [{ field: 'contractNumber', reason }]);
    const parsed = parseContractNumber(contractNumber)!;
    return {
      value: contractNumber,
      presaleNumber: parsed.presaleNumber,
      regionCode: regionOf(contractNumber),
      serial: parsed.serial,
    };
  }
}
