/** What the caller of a route should do on an error code (the guide's last column). */
export enum ErrorAction {
  /** temporary: wait (Retry-After) and send the same request again, issuance with the same Idempotency-Key */
  RETRY_SAME_KEY = 'RETRY_SAME_KEY',
  /** the submission is wrong: fix the fields named in errors[] and submit again */
  FIX_FIELD = 'FIX_FIELD',
  /** the request itself is malformed (format, header, path): fix it, do not retry unchanged */
  FIX_REQUEST = 'FIX_REQUEST',
  /** the token is missing or expired: fetch a new token */
  NEW_TOKEN = 'NEW_TOKEN',
  /** the credential, its regions or scopes, or the province's records: call the province */
  CALL_PROVINCE = 'CALL_PROVINCE',
  /** the object does not exist (here): check the number, ask the issuing authority */
  CHECK_NUMBER = 'CHECK_NUMBER',
  /** the object's state forbids it: do not retry; act on the detail (cancel first, use the existing number …) */
  STATE = 'STATE',
}

export const ACTION_TEXT: Record<ErrorAction, string> = {
  [ErrorAction.RETRY_SAME_KEY]: '稍后重试（按 `Retry-After`），取号/备案用同一 Idempotency-Key',
  [ErrorAction.FIX_FIELD]: '按 `errors[]` 修正字段后重新提交',
  [ErrorAction.FIX_REQUEST]: '修正请求（格式、请求头、路径）后再发，原样重试无用',
  [ErrorAction.NEW_TOKEN]: '重新获取令牌或重新登录',
  [ErrorAction.CALL_PROVINCE]: '联系省平台（凭据、区划、权限或登记信息）',
  [ErrorAction.CHECK_NUMBER]: '核对编号；确有其证请向发证机关或省平台核实',
  [ErrorAction.STATE]: '不要重试：按 `detail` 处理（如先注销、使用已有编号）',
};

export interface ErrorEntry {
  /** 含义：给人看的中文说明 */
  meaning: string;
  action: ErrorAction;
  /** only for routes of staff (工作人员) */
  staff?: boolean;
  /** HTTP status when no `new DomainException(<status>, <code>` in the source says it */
  status?: number;
}

const A = ErrorAction;

/**
 * The guide's error table (docs/integration-guide.md §8): every code of ErrorCode (libs/messages) and of the
 * gateway's *.exception.ts / auth decorators, its meaning and what the caller should do. The HTTP status comes
 * from the source (tools/docs/error-table.ts scans it). A code missing here fails error-table.spec.ts.
 */
