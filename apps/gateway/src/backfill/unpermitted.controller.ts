import { Controller, Get, HttpCode, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { StaffScopes } from '@hn/auth';
import { BackfillKeywordQuery, Principal, UnpermittedPresalePageV1, UnpermittedPresaleProjectV1 } from '@hn/messages';
import type { FastifyRequest } from 'fastify';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { ScanUploadService } from '../scans/scan-upload.service';
import { Audited } from '../supervision/supervision-gateway.service';
import { CommonSupervisionProblems, SupervisionRoute } from '../supervision/supervision-problems.openapi';
import { BackfillGatewayService } from './backfill-gateway.service';
import { unpermittedData } from './backfill-inputs';
import { ApiMultipartScan, MultipartScanProblems, SCAN_UNAVAILABLE_EXAMPLE } from './backfill-problems.openapi';
import { readScanRequest } from './scan-request';
import { incompleteExample, validationExample } from '../openapi/problem-example.builders';

const REGION_FORBIDDEN = {
  code: 'REGION_FORBIDDEN',
  detail: "区划 430102 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
  errors: [{ field: 'regionCode', reason: '区划 430102 不在授权范围 (region 430102 not granted)' }],
};

/** 已办理预售许可但未办理施工许可的项目: staff register them (with the certificate scan) for the alerts service. */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/supervision/presale-without-permit')
export class UnpermittedPresaleController {
  constructor(
    private readonly backfill: BackfillGatewayService,
    private readonly uploads: ScanUploadService,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '登记已办预售许可未办施工许可的项目 Register a project with a presale permit but no construction permit',
    description:
      '登记已核发预售许可证但未办理施工许可的项目，并上传预售许可证扫描件：区划须为发证日期时有效的湖南省区划代码且在本人区划内（403），统一社会信用代码须符合 GB 32100，发证日期不晚于今天；缺项一次性列在 422 INCOMPLETE_SUBMISSION。' +
      '登记后发布 hn.presale.unpermitted-project.registered.v1（供预警服务使用）。\n\n' +
      'Registers the project with its certificate scan and publishes hn.presale.unpermitted-project.registered.v1.',
  })
  @ApiMultipartScan(
    '项目信息（JSON）UnpermittedPresaleSubmission',
    {
      projectName: '攸县滨江花园一期',
      regionCode: '430223',
      developer: { name: '攸县滨江置业有限公司', creditCode: '91430223MA4Q0ABC1F' },
      localCertificateNumber: '攸住建预字〔2023〕第021号',
      issueDate: '2023-11-20',
      address: '攸县江桥街道滨江路 18 号',
    },
    '预售许可证扫描件 certificate scan',
  )
  @ApiCreatedResponse({ type: UnpermittedPresaleProjectV1 })
  @MultipartScanProblems()
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN })
  @ApiProblemExamples(422, '不完整或有误 Incomplete or invalid', {
    incomplete: incompleteExample([
      {
        field: 'regionCode',
        reason: '区划 430225 在发证日期 2023-11-20 未生效或已撤销 (not in force on the issue date)',
      },
      {
        field: 'developer.creditCode',
        reason: '统一社会信用代码无效：须为 18 位且校验位正确（GB 32100）(invalid unified social credit code)',
      },
    ]),
    scanUnavailable: SCAN_UNAVAILABLE_EXAMPLE,
  })
  async register(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<UnpermittedPresaleProjectV1>> {
    const { data, scan } = await readScanRequest(this.uploads, request, (raw) => unpermittedData(principal, raw));
    return this.backfill.registerUnpermitted(principal, data, scan, cid);
  }

  @Get()
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '查询已办预售未办施工许可的项目 List projects with a presale permit but no construction permit',
    description:
      "本人区划内登记的项目，可按区划、关键字（项目名称、开发企业、预售许可证号）筛选，分页，最新在前。\n\nRegistered projects of the caller's regions, newest first.",
  })
  @ApiOkResponse({ type: UnpermittedPresalePageV1 })
  @ApiProblemExamples(400, '查询参数无效 Invalid query', {
    invalidPageSize: validationExample([{ field: 'pageSize', reason: 'pageSize 最大 100 (at most 100)' }]),
  })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: BackfillKeywordQuery,
    @CorrelationId() cid: string,
  ): Promise<UnpermittedPresalePageV1> {
    return this.backfill.listUnpermitted(
      principal,
      {
        page: query.page,
        pageSize: query.pageSize,
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(query.keyword ? { keyword: query.keyword } : {}),
      },
      cid,
    );
  }
}
