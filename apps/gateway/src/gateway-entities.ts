import { IntegratorClient } from './integrators/entities/integrator-client.entity';

/**
 * The gateway database's TypeORM entities. Kept apart from app.module so the operator commands load
 * only what they use (importing the app module compiled every controller: ≈ 1 s of CPU per command).
 */
export const gatewayEntities = [IntegratorClient];
