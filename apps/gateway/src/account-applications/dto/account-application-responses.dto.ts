import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_PERMISSIONS, ApplicationPermission } from './account-application-input.dto';
import {
  AccountApplicationView,
  APPLICATION_STATES,
  ApplicationState,
  ApprovalView,
  CreatedAccountView,
  ResponsiblePersonView,
} from '../account-application-view';

/** The replies are the gateway's own (no RPC): these classes document them and implement the views. */

const ID = '3c6f8a2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b';
const PERSON_ID = '6f1c2a4e-8b3d-4c5e-9f60-7a8b9c0d1e2f';
const NULLABLE_TIME = { format: 'date-time', nullable: true, type: String };

export class ResponsiblePersonDto implements ResponsiblePersonView {
  @ApiProperty({ format: 'uuid', example: PERSON_ID }) id!: string;
  @ApiProperty({ example: '张三' }) name!: string;
  @ApiProperty({ example: '13812345678' }) mobile!: string;
  @ApiProperty({ example: '430223********1235', description: '身份证号（脱敏）resident ID number, masked' })
  idNumber!: string;
  @ApiProperty({ example: '攸县住房和城乡建设局' }) unitName!: string;
  @ApiProperty({ example: true, description: '单位即施工许可证发证机关 the unit is the permit authority' })
  unitIsPermitAuthority!: boolean;
  @ApiProperty({ example: null, nullable: true, type: String, description: '单位统一社会信用代码 credit code' })
  unitCreditCode!: string | null;
  @ApiProperty({ enum: APPLICATION_PERMISSIONS, isArray: true, example: ['MARKING', 'PERMIT_BACKFILL'] })
  permissions!: ApplicationPermission[];
  @ApiProperty({
    example: '430223.01',
    nullable: true,
    type: String,
    description: '批准后创建的账号 the account created on approval',
  })
  username!: string | null;
}

export class AccountApplicationDto implements AccountApplicationView {
  @ApiProperty({ format: 'uuid', example: ID }) id!: string;
  @ApiProperty({ example: '430200' }) cityCode!: string;
  @ApiProperty({ example: '株洲市' }) cityName!: string;
  @ApiProperty({ example: '430223' }) countyCode!: string;
  @ApiProperty({ example: '攸县' }) countyName!: string;
  @ApiProperty({
    enum: APPLICATION_STATES,
    example: 'SUBMITTED',
    description: 'DRAFT 草稿 / SUBMITTED 已报送 / APPROVED 已批准 / RETURNED 已退回',
  })
  state!: ApplicationState;
  @ApiProperty({ example: '王五', description: '局主要领导审签' }) mainLeader!: string;
  @ApiProperty({ example: '赵六', description: '分管领导审签' }) leaderInCharge!: string;
  @ApiProperty({ example: '李四', description: '工作联系人' }) contactName!: string;
  @ApiProperty({ example: '13912345678', description: '联系手机号' }) contactMobile!: string;
  @ApiProperty({ type: [ResponsiblePersonDto] }) persons!: ResponsiblePersonDto[];
  @ApiProperty({ example: null, nullable: true, type: String, description: '退回原因' }) returnReason!: string | null;
  @ApiProperty({ example: 'zhuzhou.wang' }) createdBy!: string;
  @ApiProperty({ format: 'date-time', example: '2024-07-05T01:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: 'zhuzhou.wang' }) updatedBy!: string;
  @ApiProperty({ format: 'date-time', example: '2024-07-06T02:00:00.000Z' }) updatedAt!: string;
  @ApiProperty({ example: 'zhuzhou.wang', nullable: true, type: String }) submittedBy!: string | null;
  @ApiProperty({ ...NULLABLE_TIME, example: '2024-07-06T02:00:00.000Z' }) submittedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: '批准或退回人' }) decidedBy!: string | null;
  @ApiProperty({ ...NULLABLE_TIME, example: null }) decidedAt!: string | null;
}

export class AccountApplicationPageDto {
  @ApiProperty({ type: [AccountApplicationDto] }) items!: AccountApplicationDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class CreatedAccountDto implements CreatedAccountView {
  @ApiProperty({ format: 'uuid', example: PERSON_ID }) personId!: string;
  @ApiProperty({ example: '张三' }) name!: string;
  @ApiProperty({ example: '430223.01', description: '用户名 username' }) username!: string;
  @ApiProperty({
    example: 'k7Hm-2pQx-Wd4r-Nb8e',
    nullable: true,
    type: String,
    description:
      '初始密码，仅在批准的这一次响应中显示；首次登录须修改。重复批准时为 null（密码不再显示，遗失请由管理员重置）one-time password, only in the approving reply; null when answered again',
  })
  oneTimePassword!: string | null;
}

export class ApprovalDto implements ApprovalView {
  @ApiProperty({ type: AccountApplicationDto }) application!: AccountApplicationDto;
  @ApiProperty({ type: [CreatedAccountDto] }) accounts!: CreatedAccountDto[];
  @ApiProperty({
    example: false,
    description:
      '此前已批准（重复点击）：账号不会重复创建，初始密码不再显示 already approved: no new accounts, no passwords',
  })
  alreadyApproved!: boolean;
}
