import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../../embeddings/builtin-embedder.ts';
import { PersistedIndex, type IndexManifest } from '../../embeddings/persisted-index.ts';

/** A tiny knowledge base: key -> text; the content hash is the text itself for readability. */
const KB: Record<string, string> = {
  'khai-sinh': 'Đăng ký khai sinh cho trẻ em',
  'khai-tu': 'Đăng ký khai tử cho người thân qua đời',
  'ket-hon': 'Đăng ký kết hôn tại ủy ban phường',
  'tam-tru': 'Đăng ký tạm trú cho người thuê nhà',
  'can-cuoc': 'Cấp lại thẻ căn cước bị mất',
};

const embedder = BuiltinEmbedder.train(
  Object.entries(KB).map(([label, text]) => ({ label, texts: [text] })),
  { dimensions: 64 },
);

describe('PersistedIndex', () => {
  let dir: string;
  let kb: Record<string, string>;
  let embedded: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smartbot-index-'));
    kb = { ...KB };
    embedded = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** What the knowledge indexer does at start-up: open, sync (embedding only what changed), save. */
  async function startUp(embedderId = embedder.id, dimensions = embedder.dimensions) {
    const store = PersistedIndex.open({ dir, embedderId, dimensions });
    const report = await store.sync(kb, async (keys) => {
      embedded.push(...keys);
      return embedder.embed(keys.map((k) => kb[k]!), 'passage');
    });
    const wrote = store.save();
    return { store, report, wrote };
  }

  async function topKey(store: PersistedIndex, query: string): Promise<string | undefined> {
    const [q] = await embedder.embed([query], 'query');
    return store.index.search(q!, 1)[0]?.key;
  }

  it('builds from scratch the first time and writes a manifest', async () => {
    const { store, report } = await startUp();
    expect(store.reused).toBe(false);
    expect(store.rebuildReason).toBe('no saved index');
    expect(report.toEmbed.sort()).toEqual(Object.keys(KB).sort());
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
    expect(manifest).toMatchObject({ formatVersion: 1, embedderId: embedder.id, dimensions: 64 });
    expect(manifest.entries).toEqual(KB);
    expect(existsSync(join(dir, manifest.indexFile))).toBe(true);
    expect(await topKey(store, 'khai tu nguoi than')).toBe('khai-tu');
  });

  it('reuses the saved index on restart without re-embedding', async () => {
    await startUp();
    embedded = [];
    const { store, report, wrote } = await startUp();
    expect(store.reused).toBe(true);
    expect(embedded).toEqual([]);
    expect(report).toEqual({ toEmbed: [], toRemove: [], unchanged: 5 });
    expect(wrote).toBe(false); // nothing changed: no rewrite of the graph
    expect(store.index.size).toBe(5);
    expect(await topKey(store, 'dang ky ket hon')).toBe('ket-hon');
  });

  it('applies incremental add, edit and remove, and they survive a reload', async () => {
    await startUp();
    embedded = [];
    delete kb['tam-tru'];
    kb['can-cuoc'] = 'Đăng ký tạm trú cho người thuê nhà'; // edited: now about residence
    kb['giam-ho'] = 'Đăng ký giám hộ cho trẻ em';
    const first = await startUp();
    expect(first.report.toRemove).toEqual(['tam-tru']);
    expect(first.report.toEmbed.sort()).toEqual(['can-cuoc', 'giam-ho']);
    expect(embedded.sort()).toEqual(['can-cuoc', 'giam-ho']);

    embedded = [];
    const { store, report } = await startUp();
    expect(store.reused).toBe(true);
    expect(embedded).toEqual([]);
    expect(report.unchanged).toBe(5);
    expect(store.index.has('tam-tru')).toBe(false);
    expect(store.index.size).toBe(5);
    expect(store.contentHash('can-cuoc')).toBe(kb['can-cuoc']);
    expect(await topKey(store, 'tạm trú thuê nhà')).toBe('can-cuoc');
    expect(await topKey(store, 'giám hộ')).toBe('giam-ho');
  });

  it('reuses deleted slots after reload', async () => {
    await startUp();
    delete kb['khai-sinh'];
    delete kb['khai-tu'];
    await startUp();
    kb['x1'] = 'Chứng thực bản sao';
    kb['x2'] = 'Chứng thực chữ ký';
    kb['x3'] = 'Xác nhận tình trạng hôn nhân';
    const { store } = await startUp();
    expect(store.index.size).toBe(6);
    const { store: again } = await startUp();
    expect(again.index.keys().sort()).toEqual(Object.keys(kb).sort());
    expect(await topKey(again, 'chung thuc chu ky')).toBe('x2');
  });

  it('rebuilds when the embedder id changes', async () => {
    await startUp();
    embedded = [];
    const { store } = await startUp('builtin:v1:another-training');
    expect(store.reused).toBe(false);
    expect(store.rebuildReason).toMatch(/embedder changed/);
    expect(embedded.sort()).toEqual(Object.keys(KB).sort());
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
    expect(manifest.embedderId).toBe('builtin:v1:another-training');
  });

  it('rebuilds when the dimensions change', () => {
    return startUp().then(() => {
      const store = PersistedIndex.open({ dir, embedderId: embedder.id, dimensions: 32 });
      expect(store.reused).toBe(false);
      expect(store.rebuildReason).toMatch(/dimensions changed/);
      expect(store.plan(kb).toEmbed).toHaveLength(5);
    });
  });

  it('rebuilds instead of failing when the graph file is damaged', async () => {
    await startUp();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
    writeFileSync(join(dir, manifest.indexFile), 'garbage');
    const store = PersistedIndex.open({ dir, embedderId: embedder.id, dimensions: 64 });
    expect(store.reused).toBe(false);
    expect(store.rebuildReason).toMatch(/missing or truncated/);
  });

  it('keeps exactly one graph file and no temp files after saves', async () => {
    await startUp();
    kb['x'] = 'Tách hộ';
    await startUp();
    await startUp();
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.hnsw'))).toHaveLength(1);
    expect(files.filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(files).toContain('manifest.json');
  });
});
