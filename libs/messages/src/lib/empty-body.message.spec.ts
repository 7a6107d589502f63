import { EmptyBodyV1 } from './empty-body.message';
import { GLOBAL_PIPE_VALIDATION_OPTIONS, validateMessage } from './validation/validate-message';

describe(EmptyBodyV1.name, () => {
  it('takes an empty object, or nothing at all', async () => {
    expect(await validateMessage(EmptyBodyV1, {})).toMatchObject({ ok: true });
    expect(await validateMessage(EmptyBodyV1, undefined)).toMatchObject({ ok: true });
    expect(await validateMessage(EmptyBodyV1, null)).toMatchObject({ ok: true });
    expect(await validateMessage(EmptyBodyV1, {}, GLOBAL_PIPE_VALIDATION_OPTIONS)).toMatchObject({ ok: true });
  });

  it('refuses every field sent, by name', async () => {
    const result = await validateMessage(EmptyBodyV1, { token: 'x', extra: 1 });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.field)).toEqual(['token', 'extra']);
  });

  it('refuses a body that is not an object', async () => {
    for (const body of [[], 'x', 1]) {
      expect((await validateMessage(EmptyBodyV1, body)).errors.map((e) => e.field)).toEqual(['body']);
    }
  });
});
