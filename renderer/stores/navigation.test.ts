import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, expect, test } from 'vitest';
import { useNavigationStore } from './navigation';
import { fakeContext } from './test-support/fake-context';

let context: ReturnType<typeof fakeContext>;
beforeEach(() => {
  context = fakeContext();
  setActivePinia(createPinia());
});

test("the host's missed-call entry (tray, notification) brings the call history forward", () => {
  const navigation = useNavigationStore();
  expect(navigation.view).toBe('phone');
  context.command({ kind: 'show-history' });
  expect(navigation.view).toBe('history');
});
