import { describe, expect, it } from 'vitest';
import { threadSummary, traceCategories, TraceBook } from './browser-trace';

const meta = [
  { ph: 'M', name: 'process_name', pid: 1, args: { name: 'Browser' } },
  { ph: 'M', name: 'thread_name', pid: 1, tid: 10, args: { name: 'CrBrowserMain' } },
  { ph: 'M', name: 'thread_name', pid: 1, tid: 11, args: { name: 'Chrome_IOThread' } },
  { ph: 'M', name: 'process_name', pid: 2, args: { name: 'Renderer' } },
  { ph: 'M', name: 'thread_name', pid: 2, tid: 10, args: { name: 'CrBrowserMain' } },
];
const task = (pid: number, tid: number, ts: number, tdur: number) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', pid, tid, ts, dur: tdur, tdur });
const message = (pid: number, tid: number, ts: number, tdur: number, tag: string) => ({
  ph: 'X',
  name: 'Receive mojo message',
  pid,
  tid,
  ts,
  dur: tdur,
  tdur,
  args: { chrome_mojo_event_info: { mojo_interface_tag: tag } },
});

describe("the browser main thread's time in a Chromium trace", () => {
  it('sums top-level tasks and outermost messages by interface, on that thread of that process only', () => {
    const trace = {
      traceEvents: [
        ...meta,
        task(1, 10, 0, 30_000),
        message(1, 10, 100, 20_000, 'media_session.mojom.MediaSession'),
        // handled inside the message above: already counted in its 20 ms
        message(1, 10, 200, 5_000, 'blink.mojom.ImageDownloader'),
        task(1, 10, 40_000, 4_000),
        message(1, 10, 40_100, 3_000, 'media_session.mojom.MediaSession'),
        message(1, 11, 0, 9_000, 'media.mojom.AudioLog'),
        task(2, 10, 0, 50_000),
        message(2, 10, 0, 50_000, 'media_session.mojom.MediaSession'),
      ],
    };
    const summary = threadSummary(trace);
    expect(summary.tasksMs).toBe(34);
    expect([...summary.byInterface]).toEqual([['media_session.mojom.MediaSession', { ms: 23, messages: 2 }]]);
  });

  it('gives figures per call for each softphone, biggest interface first', () => {
    const book = new TraceBook();
    const one = (ms: number) => ({
      tasksMs: ms,
      byInterface: new Map([
        ['a.mojom.Small', { ms: 1, messages: 1 }],
        ['b.mojom.Big', { ms: ms / 2, messages: 2 }],
      ]),
    });
    book.add('ours', one(40));
    book.add('ours', one(60));
    book.add('sipjs', one(20));
    expect(book.lines(1)).toEqual([
      'ours (2 calls): browser main thread 50.0 ms per call; biggest: b.mojom.Big 25.0 (2.0 msg)',
      'sipjs (1 calls): browser main thread 20.0 ms per call; biggest: b.mojom.Big 10.0 (2.0 msg)',
    ]);
    book.clear();
    expect(book.lines()).toEqual([]);
  });

  it('records the default categories for BENCH_TRACE=1, and those listed besides them', () => {
    expect(traceCategories('1')).toEqual(['toplevel', 'mojom']);
    expect(traceCategories('devtools.timeline, mojom')).toEqual(['toplevel', 'mojom', 'devtools.timeline']);
  });
});
