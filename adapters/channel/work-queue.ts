/**
 * A small in-process job queue: webhooks are acknowledged at once and the answer is produced
 * here afterwards. Jobs with the same key (one citizen) run one after another so answers keep
 * the order of the questions; different citizens run concurrently up to `concurrency`.
 */

export interface WorkQueueOptions {
  /** Jobs running at once across all keys. */
  concurrency: number;
  /** Jobs waiting at most; beyond this new jobs are refused (the caller logs it). */
  maxPending: number;
  /** Called when a job throws (jobs should have their own boundary; this is the last resort). */
  onError: (error: unknown, key: string) => void;
}

export const DEFAULT_WORK_QUEUE_OPTIONS: WorkQueueOptions = { concurrency: 4, maxPending: 1000, onError: () => {} };

interface Job {
  key: string;
  run: () => Promise<void>;
}

export class WorkQueue {
  private readonly options: WorkQueueOptions;
  private readonly pending: Job[] = [];
  private readonly busyKeys = new Set<string>();
  private running = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(options: Partial<WorkQueueOptions> = {}) {
    this.options = { ...DEFAULT_WORK_QUEUE_OPTIONS, ...options };
  }

  /** Queues a job; returns false when the queue is full or closed. */
  push(key: string, run: () => Promise<void>): boolean {
    if (this.closed || this.pending.length >= this.options.maxPending) return false;
    this.pending.push({ key, run });
    this.pump();
    return true;
  }

  /** Number of jobs waiting or running. */
  get size(): number {
    return this.pending.length + this.running;
  }

  /** Resolves when nothing is waiting or running (tests await this instead of sleeping). */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Refuses new jobs and waits for the queued ones (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private pump(): void {
    while (this.running < this.options.concurrency) {
      const index = this.pending.findIndex((j) => !this.busyKeys.has(j.key));
      if (index < 0) break;
      const [job] = this.pending.splice(index, 1);
      this.start(job!);
    }
    if (this.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private start(job: Job): void {
    this.running += 1;
    this.busyKeys.add(job.key);
    void (async () => {
      try {
        await job.run();
      } catch (error) {
        this.options.onError(error, job.key);
      } finally {
        this.running -= 1;
        this.busyKeys.delete(job.key);
        this.pump();
      }
    })();
  }
}
