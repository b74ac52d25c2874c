/** What running a job answered: `created` is false when the run only repeats an earlier one (HTTP 200 instead of 201). */
export interface JobOutcome {
  created: boolean;
  result: unknown;
}

/**
 * A job a feature module registers with the `JobsRegistry` when it starts. `run` must be safe to call
 * again and from several server instances at once: each job keeps its own idempotency (the points jobs
 * record one run per period in `job_runs`; `redemptions-expiry` returns each redemption by a
 * conditional update), because what a "period" is, and what a repeat answers, differs per job.
 */
export interface JobDefinition {
  /** The `{name}` of `POST /jobs/{name}/runs`. */
  name: string;
  /** One sentence for the managers' job list. */
  description: string;
  /** Run on its own by the jobs scheduler (when `isDue` says so, every check otherwise); absent: on demand only. */
  schedule?: { description: string; isDue?: (now: Date) => boolean };
  run(now: Date): Promise<JobOutcome>;
}
