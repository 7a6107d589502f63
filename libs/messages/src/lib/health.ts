import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One check of a service's health (database, nats, nats-rpc, object-store). */
export class ServiceCheckV1 {
  @ApiProperty({ example: 'up', enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiPropertyOptional({ example: 'connection refused', description: '失败原因 why it is down' }) message?: string;
}

/** Answer of every service's rpc.<service>.health.v1. */
@ApiExtraModels(ServiceCheckV1)
export class ServiceHealthV1 {
  @ApiProperty({ example: 'permits' }) service!: string;
  @ApiProperty({ example: 'ok', enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ServiceCheckV1) },
    example: { database: { status: 'up' }, nats: { status: 'up' }, 'nats-rpc': { status: 'up' } },
  })
  details!: Record<string, ServiceCheckV1>;
}
