import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder, type BuiltinEmbedderJSON, type TrainingGroup } from '../../embeddings/builtin-embedder.ts';
import { dot } from '../../embeddings/embedder.ts';
import { EmbeddingError } from '../../embeddings/errors.ts';
import { foldVietnamese } from '../../embeddings/text-fold.ts';

/** Labelled phrasings in the style of the knowledge base (accented and unaccented, as citizens type). */
const CORPUS: TrainingGroup[] = [
  {
    label: 'khai-sinh',
    texts: [
      'Đăng ký khai sinh',
      'Thủ tục làm giấy khai sinh cho con',
      'dang ky khai sinh cho be can giay to gi',
      'Khai sinh cho trẻ mới sinh cần mang theo giấy chứng sinh',
      'làm giấy khai sinh ở đâu',
    ],
  },
  {
    label: 'khai-tu',
    texts: [
      'Đăng ký khai tử',
      'Người thân mất thì báo tử ở đâu',
      'lam giay chung tu cho nguoi nha qua doi',
      'Thủ tục khai tử cần giấy báo tử',
      'khai tu qua han co bi phat khong',
    ],
  },
  {
    label: 'ket-hon',
    texts: [
      'Đăng ký kết hôn',
      'Hai người muốn cưới nhau thì làm giấy đăng ký kết hôn thế nào',
      'dang ky ket hon can mang theo gi',
      'Kết hôn khác phường thì nộp hồ sơ ở đâu',
      'lấy giấy chứng nhận kết hôn mất bao lâu',
    ],
  },
  {
    label: 'tam-tru',
    texts: [
      'Đăng ký tạm trú',
      'Người thuê trọ có phải khai báo tạm trú không',
      'dang ky tam tru cho sinh vien thue nha',
      'Gia hạn tạm trú khi hết thời hạn',
      'tạm trú làm online trên VNeID được không',
    ],
  },
  {
    label: 'can-cuoc',
    texts: [
      'Cấp lại thẻ căn cước',
      'Bị mất căn cước công dân thì làm lại ở đâu',
      'lam can cuoc cho con duoi 14 tuoi',
      'Đổi thẻ căn cước khi thay đổi thông tin',
      'cap doi the can cuoc het bao nhieu tien',
    ],
  },
  {
    label: 'chung-thuc',
    texts: [
      'Chứng thực bản sao từ bản chính',
      'Công chứng photo giấy tờ ở phường được không',
      'chung thuc ban sao hoc ba mat bao nhieu tien',
      'Chứng thực chữ ký trên giấy ủy quyền',
      'sao y bản chính cần mang gì',
    ],
  },
];

/** Held-out phrasings (not in training) with their expected label. */
const HELD_OUT: [string, string][] = [
  ['làm khai sinh cho con mới đẻ', 'khai-sinh'],
  ['bao tu cho ong noi', 'khai-tu'],
  ['thủ tục đăng ký kết hôn cần giấy tờ gì', 'ket-hon'],
  ['thue nha tro co can dang ky tam tru', 'tam-tru'],
  ['mất thẻ căn cước', 'can-cuoc'],
  ['chứng thực bản sao giấy tờ', 'chung-thuc'],
];

const embedder = BuiltinEmbedder.train(CORPUS);

function embedSync(e: BuiltinEmbedder, text: string): Float32Array {
  return e.embedOne(text);
}

