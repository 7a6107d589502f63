import { Logger } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, toProblem } from './problem-details.filter';

const logger = new Logger('spec');
const fastifyError = (code: string, statusCode: number): Error => Object.assign(new Error(code), { code, statusCode });

describe('toProblem', () => {
  it("gives Fastify's router errors stable codes: %ZZ → 400 INVALID_URL, over-long parameter → 414 URI_TOO_LONG", () => {
    expect(toProblem(fastifyError('FST_ERR_BAD_URL', 400), logger)).toMatchObject({ status: 400, code: 'INVALID_URL' });
    expect(toProblem(fastifyError('FST_ERR_MAX_PARAM_LENGTH', 414), logger)).toMatchObject({
      status: 414,
      code: 'URI_TOO_LONG',
      title: 'URI 过长 URI Too Long',
    });
  });

  it("maps the gateway's own database outage to 503 DATABASE_UNAVAILABLE and a data exception to 400", () => {
    expect(
      toProblem(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), logger),
    ).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(
      toProblem(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }), logger),
    ).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('sendProblem', () => {
  it('sends problem+json, with Retry-After on a 503', () => {
    const headers: Record<string, string> = {};
    let status = 0;
    let body: unknown;
    const reply = {
      hasHeader: (name: string) => name in headers,
      header(name: string, value: string) {
        headers[name.toLowerCase()] = value;
        return this;
      },
      status(code: number) {
        status = code;
        return this;
      },
      send(payload: unknown) {
        body = payload;
        return this;
      },
    };
    const request = { url: '/api/v1/oauth/token', id: 'cid-1' };
    sendProblem(
      reply as unknown as FastifyReply,
      request as unknown as FastifyRequest,
      new DomainException(503, 'DATABASE_UNAVAILABLE', 'down').problem,
    );
    expect(status).toBe(503);
    expect(headers).toMatchObject({ 'retry-after': '2', 'content-type': 'application/problem+json; charset=utf-8' });
    expect(body).toMatchObject({
      type: 'https://presale.hunan.gov.cn/problems/database-unavailable',
      code: 'DATABASE_UNAVAILABLE',
      correlationId: 'cid-1',
    });
  });
});
