import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of 补录预售许可证 and ADMIN corrections, each with its stable code. */
export const BackfillErrors = {
  afterCutover(issueDate: string, cutover: string): DomainException {
    return new DomainException(
      422,
      ErrorCode.BACKFILL_AFTER_CUTOVER,
      `发证日期 ${issueDate} 不早于统一编号启用日 ${cutover}，应通过取号接口取得 Y 编号，不能补录 (issued on or after the cut-over: obtain a Y number instead)`,
      [{ field: 'issueDate', reason: `须早于 ${cutover} (before ${cutover})` }],
    );
  },
  notMarkedPresale(permitNumber: string, type: string | null): DomainException {
    return new DomainException(
      422,
      ErrorCode.PROJECT_NOT_MARKED_PRESALE,
      `施工许可证 ${permitNumber} 所属项目${type ? `类型为 ${type}` : '尚未标记类型'}，须先标记为预售商品房才能补录 (project not marked PRESALE)`,
      [{ field: 'constructionPermitNumbers', reason: permitNumber }],
    );
  },
  nothingToWithdraw(): DomainException {
    return new DomainException(
      404,
      ErrorCode.NOTHING_TO_WITHDRAW,
      '没有本人录入且未提交的补录预售许可证可撤回 (no unsubmitted backfill of the caller to withdraw)',
    );
  },
  notFound(presaleNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PRESALE_NOT_FOUND,
      `未找到补录的预售许可证 ${presaleNumber} (backfilled presale permit not found)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  locked(presaleNumber: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.RECORD_LOCKED,
      `补录的预售许可证 ${presaleNumber} 已提交锁定，不能再撤回或修改；确需纠错请书面报告省厅，由管理员更正 (submitted and locked; only an ADMIN correction can change it)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  withdrawn(presaleNumber: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.PRESALE_NOT_VALID,
      `补录的预售许可证 ${presaleNumber} 已撤回作废 (withdrawn)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  notOwn(presaleNumber: string, owner: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.NOT_OWN_VERSION,
      `预售许可证 ${presaleNumber} 由 ${owner} 补录，只能撤回本人补录的记录 (only the caller's own backfill can be withdrawn)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  notSubmitted(presaleNumber: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.RECORD_NOT_SUBMITTED,
      `补录的预售许可证 ${presaleNumber} 尚未提交，不需更正：请撤回后重新补录 (not submitted: withdraw and backfill again instead)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
};
