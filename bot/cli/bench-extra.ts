/** Benchmarks of the vector side (embedder, HNSW vs exact, hybrid); filled in with the embeddings work. */
import type { KnowledgeBundle } from '../../knowledge/bundle-loader.ts';

export async function extraBenches(_bundle: KnowledgeBundle, _sizes: number[], _queries: string[]): Promise<void> {}
