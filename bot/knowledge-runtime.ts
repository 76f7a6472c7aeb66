/**
 * Keeps the live knowledge snapshot in step with the store: seeds the store from the bundle on
 * first start, and rebuilds the snapshot after every content change (no restart needed).
 */
import { loadBundle, BUNDLED_DATA_DIR } from '../knowledge/bundle-loader.ts';
import type { SqliteKnowledgeStore } from '../knowledge/sqlite/sqlite-knowledge-store.ts';
import type { ValidationIssue } from '../knowledge/validate.ts';
import { buildSnapshot, localDay, type KnowledgeSnapshot } from './knowledge-snapshot.ts';

export interface RuntimeOptions {
  bundleDir?: string;
  seed: boolean;
  staleAfterDays: number;
  /** Told when a rebuild fails; the previous snapshot keeps answering meanwhile. */
  onError?: (error: unknown) => void;
  /** Optional hook that upgrades a lexical snapshot (e.g. hybrid retrieval over vectors). */
  enhance?: (snapshot: KnowledgeSnapshot) => KnowledgeSnapshot | Promise<KnowledgeSnapshot>;
}

/** Holder of the current snapshot. */
export class KnowledgeRuntime {
  private current!: KnowledgeSnapshot;
  private pending: Promise<void> = Promise.resolve();
  /** Problems found when the bundle was loaded (shown at start-up and by `npm run kb:check`). */
  seedIssues: ValidationIssue[] = [];

  private constructor(
    private readonly store: SqliteKnowledgeStore,
    private readonly options: RuntimeOptions,
  ) {}

  /** Seeds if needed, builds the first snapshot and subscribes to changes. */
  static async start(store: SqliteKnowledgeStore, options: RuntimeOptions): Promise<KnowledgeRuntime> {
    const runtime = new KnowledgeRuntime(store, options);
    if (options.seed && store.isEmpty()) {
      const bundle = loadBundle(options.bundleDir ?? BUNDLED_DATA_DIR, { today: new Date(), staleAfterDays: options.staleAfterDays });
      runtime.seedIssues = bundle.issues;
      store.importAll({ procedures: bundle.procedures, qa: bundle.qa, ward: bundle.ward, lexicon: bundle.lexicon });
    } else if (!store.getWard() || !store.getLexicon()) {
      const bundle = loadBundle(options.bundleDir ?? BUNDLED_DATA_DIR, { today: new Date(), staleAfterDays: options.staleAfterDays });
      store.importAll({ procedures: [], qa: [], ward: store.getWard() ?? bundle.ward, lexicon: store.getLexicon() ?? bundle.lexicon });
    }
    await runtime.rebuild();
    store.onChange(() => runtime.schedule());
    // Entries with a future "effective from" date go live on their day without any edit: check
    // hourly whether the date has changed.
    let day = localDay();
    runtime.timer = setInterval(() => {
      const today = localDay();
      if (today !== day) {
        day = today;
        runtime.schedule();
      }
    }, 3_600_000);
    runtime.timer.unref();
    return runtime;
  }

  private timer: NodeJS.Timeout | undefined;

  /** Queues a rebuild after any already pending one. */
  private schedule(): void {
    this.pending = this.pending.then(() => this.rebuild()).catch((error: unknown) => this.options.onError?.(error));
  }

  /** Stops the daily check (the app calls this on close). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The snapshot answers use right now. */
  snapshot(): KnowledgeSnapshot {
    return this.current;
  }

  /** Resolves when every change made so far is visible in the snapshot. */
  async settled(): Promise<void> {
    await this.pending;
  }

  private async rebuild(): Promise<void> {
    const lexical = buildSnapshot({
      procedures: this.store.listProcedures(),
      qa: this.store.listQa(),
      ward: this.store.getWard()!,
      lexicon: this.store.getLexicon()!,
    });
    this.current = this.options.enhance ? await this.options.enhance(lexical) : lexical;
  }
}
