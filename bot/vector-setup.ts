/**
 * Wires embeddings into answering: picks the embedder from configuration (the builtin one trained
 * on the knowledge base, or an ONNX model from a local folder), keeps the persisted vector index
 * in step with every knowledge snapshot, and swaps in the vector or hybrid retriever.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuiltinEmbedder, type BuiltinEmbedderJSON, type TrainingGroup } from '../embeddings/builtin-embedder.ts';
import type { Embedder } from '../embeddings/embedder.ts';
import { modelsDir } from '../embeddings/model-store.ts';
import { OnnxEmbedder } from '../embeddings/onnx-embedder.ts';
import type { KnowledgeEntry } from '../knowledge/entries.ts';
import { DEFAULT_HYBRID, HybridRetriever, VectorRetriever } from '../knowledge/hybrid-retriever.ts';
import { answerRetriever } from '../knowledge/answer-retriever.ts';
import { VectorKnowledgeIndex } from '../knowledge/vector/vector-knowledge-index.ts';
import { vectorUnits } from '../knowledge/vector/vector-units.ts';
import type { Config } from './config.ts';
import type { KnowledgeSnapshot } from './knowledge-snapshot.ts';

/** Upgrades snapshots with vector retrieval; `flush` writes pending index changes (shutdown). */
export type Enhancer = ((snapshot: KnowledgeSnapshot) => Promise<KnowledgeSnapshot>) & { flush?: () => void };

/** Labelled training groups: every phrasing of one topic (a procedure and its Q&A) shares a label. */
export function trainingGroups(entries: readonly KnowledgeEntry[]): TrainingGroup[] {
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    const label = e.procedureId ?? e.id;
    const texts = groups.get(label) ?? [];
    texts.push(e.title, ...e.questions, ...e.keywords);
    groups.set(label, texts);
  }
  return [...groups].map(([label, texts]) => ({ label, texts }));
}

/**
 * The builtin embedder, reused from DATA_DIR/models/builtin.json when it was trained on the same
 * content, else trained now (well under a second) and saved. Between restarts, edits do not
 * retrain: new phrasings are embedded with the current model and the index updates incrementally.
 */
export function loadOrTrainBuiltin(dataDir: string, entries: readonly KnowledgeEntry[]): BuiltinEmbedder {
  const groups = trainingGroups(entries);
  const contentHash = createHash('sha1').update(JSON.stringify(groups)).digest('hex');
  const file = join(modelsDir(dataDir), 'builtin.json');
  if (existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { contentHash: string; model: BuiltinEmbedderJSON };
      if (saved.contentHash === contentHash) return BuiltinEmbedder.fromJSON(saved.model);
    } catch {
      // A damaged file is simply retrained below.
    }
  }
  const embedder = BuiltinEmbedder.train(groups);
  mkdirSync(modelsDir(dataDir), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify({ contentHash, model: embedder.toJSON() }));
  renameSync(`${file}.tmp`, file);
  return embedder;
}

/** The ONNX model folder: MODEL_DIR, or the only folder under DATA_DIR/models. */
function onnxModelDir(config: Config): string {
  if (config.MODEL_DIR) return config.MODEL_DIR;
  const root = modelsDir(config.DATA_DIR);
  const dirs = existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
  if (dirs.length !== 1) {
    throw new Error(`EMBEDDER=onnx cần một mô hình: đặt MODEL_DIR, hoặc cài đúng một mô hình vào ${root} bằng "npm run model:import -- <thư mục>" (đang có ${dirs.length}).`);
  }
  return join(root, dirs[0]!);
}

/** Returns the snapshot enhancer for the configured retriever, or undefined for lexical only. */
export function createVectorEnhancer(config: Config, log: (message: string) => void = () => {}): Enhancer | undefined {
  if (config.RETRIEVER === 'lexical') return undefined;
  let index: VectorKnowledgeIndex | undefined;
  const options = { ...DEFAULT_HYBRID, lexicalWeight: config.HYBRID_LEXICAL_WEIGHT };
  const enhance: Enhancer = async (snapshot) => {
    const entries = [...snapshot.entries.values()];
    if (!index) {
      const embedder: Embedder = config.EMBEDDER === 'onnx' ? await OnnxEmbedder.load({ modelDir: onnxModelDir(config) }) : loadOrTrainBuiltin(config.DATA_DIR, entries);
      index = VectorKnowledgeIndex.open({
        dir: join(config.DATA_DIR, 'vector-index'),
        embedder,
        onError: (error) => log(`Không ghi được chỉ mục vector xuống đĩa (sẽ thử lại): ${(error as Error).message}`),
      });
      log(`Bộ nhúng đang dùng: ${embedder.id} (${embedder.dimensions} chiều)${index.rebuildReason ? ` — dựng lại chỉ mục: ${index.rebuildReason}` : ''}`);
    }
    const report = await index.sync(vectorUnits(entries));
    if (report.toEmbed.length || report.toRemove.length) log(`Chỉ mục vector: nhúng ${report.toEmbed.length}, xoá ${report.toRemove.length}, giữ ${report.unchanged}.`);
    const base = config.RETRIEVER === 'vector' ? new VectorRetriever(snapshot.lexical, index, options) : new HybridRetriever(snapshot.lexical, index, options);
    return { ...snapshot, retriever: answerRetriever(base, snapshot.entries, snapshot.analyzer) };
  };
  enhance.flush = () => index?.flush();
  return enhance;
}