describe('foldVietnamese', () => {
  it('strips diacritics, maps đ to d and lowercases, whatever the Unicode form', () => {
    expect(foldVietnamese('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(foldVietnamese('ĐĂNG KÝ KẾT HÔN'.normalize('NFD'))).toBe('dang ky ket hon');
    expect(foldVietnamese('Ủy ban nhân dân phường Ngọc Hà')).toBe('uy ban nhan dan phuong ngoc ha');
  });
});

describe('BuiltinEmbedder', () => {
  it('is deterministic: same corpus and options give the same id and vectors', async () => {
    const again = BuiltinEmbedder.train(CORPUS);
    expect(again.id).toBe(embedder.id);
    const [a] = await embedder.embed(['đăng ký khai sinh cho con'], 'query');
    const [b] = await again.embed(['đăng ký khai sinh cho con'], 'query');
    expect(Array.from(b!)).toEqual(Array.from(a!));
  });

  it('produces unit vectors of the configured size', async () => {
    expect(embedder.dimensions).toBe(256);
    expect(embedder.id).toMatch(/^builtin:v1:[0-9a-f]{16}$/);
    const texts = ['đăng ký khai sinh cho con', 'xyz hoàn toàn lạ', 'Cấp lại thẻ căn cước', 'a'];
    for (const vec of await embedder.embed(texts, 'passage')) {
      expect(vec.length).toBe(256);
      expect(Math.sqrt(dot(vec, vec))).toBeCloseTo(1, 5);
    }
  });

  it('returns a zero vector for text without letters or digits, and [] for no texts', async () => {
    const [vec] = await embedder.embed(['?!…  '], 'query');
    expect(vec!.every((x) => x === 0)).toBe(true);
    expect(await embedder.embed([], 'query')).toEqual([]);
  });

  it('gives the same vector for query and passage (symmetric model) and in a batch', async () => {
    const texts = HELD_OUT.map(([t]) => t);
    const batch = await embedder.embed(texts, 'passage');
    for (let i = 0; i < texts.length; i++) {
      const [q] = await embedder.embed([texts[i]!], 'query');
      expect(Array.from(q!)).toEqual(Array.from(batch[i]!));
    }
  });

  it('puts an accented sentence and its unaccented spelling very close', () => {
    for (const sentence of ['Đăng ký khai sinh cho con ở đâu?', 'Người thân mất thì báo tử ở đâu', 'Cấp lại thẻ căn cước bị mất']) {
      const accented = embedSync(embedder, sentence);
      const folded = embedSync(embedder, foldVietnamese(sentence));
      const nfd = embedSync(embedder, sentence.normalize('NFD'));
      expect(dot(accented, folded)).toBeGreaterThan(0.8);
      expect(dot(accented, nfd)).toBeCloseTo(1, 5);
    }
  });

  it('places held-out paraphrases nearer to their own label than to any other', () => {
    const passages = CORPUS.flatMap((g) => g.texts.map((t) => ({ label: g.label, v: embedSync(embedder, t) })));
    for (const [query, label] of HELD_OUT) {
      const q = embedSync(embedder, query);
      const bestByLabel = new Map<string, number>();
      for (const p of passages) bestByLabel.set(p.label, Math.max(bestByLabel.get(p.label) ?? -1, dot(q, p.v)));
      const own = bestByLabel.get(label)!;
      const others = Math.max(...[...bestByLabel].filter(([l]) => l !== label).map(([, s]) => s));
      expect(own, `"${query}" should be nearest to ${label}`).toBeGreaterThan(others);
    }
  });

  it('keeps paraphrases of one label closer on average than phrasings of different labels', () => {
    const vectors = CORPUS.map((g) => g.texts.map((t) => embedSync(embedder, t)));
    let within = 0;
    let withinN = 0;
    let across = 0;
    let acrossN = 0;
    vectors.forEach((group, g) =>
      group.forEach((a, i) => {
        group.forEach((b, j) => {
          if (j > i) (within += dot(a, b)), withinN++;
        });
        vectors.forEach((other, h) => {
          if (h > g) for (const b of other) (across += dot(a, b)), acrossN++;
        });
      }),
    );
    expect(within / withinN).toBeGreaterThan(across / acrossN + 0.2);
  });

  it('does not depend on the order of groups and texts', async () => {
    const shuffled = [...CORPUS].reverse().map((g) => ({ ...g, texts: [...g.texts].reverse() }));
    const split = CORPUS.flatMap((g) => g.texts.map((t) => ({ label: g.label, texts: [t] })));
    for (const corpus of [shuffled, split]) {
      const other = BuiltinEmbedder.train(corpus);
      expect(other.id).toBe(embedder.id);
      const [a] = await embedder.embed(['thủ tục kết hôn'], 'query');
      const [b] = await other.embed(['thủ tục kết hôn'], 'query');
      expect(Array.from(b!)).toEqual(Array.from(a!));
    }
  });

  it('changes id when the training data or options change', () => {
    const edited = CORPUS.map((g, i) => (i === 0 ? { ...g, texts: [...g.texts, 'khai sinh quá hạn'] } : g));
    expect(BuiltinEmbedder.train(edited).id).not.toBe(embedder.id);
    expect(BuiltinEmbedder.train(CORPUS, { dimensions: 128 }).id).not.toBe(embedder.id);
    expect(BuiltinEmbedder.train(CORPUS, { features: { familyWeights: { char: 1 } } }).id).not.toBe(embedder.id);
  });

  it('round-trips through JSON with identical vectors', async () => {
    const json = JSON.parse(JSON.stringify(embedder.toJSON())) as BuiltinEmbedderJSON;
    const restored = BuiltinEmbedder.fromJSON(json);
    expect(restored.id).toBe(embedder.id);
    expect(restored.dimensions).toBe(embedder.dimensions);
    const texts = ['đăng ký khai sinh cho con', 'tu khoa chua tung thay'];
    const a = await embedder.embed(texts, 'query');
    const b = await restored.embed(texts, 'query');
    expect(b.map((x) => Array.from(x))).toEqual(a.map((x) => Array.from(x)));
  });

  it('rejects a corrupt or foreign save', () => {
    const json = embedder.toJSON();
    expect(() => BuiltinEmbedder.fromJSON({ ...json, formatVersion: 2 as 1 })).toThrow(EmbeddingError);
    expect(() => BuiltinEmbedder.fromJSON({ ...json, weights: '' })).toThrow(/inconsistent/);
    expect(() => BuiltinEmbedder.fromJSON({} as BuiltinEmbedderJSON)).toThrow(/not a builtin/);
  });

  it('works without labels (hash-only) and with a single label', async () => {
    const empty = BuiltinEmbedder.train([]);
    const [v] = await empty.embed(['đăng ký khai sinh'], 'query');
    expect(Math.sqrt(dot(v!, v!))).toBeCloseTo(1, 5);
    const single = BuiltinEmbedder.train([CORPUS[0]!]);
    const [w] = await single.embed(['đăng ký khai sinh'], 'query');
    expect(Math.sqrt(dot(w!, w!))).toBeCloseTo(1, 5);
  });

  it('validates options', () => {
    expect(() => BuiltinEmbedder.train(CORPUS, { dimensions: 4 })).toThrow(/dimensions/);
    expect(() => BuiltinEmbedder.train(CORPUS, { supervisedWeight: 2 })).toThrow(/supervisedWeight/);
  });
});
