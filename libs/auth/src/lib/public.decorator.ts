import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'hn:isPublic';

/** Route needs no access token (token endpoint, health, metrics, docs, public verification). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
