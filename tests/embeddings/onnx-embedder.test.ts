import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dot } from '../../embeddings/embedder.ts';
import { EmbeddingError } from '../../embeddings/errors.ts';
import { makeTinyModel } from '../../embeddings/tools/make-tiny-model.ts';
import { blockedNetworkAttempts, E5_PREFIXES, isE5Model, OnnxEmbedder } from '../../embeddings/onnx-embedder.ts';

const TINY_MODEL = resolve(import.meta.dirname, '../fixtures/tiny-model');
const SENTENCE = 'đăng ký khai sinh cho con';

function norm(v: Float32Array): number {
  return Math.sqrt(dot(v, v));
}

function expectClose(a: Float32Array, b: Float32Array, tolerance = 1e-5): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(tolerance);
}

describe('OnnxEmbedder on the generated tiny model', () => {
  let embedder: OnnxEmbedder;
  const fetchCalls: unknown[] = [];
  const originalGlobalFetch = globalThis.fetch;

  beforeAll(async () => {
    // Any network attempt — by our code, transformers.js (its own env.fetch) or a dependency —
    // is recorded and fails. loading installs its own refusing env.fetch, so spy on it after.
    globalThis.fetch = ((input: unknown) => {
      fetchCalls.push(input);
      return Promise.reject(new Error('network disabled in tests'));
    }) as typeof fetch;
    embedder = await OnnxEmbedder.load({ modelDir: TINY_MODEL, batchSize: 2 });
  });

  afterAll(async () => {
    globalThis.fetch = originalGlobalFetch;
    await embedder?.dispose();
  });

  it('reads dimensions from config.json and names the model', () => {
    expect(embedder.dimensions).toBe(32);
    expect(embedder.id).toMatch(/^onnx:tiny-model:fp32:mean:[0-9a-f]{10}$/);
    expect(embedder.settings.prefixes).toBeNull();
  });

  it('embeds Vietnamese text into unit vectors of the right size', async () => {
    const [v] = await embedder.embed([SENTENCE], 'query');
    expect(v).toBeInstanceOf(Float32Array);
    expect(v!.length).toBe(32);
    expect(norm(v!)).toBeCloseTo(1, 5);
  });

  it('gives the same vectors in a batch as one by one (padding has no effect)', async () => {
    const texts = [SENTENCE, 'kết hôn', 'xin cấp lại thẻ căn cước công dân bị mất', 'tạm trú', 'ở đâu?'];
    const batched = await embedder.embed(texts, 'passage');
    expect(batched).toHaveLength(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const [single] = await embedder.embed([texts[i]!], 'passage');
      expectClose(batched[i]!, single!);
      expect(norm(batched[i]!)).toBeCloseTo(1, 5);
    }
  });

  it('treats decomposed (NFD) and precomposed Vietnamese the same', async () => {
    const [nfc, nfd] = await embedder.embed([SENTENCE.normalize('NFC'), SENTENCE.normalize('NFD')], 'query');
    expectClose(nfc!, nfd!);
  });

  it('returns an empty list for no texts', async () => {
    expect(await embedder.embed([], 'query')).toEqual([]);
  });

  it('made no network call while loading and embedding', async () => {
    await embedder.embed([SENTENCE], 'query');
    expect(fetchCalls).toEqual([]);
    expect(blockedNetworkAttempts()).toBe(0);
    expect(env.allowRemoteModels).toBe(false);
    // transformers.js calls env.fetch, not globalThis.fetch: it must be the refusing one.
    await expect(env.fetch('https://huggingface.co/x/resolve/main/config.json')).rejects.toThrow(/disabled/);
    expect(blockedNetworkAttempts()).toBe(1);
  });
});

