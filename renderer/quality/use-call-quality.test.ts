// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import type { StatsEntry } from './call-quality';
import { QUALITY_SAMPLE_INTERVAL_MS, useCallQuality, type ReadStats } from './use-call-quality';

function audio(received: number, lost: number): StatsEntry[] {
  return [{ type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost, jitter: 0.005 }];
}

function host(readStats: ReadStats, live = ref(true)) {
  let result: ReturnType<typeof useCallQuality> | undefined;
  const wrapper = mount(
    defineComponent({
      setup() {
        result = useCallQuality(readStats, () => live.value);
        return () => h('div');
      },
    }),
  );
  return { wrapper, reading: () => result!.value, live };
}

async function tick(): Promise<void> {
  await vi.advanceTimersByTimeAsync(QUALITY_SAMPLE_INTERVAL_MS);
  await nextTick();
}

describe('useCallQuality', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('judges each interval from the one before, and stops reading when the view goes', async () => {
    const reports = [audio(100, 0), audio(200, 0), audio(280, 20)];
    const readStats = vi.fn(async () => reports.shift() ?? audio(280, 20));
    const { wrapper, reading } = host(readStats);
    await nextTick();
    expect(reading()).toBeNull();
    await tick();
    expect(reading()).toMatchObject({ level: 'good' });
    await tick();
    expect(reading()).toMatchObject({ level: 'poor', reason: 'packet-loss' });
    const calls = readStats.mock.calls.length;
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(QUALITY_SAMPLE_INTERVAL_MS * 5);
    expect(readStats.mock.calls.length).toBe(calls);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('reads nothing while the call is not live, and starts afresh when it is again', async () => {
    const readStats = vi.fn(async () => audio(100, 0));
    const { reading, live } = host(readStats, ref(false));
    await vi.advanceTimersByTimeAsync(QUALITY_SAMPLE_INTERVAL_MS * 3);
    expect(readStats).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    live.value = true;
    await nextTick();
    expect(readStats).toHaveBeenCalledTimes(1);
    live.value = false;
    await nextTick();
    expect(reading()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  test('a call without media yet, or a failing getStats, shows no reading', async () => {
    const readStats = vi.fn<ReadStats>(async () => null);
    const { reading } = host(readStats);
    await tick();
    expect(reading()).toBeNull();
    readStats.mockRejectedValue(new Error('closed'));
    await tick();
    expect(reading()).toBeNull();
  });
});
