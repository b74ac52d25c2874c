export interface PrivateMariadbOptions {
  /** Flush every commit and keep doublewrite on (benchmarks); default off (throwaway test data). */
  durable?: boolean;
  /** InnoDB buffer pool in MB; default 128. */
  bufferPoolMb?: number;
  /** InnoDB redo log size in MB; default the server's. */
  logFileMb?: number;
  /** More mariadbd options, e.g. a general log to count statements. */
  extraArgs?: string[];
  /** The user created with every privilege; default `club`. */
  user?: string;
  /** The data directory's name prefix under the system temp dir. */
  dirPrefix?: string;
}

export interface PrivateMariadb {
  /** mysql://user:password@127.0.0.1:port, no database. */
  url: string;
  dataDir: string;
  pid: number;
  /** SIGTERM (SIGKILL after a grace period), then the data dir is deleted. */
  stop(): Promise<void>;
}

export function startPrivateMariadb(options?: PrivateMariadbOptions): Promise<PrivateMariadb>;
