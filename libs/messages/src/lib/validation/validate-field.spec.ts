import { AlertDismissalDecisionRequest } from '../alert-requests.message';
import { validateMessageField } from './validate-field';

describe(validateMessageField.name, () => {
  it('validates and transforms one property with its own rules, ignoring the others', () => {
    const id = '9C1E7A52-3B4D-4F6A-8E2C-1D0B9A8F7E6D';
    expect(validateMessageField(AlertDismissalDecisionRequest, 'alertId', id)).toEqual({
      ok: true,
      value: id.toLowerCase(),
      errors: [],
    });
  });

  it('refuses the property with its own field list only', () => {
    expect(validateMessageField(AlertDismissalDecisionRequest, 'alertId', 'nope')).toEqual({
      ok: false,
      errors: [{ field: 'alertId', reason: '预警编号须为 UUID (UUID)' }],
    });
  });
});
