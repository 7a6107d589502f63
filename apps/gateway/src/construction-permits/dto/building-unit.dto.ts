import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsPlainText } from '@hn/messages';

export class BuildingUnitDto {
  @ApiProperty({ example: '2024-430223-70-03-012345-DT022', description: '单体编码（施工图审查系统生成）' })
  @IsString()
  @IsPlainText({})
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'unitCode 须为 1–64 位字母数字或连字符 (unit code format)' })
  unitCode!: string;

  @ApiProperty({ example: '22#栋' })
  @IsString()
  @IsPlainText({})
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 33, description: '层数' })
  @IsInt()
  @Min(1)
  @Max(200)
  floors!: number;

  @ApiProperty({ example: 12345.67, description: '建筑面积（m²）' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(10_000_000)
  floorArea!: number;
}
