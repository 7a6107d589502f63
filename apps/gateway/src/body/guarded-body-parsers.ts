import { parse as parseQueryString } from 'node:querystring';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FieldError, textCharacterProblem } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, toProblem } from '../problem/problem-details.filter';
import { assertCleanJsonValue, parseGuardedJson } from './json-body-guard';

const logger = new Logger('RequestGuard');

/** Fastify's `frameworkErrors`: an undecodable path (%ZZ) or an over-long path parameter → problem+json. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, request, toProblem(error, logger));
}

/**
 * Replaces the JSON and form parsers Nest would register with guarded ones (depth, keys,
 * characters, sizes: see json-body-guard), and checks query strings and path parameters for NUL and
 * control characters before any route (or the ValidationPipe) sees them.
 */
export function registerGuardedBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser('application/json', { bodyLimit }, (_request, body, done) => {
    const text = body.toString('utf8');
    if (text.trim() === '') {
      done(
        DomainException.validation(
          [{ field: 'body', reason: 'empty JSON body' }],
          '请求体为空但声明为 JSON (empty JSON body)',
        ),
        undefined,
      );
      return;
    }
    try {
      done(null, parseGuardedJson(text));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    try {
      const form = { ...parseQueryString(body.toString('utf8')) };
      assertCleanJsonValue(form);
      done(null, form);
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, _reply, done) => {
      const errors = requestPartErrors(request);
      done(
        errors.length > 0
          ? DomainException.validation(
              errors,
              '查询参数或路径参数含有不允许的字符 (forbidden character in a query or path parameter)',
            )
          : undefined,
      );
    });
}

/** Query and path parameters are one-line text: no NUL, lone surrogate or control character at all. */
export function requestPartErrors(request: Pick<FastifyRequest, 'query' | 'params'>): FieldError[] {
  const errors: FieldError[] = [];
  for (const source of [request.params, request.query]) {
    if (typeof source !== 'object' || source === null) continue;
    for (const [name, raw] of Object.entries(source as Record<string, unknown>)) {
      const nameProblem = textCharacterProblem(name);
      if (nameProblem) {
        errors.push({ field: JSON.stringify(name), reason: `参数名：${nameProblem}` });
        continue;
      }
      const values = Array.isArray(raw) ? raw : [raw];
      for (const value of values) {
        const problem = typeof value === 'string' ? textCharacterProblem(value) : null;
        if (problem) {
          errors.push({ field: name, reason: problem });
          break;
        }
      }
    }
  }
  return errors;
}