describe('OnnxEmbedder prefixes', () => {
  const embedders: OnnxEmbedder[] = [];
  afterEach(async () => {
    await Promise.all(embedders.splice(0).map((e) => e.dispose()));
  });

  it('applies configured query/passage prefixes', async () => {
    const prefixed = await OnnxEmbedder.load({ modelDir: TINY_MODEL, prefixes: E5_PREFIXES });
    const plain = await OnnxEmbedder.load({ modelDir: TINY_MODEL, prefixes: null });
    embedders.push(prefixed, plain);
    const [q] = await prefixed.embed([SENTENCE], 'query');
    const [p] = await prefixed.embed([SENTENCE], 'passage');
    const [manualQ, manualP, bare] = await plain.embed([`query: ${SENTENCE}`, `passage: ${SENTENCE}`, SENTENCE], 'query');
    expectClose(q!, manualQ!);
    expectClose(p!, manualP!);
    expect(dot(q!, bare!)).toBeLessThan(0.9999);
    expect(prefixed.id).not.toBe(plain.id);
  });

  it('detects e5 models from the folder name', async () => {
    expect(isE5Model({ name: 'multilingual-e5-small', nameOrPath: undefined })).toBe(true);
    expect(isE5Model({ name: 'model', nameOrPath: 'intfloat/multilingual-e5-base' })).toBe(true);
    expect(isE5Model({ name: 'paraphrase-multilingual-MiniLM-L12-v2', nameOrPath: undefined })).toBe(false);
    expect(isE5Model({ name: 'tiny-model', nameOrPath: 'smartbot/tiny-bert-vi' })).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'smartbot-e5-'));
    try {
      const e5Dir = join(dir, 'tiny-e5-small');
      cpSync(TINY_MODEL, e5Dir, { recursive: true });
      const e5 = await OnnxEmbedder.load({ modelDir: e5Dir });
      embedders.push(e5);
      expect(e5.settings.prefixes).toEqual(E5_PREFIXES);
      expect(e5.id).toMatch(/^onnx:tiny-e5-small:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prefers the quantized weights when present', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smartbot-q8-'));
    try {
      const q8Dir = join(dir, 'tiny-q8');
      cpSync(TINY_MODEL, q8Dir, { recursive: true });
      cpSync(join(q8Dir, 'onnx', 'model.onnx'), join(q8Dir, 'onnx', 'model_quantized.onnx'));
      const auto = await OnnxEmbedder.load({ modelDir: q8Dir });
      const fp32 = await OnnxEmbedder.load({ modelDir: q8Dir, dtype: 'fp32' });
      embedders.push(auto, fp32);
      expect(auto.settings.dtype).toBe('q8');
      expect(auto.id).toContain(':q8:');
      expect(fp32.id).toContain(':fp32:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('supports cls pooling with a different id', async () => {
    const cls = await OnnxEmbedder.load({ modelDir: TINY_MODEL, pooling: 'cls' });
    embedders.push(cls);
    const [v] = await cls.embed([SENTENCE], 'query');
    expect(norm(v!)).toBeCloseTo(1, 5);
    expect(cls.id).toContain(':cls:');
  });
});

describe('OnnxEmbedder errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smartbot-bad-model-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function loadError(modelDir: string, extra: object = {}): Promise<EmbeddingError> {
    const err = await OnnxEmbedder.load({ modelDir, ...extra }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EmbeddingError);
    return err as EmbeddingError;
  }

  it('reports a missing model folder', async () => {
    const err = await loadError(join(dir, 'does-not-exist'));
    expect(err.code).toBe('MODEL_DIR_MISSING');
    expect(err.message).toContain('model:import');
  });

  it('reports missing files', async () => {
    const incomplete = join(dir, 'incomplete');
    cpSync(TINY_MODEL, incomplete, { recursive: true });
    rmSync(join(incomplete, 'onnx'), { recursive: true });
    const err = await loadError(incomplete);
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toContain('onnx/model*.onnx');
  });

  it('reports a corrupt ONNX file', async () => {
    const corrupt = join(dir, 'corrupt');
    cpSync(TINY_MODEL, corrupt, { recursive: true });
    writeFileSync(join(corrupt, 'onnx', 'model.onnx'), 'not a protobuf');
    const err = await loadError(corrupt);
    expect(err.code).toBe('MODEL_LOAD_FAILED');
  });

  it('reports a requested dtype that is absent', async () => {
    const err = await loadError(TINY_MODEL, { dtype: 'q8' });
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toContain('model_quantized.onnx');
  });

  it('rejects a bad batch size', async () => {
    const err = await loadError(TINY_MODEL, { batchSize: 0 });
    expect(err.code).toBe('INVALID_OPTIONS');
  });
});


describe('tiny model generator', () => {
  it('reproduces the committed fixture byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smartbot-tiny-'));
    try {
      makeTinyModel(dir);
      for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'onnx/model.onnx']) {
        expect(readFileSync(join(dir, f)).equals(readFileSync(join(TINY_MODEL, f))), f).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
