export interface ServiceHealthV1 {
  service: string;
  status: 'ok' | 'error';
  details: Record<string, { status: 'up' | 'down'; message?: string }>;
}
