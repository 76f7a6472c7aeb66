import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as importCli } from '../../embeddings/cli/model-import.ts';
import { main as pullCli } from '../../embeddings/cli/model-pull.ts';
import { EmbeddingError } from '../../embeddings/errors.ts';
import { importModel, pullModel } from '../../embeddings/model-store.ts';
import { OnnxEmbedder } from '../../embeddings/onnx-embedder.ts';

const TINY_MODEL = resolve(import.meta.dirname, '../fixtures/tiny-model');

describe('model import', () => {
  let dataDir: string;
  let scratch: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'smartbot-data-'));
    scratch = mkdtempSync(join(tmpdir(), 'smartbot-src-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('copies the tiny model into DATA_DIR/models/<name> and smoke-tests it', async () => {
    const model = await importModel({ sourceDir: TINY_MODEL, dataDir });
    expect(model.name).toBe('tiny-model');
    expect(model.dir).toBe(join(dataDir, 'models', 'tiny-model'));
    expect(model.dimensions).toBe(32);
    expect(model.onnxFiles).toEqual(['model.onnx']);
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      expect(existsSync(join(model.dir, f))).toBe(true);
    }
    // No staging or backup folder is left behind.
    expect(readdirSync(join(dataDir, 'models'))).toEqual(['tiny-model']);
    const embedder = await OnnxEmbedder.load({ modelDir: model.dir });
    expect(embedder.id).toBe(model.embedderId);
    await embedder.dispose();
  });

  it('runs as a CLI with --data-dir and prints the dimensions', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await importCli([TINY_MODEL, '--data-dir', dataDir, '--name', 'vi-tiny'], {}, (l) => out.push(l), (l) => err.push(l));
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/dimensions 32/);
    expect(existsSync(join(dataDir, 'models', 'vi-tiny', 'onnx', 'model.onnx'))).toBe(true);
  });

  it('uses DATA_DIR from the environment when --data-dir is absent', async () => {
    const code = await importCli([TINY_MODEL], { DATA_DIR: dataDir }, () => {}, () => {});
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'models', 'tiny-model'))).toBe(true);
  });

  it('refuses an incomplete folder without copying anything', async () => {
    const broken = join(scratch, 'broken');
    cpSync(TINY_MODEL, broken, { recursive: true });
    rmSync(join(broken, 'tokenizer.json'));
    const err: string[] = [];
    const code = await importCli([broken, '--data-dir', dataDir], {}, () => {}, (l) => err.push(l));
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/MODEL_INVALID: .*missing tokenizer\.json/);
    expect(existsSync(join(dataDir, 'models', 'broken'))).toBe(false);
  });

  it('keeps the previously installed model when the new one fails the smoke check', async () => {
    await importModel({ sourceDir: TINY_MODEL, dataDir, name: 'current' });
    const corrupt = join(scratch, 'corrupt');
    cpSync(TINY_MODEL, corrupt, { recursive: true });
    writeFileSync(join(corrupt, 'onnx', 'model.onnx'), 'not an onnx graph');
    const error = await importModel({ sourceDir: corrupt, dataDir, name: 'current' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect((error as EmbeddingError).code).toBe('MODEL_LOAD_FAILED');
    expect(readdirSync(join(dataDir, 'models'))).toEqual(['current']);
    const embedder = await OnnxEmbedder.load({ modelDir: join(dataDir, 'models', 'current') });
    expect(embedder.dimensions).toBe(32);
    await embedder.dispose();
  });

  it('prints usage for missing arguments', async () => {
    const err: string[] = [];
    expect(await importCli([], {}, () => {}, (l) => err.push(l))).toBe(2);
    expect(err[0]).toMatch(/^Usage: npm run model:import/);
  });
});

describe('model pull', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'smartbot-pull-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const offline = (() => Promise.reject(new TypeError('fetch failed: getaddrinfo ENOTFOUND huggingface.co'))) as typeof fetch;

  it('fails with a clear error when the hub is unreachable, and cleans up', async () => {
    const error = await pullModel({ hubId: 'Xenova/multilingual-e5-small', dataDir, fetch: offline }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect((error as EmbeddingError).code).toBe('MODEL_DOWNLOAD_FAILED');
    expect((error as Error).message).toMatch(/Could not download Xenova\/multilingual-e5-small.*model:import/s);
    expect(readdirSync(join(dataDir, 'models'))).toEqual([]);
    // Remote loading is switched off again afterwards.
    expect(env.allowRemoteModels).toBe(false);
  });

  it('reports the failure through the CLI exit code', async () => {
    const err: string[] = [];
    const code = await pullCli(['Xenova/multilingual-e5-small', '--data-dir', dataDir], {}, () => {}, (l) => err.push(l), offline);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/^MODEL_DOWNLOAD_FAILED: /);
  });
});
