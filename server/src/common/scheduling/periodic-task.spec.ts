import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('waits, then runs every period until stopped', async () => {
    let runs = 0;
    const task = new PeriodicTask(
      async () => {
        runs += 1;
      },
      { everyMs: 1_000, firstAfterMs: 5_000 },
    );
    task.start();
    await jest.advanceTimersByTimeAsync(4_999);
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(4);
    task.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(4);
  });

  it('never runs twice at once: a tick during a run is skipped', async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    const task = new PeriodicTask(
      () => {
        runs += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
      { everyMs: 1_000, firstAfterMs: 0 },
    );
    const first = task.tick();
    await task.tick();
    expect(runs).toBe(1);
    release();
    await first;
    const third = task.tick();
    expect(runs).toBe(2);
    release();
    await third;
  });
});
