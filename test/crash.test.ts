/**
 * Kill -9 at random moments of real runs in a pseudo-terminal (test/harness/crash.ts):
 * no answer whose prompt had returned is ever lost, no file is left half-written,
 * leftovers are cleaned up on the next start. `npm run soak` runs hundreds of kills.
 */
import { describe, expect, it } from 'vitest';
import { runCrashHarness } from './harness/crash.ts';
import { hasTmux } from './harness/tmux.ts';

describe.skipIf(!hasTmux())('crash harness (needs tmux)', () => {
  it('loses no answer over 30 kills', async () => {
    const report = await runCrashHarness({ kills: 30 });
    expect(report.problems, `seed ${report.seed}`).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.kills).toBe(30);
    // The run really answered questions and came back from kills. Each kill follows 0-3
    // answers (about 1.5 on average, so some 45 in all, varying with the seed): 10 is far
    // below what any seed gives, and far above what a harness that stopped answering would.
    expect(report.confirmed).toBeGreaterThanOrEqual(10);
    expect(report.checks).toBeGreaterThan(report.confirmed);
  }, 150_000);

  it('loses no answer with encryption on (8 kills)', async () => {
    const report = await runCrashHarness({ kills: 8, encrypted: true });
    expect(report.problems, `seed ${report.seed}`).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.kills).toBe(8);
    expect(report.confirmed).toBeGreaterThan(0);
  }, 150_000);
});
