import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ACCOUNT_APPLICATION_SORT, type Principal } from '@hn/messages';
import { ApiInvalidSort } from '../validation/sort-query';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CurrentPrincipal, RequireRoles } from '../auth/auth.decorators';
import {
  AccountApplicationFields,
  AccountApplicationInput,
  ReturnApplicationFields,
  ReturnApplicationInput,
} from './dto/account-application-input.dto';
import { AccountApplicationQuery } from './dto/account-application-query.dto';
import { AccountApplicationDto, AccountApplicationPageDto, ApprovalDto } from './dto/account-application-responses.dto';
import { AccountApplicationDraftsService, ApplicationChange } from './account-application-drafts.service';
import { AccountApplicationPipe, ApplicationIdPipe, ReturnApplicationPipe } from './account-application-inputs';
import {
  ApiDraftProblems,
  ApiReadProblems,
  ApiReviewProblems,
  ApiSubmitProblems,
} from './account-application-problems.openapi';
import { AccountApplicationQueryService } from './account-application-query.service';
import { AccountApplicationReviewService } from './account-application-review.service';

const ID_PARAM = { name: 'applicationId', format: 'uuid', example: '3c6f8a2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b' };

/** The reply with the states before and after for the audit interceptor (which strips `audit`). */
function audited(change: ApplicationChange): AccountApplicationDto {
  const audit = { before: change.before, after: change.application, target: `applicationId=${change.application.id}` };
  return { ...change.application, audit } as AccountApplicationDto;
}

/**
 * 附件2 存量预售项目标记补录责任人及权限申请表: the city drafts and submits a county's form, the
 * province approves it (accounts with one-time passwords) or returns it. Every write is audited.
 */
@ApiTags('账号申请 Account applications')
@ApiBearerAuth()
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/account-applications')
export class AccountApplicationsController {
  constructor(
    private readonly drafts: AccountApplicationDraftsService,
    private readonly review: AccountApplicationReviewService,
    private readonly query: AccountApplicationQueryService,
  ) {}

  @Get()
  @RequireRoles('PROVINCE', 'CITY', 'ADMIN')
  @ApiOperation({
    summary: '账号申请列表 List account applications',
    description:
      '市州看到本市州各县市区的申请，省厅看到全部；默认按最后修改时间倒序（sort 可改）。身份证号脱敏。\n\nA city sees its own counties’ applications, the province all; latest change first; ID numbers masked.',
  })
  @ApiOkResponse({ type: AccountApplicationPageDto })
  @ApiReadProblems(false)
  @ApiInvalidSort(ACCOUNT_APPLICATION_SORT)
  list(
    @Query() query: AccountApplicationQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountApplicationPageDto> {
    return this.query.list(principal, query);
  }

  @Get(':applicationId')
  @RequireRoles('PROVINCE', 'CITY', 'ADMIN')
  @ApiOperation({ summary: '账号申请详情 Read an account application' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: AccountApplicationDto })
  @ApiReadProblems(true)
  get(
    @Param('applicationId', ApplicationIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountApplicationDto> {
    return this.query.get(principal, id);
  }

  @Post()
  @RequireRoles('CITY')
  @ApiOperation({
    summary: '填报账号申请（草稿）Draft an account application',
    description:
      '市州工作人员为本市州的一个县市区填报附件2：局主要领导与分管领导审签、工作联系人，及一名或多名标记补录责任人（姓名、手机号、身份证号、单位名称；单位与施工许可证发证机关不一致时填单位统一社会信用代码；申请的权限）。保存为草稿，报送前可修改。身份证号加密存储，回显时脱敏。\n\n' +
      "A city's staff draft one county's form (附件2) with one or more responsible persons. ID numbers are stored encrypted and shown masked.",
  })
  @ApiBody({ type: AccountApplicationInput })
  @ApiCreatedResponse({ type: AccountApplicationDto })
  @ApiDraftProblems(false)
  async create(
    @Body(AccountApplicationPipe) body: AccountApplicationFields,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountApplicationDto> {
    return audited(await this.drafts.create(principal, body));
  }

  @Put(':applicationId')
  @RequireRoles('CITY')
  @ApiOperation({
    summary: '修改账号申请 Change a draft or returned application',
    description:
      '整表替换。已保存的责任人带上其 id 并省略 idNumber 即保留原身份证号。只有草稿和被退回的申请可以修改。\n\nReplaces the whole form; a saved person sent with its id and without idNumber keeps the stored ID number.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: AccountApplicationInput })
  @ApiOkResponse({ type: AccountApplicationDto })
  @ApiDraftProblems(true)
  async update(
    @Param('applicationId', ApplicationIdPipe) id: string,
    @Body(AccountApplicationPipe) body: AccountApplicationFields,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountApplicationDto> {
    return audited(await this.drafts.update(principal, id, body));
  }

  @Post(':applicationId/submit')
  @HttpCode(200)
  @RequireRoles('CITY')
  @ApiOperation({
    summary: '报送省厅 Submit to the province',
    description: '草稿或被退回的申请报送省厅审批，之后不能再修改。Submitted forms can no longer be changed.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: AccountApplicationDto })
  @ApiSubmitProblems()
  async submit(
    @Param('applicationId', ApplicationIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountApplicationDto> {
    return audited(await this.drafts.submit(principal, id));
  }

  @Post(':applicationId/approve')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @RequireRoles('PROVINCE', 'ADMIN')
  @ApiOperation({
    summary: '批准账号申请 Approve (creates the accounts)',
    description:
      '为每名责任人创建一个县市区（COUNTY）账号，绑定申请表的县市区，用户名为“区划代码.序号”（如 430223.01），初始密码仅在本次响应中显示一次；首次登录须修改密码，修改前该账号只能调用修改密码接口。重复批准（如双击）不会重复创建账号，返回同样的账号、不含密码（alreadyApproved: true）。\n\n' +
      'One COUNTY account per responsible person, bound to the county, named <county>.NN, with a one-time password shown only in this reply and to be changed at the first login. Approving again creates nothing and shows no passwords.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ApprovalDto })
  @ApiReviewProblems(false)
  async approve(
    @Param('applicationId', ApplicationIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApprovalDto> {
    const { before, ...approval } = await this.review.approve(principal, id);
    const after = {
      ...approval.application,
      accounts: approval.accounts.map((a) => ({ personId: a.personId, username: a.username })),
      alreadyApproved: approval.alreadyApproved,
    };
    return { ...approval, audit: { before, after, target: `applicationId=${id}` } } as ApprovalDto;
  }

  @Post(':applicationId/return')
  @HttpCode(200)
  @RequireRoles('PROVINCE', 'ADMIN')
  @ApiOperation({
    summary: '退回账号申请 Return to the city',
    description: '附退回原因；市州修改后可重新报送。With a reason; the city may change and submit it again.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: ReturnApplicationInput })
  @ApiOkResponse({ type: AccountApplicationDto })
  @ApiReviewProblems(true)
  async returnToCity(
    @Param('applicationId', ApplicationIdPipe) id: string,
    @Body(ReturnApplicationPipe) body: ReturnApplicationFields,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountApplicationDto> {
    return audited(await this.review.return(principal, id, body.reason));
  }
}