export const ERROR_CATALOGUE: Record<string, ErrorEntry> = {
  // 请求格式 request format (400, 413–415)
  VALIDATION_FAILED: {
    meaning: '参数或请求头格式错误，JSON 无法解析（原因在 `errors[]` 中逐项列出）',
    action: A.FIX_REQUEST,
  },
  INVALID_PERMIT_NUMBER: { meaning: '施工许可证编号格式、区划或日期不合法', action: A.FIX_REQUEST },
  INVALID_PRESALE_NUMBER: {
    meaning: '预售许可证号格式不合法（应为 施工许可证号-Y/Z 两位序号）',
    action: A.FIX_REQUEST,
  },
  INVALID_CONTRACT_NUMBER: {
    meaning: '合同备案编号格式不合法（应为 预售许可证号-B 四位序号）',
    action: A.FIX_REQUEST,
    status: 400,
  },
  INVALID_PROOF_REQUEST: { meaning: '透明日志证明请求的序号或树大小无效', action: A.FIX_REQUEST },
  IDEMPOTENCY_KEY_REQUIRED: {
    meaning: '缺少或不合法的 Idempotency-Key（1–128 位 ASCII 字母数字与 `._:-`）',
    action: A.FIX_REQUEST,
  },
  BODY_TOO_DEEP: { meaning: 'JSON 嵌套超过 32 层，解析前即拒绝', action: A.FIX_REQUEST },
  INVALID_URL: { meaning: '路径无法解码（如 `%ZZ`）', action: A.FIX_REQUEST },
  MULTIPART_INVALID: { meaning: 'multipart 请求缺少 boundary、被截断、缺少或多出部分', action: A.FIX_REQUEST },
  PAYLOAD_TOO_LARGE: {
    meaning: '请求体超过 1 MB，或数组超过 10,000 项、字符串超过 65,536 字符',
    action: A.FIX_REQUEST,
  },
  URI_TOO_LONG: { meaning: '路径参数过长', action: A.FIX_REQUEST },
  UNSUPPORTED_MEDIA_TYPE: { meaning: '请求体类型不受支持（请用 application/json）', action: A.FIX_REQUEST },
  SCAN_TOO_LARGE: { meaning: '扫描件超过大小上限', action: A.FIX_REQUEST, staff: true },
  SCAN_TYPE_UNSUPPORTED: { meaning: '扫描件不是 PDF、JPEG 或 PNG', action: A.FIX_REQUEST, staff: true },
  // 认证与权限 authentication and access (401, 403)
  UNAUTHORIZED: { meaning: '无令牌、令牌过期或已失效（凭据停用、退出登录）', action: A.NEW_TOKEN },
  INVALID_CLIENT: { meaning: '凭据错误：client_id 或 client_secret 不对，或凭据已停用', action: A.CALL_PROVINCE },
  INVALID_CREDENTIALS: { meaning: '用户名或密码错误', action: A.FIX_REQUEST, staff: true },
  REGION_FORBIDDEN: { meaning: '对象不在凭据（账号）的区划范围内', action: A.CALL_PROVINCE },
  SCOPE_FORBIDDEN: { meaning: '凭据没有此接口所需的权限范围（scope）', action: A.CALL_PROVINCE },
  ROLE_FORBIDDEN: { meaning: '工作人员角色不能调用此接口', action: A.CALL_PROVINCE, staff: true },
  SANDBOX_FORBIDDEN: { meaning: '联调测试（沙箱）凭据不能调用此写入接口', action: A.CALL_PROVINCE },
  STAGE_ROLE_FORBIDDEN: { meaning: '本审批环节不允许该角色办理', action: A.CALL_PROVINCE, staff: true },
  LEVEL_FORBIDDEN: { meaning: '须由申请人上一级的工作人员审核', action: A.STATE, staff: true },
  SELF_APPROVAL: { meaning: '申请人不能审核自己的申请', action: A.STATE, staff: true },
  PASSWORD_CHANGE_REQUIRED: { meaning: '首次登录须先修改初始密码', action: A.FIX_REQUEST, staff: true },
  CSRF_TOKEN_MISSING: { meaning: '以登录 Cookie 发出的修改请求缺少 X-CSRF-Token', action: A.FIX_REQUEST, staff: true },
  CSRF_TOKEN_INVALID: { meaning: 'X-CSRF-Token 与本次登录不符', action: A.NEW_TOKEN, staff: true },
  CROSS_SITE_REQUEST: { meaning: '拒绝来自其他网站的请求', action: A.FIX_REQUEST, staff: true },
  // 不存在 not found (404)
  NOT_FOUND: { meaning: '接口或对象不存在', action: A.CHECK_NUMBER },
  PERMIT_NOT_FOUND: { meaning: '平台没有该施工许可证（工改系统尚未推送）', action: A.CHECK_NUMBER },
  PRESALE_NOT_FOUND: {
    meaning: '平台没有该预售许可证号（刚取得的编号数秒内同步到网签服务）',
    action: A.CHECK_NUMBER,
  },
  CONTRACT_NOT_FOUND: { meaning: '平台没有该合同备案', action: A.CHECK_NUMBER },
  ESCROW_NOT_FOUND: { meaning: '没有该预售许可证的资金监管信息', action: A.CHECK_NUMBER, staff: true },
  STATISTIC_NOT_FOUND: { meaning: '没有该网签统计记录', action: A.CHECK_NUMBER, staff: true },
  PROJECT_NOT_FOUND: { meaning: '没有该工改项目', action: A.CHECK_NUMBER, staff: true },
  APPLICATION_NOT_FOUND: { meaning: '没有该申请（施工许可或账号申请）', action: A.CHECK_NUMBER, staff: true },
  ALERT_NOT_FOUND: { meaning: '没有该预警', action: A.CHECK_NUMBER, staff: true },
  BACKFILL_NOT_FOUND: { meaning: '没有该补录申请', action: A.CHECK_NUMBER, staff: true },
  APPEAL_NOT_FOUND: { meaning: '没有该考核申诉', action: A.CHECK_NUMBER, staff: true },
  DIFFERENCE_NOT_FOUND: { meaning: '没有该比对差异', action: A.CHECK_NUMBER, staff: true },
  ACCOUNT_NOT_FOUND: { meaning: '没有该账号', action: A.CHECK_NUMBER, staff: true },
  REGISTRY_ENTRY_NOT_FOUND: { meaning: '对接工作责任表中没有该条目', action: A.CHECK_NUMBER, staff: true },
  COMMITMENT_LETTER_NOT_FOUND: { meaning: '该申请没有项目资本保证金承诺函扫描件', action: A.CHECK_NUMBER, staff: true },
  NOTHING_TO_WITHDRAW: { meaning: '没有可撤回的本人未提交记录', action: A.STATE, staff: true },
  // 取号与备案 issuance and filing (409, 422)
  INCOMPLETE_SUBMISSION: { meaning: '提交内容不完整或有误（逐项列在 `errors[]` 中）', action: A.FIX_FIELD },
  INVALID_FILTER: { meaning: '列表筛选或排序参数取值无效（`errors[]` 列出允许的值）', action: A.FIX_FIELD },
  PERMIT_NOT_PRESALE: { meaning: '施工许可所属项目不是预售商品房项目', action: A.CALL_PROVINCE },
  PERMITS_OF_DIFFERENT_PROJECTS: { meaning: '所列施工许可证不属于同一项目', action: A.FIX_FIELD },
  UNIT_NOT_IN_PERMITS: { meaning: '单体不属于所列施工许可证', action: A.FIX_FIELD },
  DEVELOPER_MISMATCH: {
    meaning: '开发企业统一社会信用代码与施工许可证登记的建设单位不一致',
    action: A.FIX_FIELD,
  },
  BUILDING_NOT_IN_PRESALE: { meaning: '楼栋不在预售许可证的预售范围内', action: A.FIX_FIELD },
  PRESALE_NOT_VALID: { meaning: '预售许可证不是有效状态（已撤回、已更正或未提交）', action: A.STATE },
  PROJECT_NOT_MARKED_PRESALE: { meaning: '项目未标记为预售商品房项目，不能补录', action: A.CALL_PROVINCE, staff: true },
  BACKFILL_AFTER_CUTOVER: { meaning: '切换日之后发证的预售许可证须在线取号，不能补录', action: A.STATE, staff: true },
  IDEMPOTENCY_KEY_REUSED: { meaning: '同一 Idempotency-Key 配了不同的请求体', action: A.FIX_REQUEST },
  IDEMPOTENCY_KEY_IN_FLIGHT: { meaning: '同一 Idempotency-Key 的请求仍在处理中', action: A.RETRY_SAME_KEY },
  SERIAL_EXHAUSTED: { meaning: '序号用尽（Y/Z 01–99，B 0001–9999）', action: A.CALL_PROVINCE },
  DUPLICATE_LOCAL_CERTIFICATE: {
    meaning: '该发证机关的本地证号已取得统一编号（`detail` 给出已有编号）',
    action: A.STATE,
  },
  ROOM_ALREADY_FILED: { meaning: '房号已有有效的备案合同，须先注销', action: A.STATE },
  ALREADY_CANCELLED: { meaning: '合同备案已注销', action: A.STATE },
  RECORD_LOCKED: {
    meaning: '记录已提交并锁定，不能再修改或撤回（纠错须书面报告省厅）',
    action: A.CALL_PROVINCE,
    staff: true,
  },
  NOT_OWN_VERSION: { meaning: '只能撤回本人录入的最近一个版本', action: A.STATE, staff: true },
  RECORD_NOT_SUBMITTED: { meaning: '记录尚未提交，请撤回或直接修改，不能更正', action: A.STATE, staff: true },
  SCAN_UNAVAILABLE: { meaning: '暂存的扫描件已过期或与摘要不符，请重新上传', action: A.FIX_FIELD, staff: true },
  // 工作人员业务 staff workflows (409, 422)
  TYPE_LOCKED: { meaning: '项目已进入后续审批环节，项目类型不能再改', action: A.STATE, staff: true },
  INVALID_TRANSITION: { meaning: '案件当前环节与状态不允许此操作', action: A.STATE, staff: true },
  SEPARATION_OF_DUTIES: { meaning: '初审、复审、决定须由三名不同人员办理', action: A.STATE, staff: true },
  CAPITAL_GUARANTEE_MISSING: { meaning: '预售项目缺少资本保证金金额', action: A.FIX_FIELD, staff: true },
  ESCROW_ACCOUNT_MISSING: { meaning: '预售项目缺少资金监管银行与账号', action: A.FIX_FIELD, staff: true },
  PROJECT_TYPE_MISMATCH: { meaning: '受理时确认的项目类型与登记类型不一致', action: A.STATE, staff: true },
  ACCEPTANCE_ALREADY_RECORDED: { meaning: '验收日期已登记', action: A.STATE, staff: true },
  BACKFILL_PENDING: { meaning: '已有待审核的补录申请', action: A.STATE, staff: true },
  BACKFILL_DECIDED: { meaning: '补录申请已审核', action: A.STATE, staff: true },
  ALERT_CLEARED: { meaning: '预警已解除或已核销', action: A.STATE, staff: true },
  ALERT_TYPE_MISMATCH: { meaning: '此操作不适用于该类预警', action: A.STATE, staff: true },
  DISMISSAL_PENDING: { meaning: '已有待审核的核销申请', action: A.STATE, staff: true },
  NO_PENDING_DISMISSAL: { meaning: '没有待审核的核销申请', action: A.STATE, staff: true },
  ASSESSMENT_ITEM_NOT_FOUND: { meaning: '申诉的扣分项不是该区划当前的扣分项', action: A.FIX_FIELD, staff: true },
  APPEAL_PENDING: { meaning: '同一扣分项已有待省厅决定的申诉', action: A.STATE, staff: true },
  APPEAL_DECIDED: { meaning: '申诉已决定', action: A.STATE, staff: true },
  ALREADY_ACKNOWLEDGED: { meaning: '比对差异已核实说明', action: A.STATE, staff: true },
  DIFFERENCE_RESOLVED: { meaning: '比对差异已消除', action: A.STATE, staff: true },
  RECONCILIATION_IN_PROGRESS: { meaning: '比对正在进行中', action: A.RETRY_SAME_KEY, staff: true },
  APPLICATION_NOT_EDITABLE: { meaning: '账号申请已提交，不能再修改', action: A.STATE, staff: true },
  APPLICATION_NOT_SUBMITTED: { meaning: '账号申请尚未提交，不能审核', action: A.STATE, staff: true },
  ACCOUNT_DELETED: { meaning: '账号已删除', action: A.STATE, staff: true },
  OWN_ACCOUNT: { meaning: '不能停用或删除自己的账号', action: A.STATE, staff: true },
  STAFF_EXISTS: { meaning: '用户名已存在', action: A.FIX_FIELD, staff: true },
  VENDOR_ALREADY_REGISTERED: { meaning: '该技术单位在本市已登记', action: A.STATE, staff: true },
  // 频率与可用性 rate and availability (429, 5xx)
  RATE_LIMITED: { meaning: '超出频率限制（见「限流」）', action: A.RETRY_SAME_KEY },
  ACCOUNT_LOCKED: { meaning: '连续登录失败次数过多，账号暂时锁定', action: A.RETRY_SAME_KEY, staff: true },
  INTERNAL: { meaning: '平台内部错误（已记录日志）', action: A.CALL_PROVINCE },
  SERVICE_UNAVAILABLE: { meaning: '后端服务暂不可用（3 秒内返回，不会挂起）', action: A.RETRY_SAME_KEY },
  DATABASE_UNAVAILABLE: { meaning: '数据库暂不可用（重启、切换）；请求未被处理，重试安全', action: A.RETRY_SAME_KEY },
  MARKET_PLATFORM_UNAVAILABLE: { meaning: '市场监管平台暂不可用', action: A.RETRY_SAME_KEY, staff: true },
};
