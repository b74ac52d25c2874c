/** One registered job, as `GET /jobs` lists it (an extension of the contract). */
export interface JobSummary {
  /** The `{name}` of `POST /jobs/{name}/runs`. */
  name: string;
  description: string;
  /** When it runs on its own, in words; null when it runs only on demand. */
  schedule: string | null;
}

/** `GET /jobs`: every registered job, by name. */
export interface JobList {
  items: JobSummary[];
}
