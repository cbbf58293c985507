import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import { useErrorsStore } from './errors';

describe('errors store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  test('shows a phone error with its wording keys and SIP code until dismissed', () => {
    const errors = useErrorsStore();
    const id = errors.reportPhoneError({ code: 'hold-failed', message: 'x', sipCode: 491 });
    expect(errors.entries).toEqual([
      { id, code: 'hold-failed', textKey: 'error.hold-failed', fixKey: 'errorFix.hold-failed', sipCode: 491 },
    ]);
    errors.dismiss(id);
    expect(errors.entries).toEqual([]);
  });

  test('the same problem reported twice is shown once, as the latest report', () => {
    const errors = useErrorsStore();
    errors.reportPhoneError({ code: 'microphone-denied', message: 'x' });
    errors.reportNotice({ code: 'settings-corrupt', message: 'y' });
    const latest = errors.reportPhoneError({ code: 'microphone-denied', message: 'x' });
    expect(errors.entries.map((entry) => [entry.code, entry.id === latest])).toEqual([
      ['settings-corrupt', false],
      ['microphone-denied', true],
    ]);
  });
});
