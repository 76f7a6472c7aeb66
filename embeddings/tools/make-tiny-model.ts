/**
 * Generates `tests/fixtures/tiny-model/`: a few-KB BERT-shaped ONNX model with a real HF
 * tokenizer, so the ONNX embedder is tested end to end (tokenizer -> onnxruntime -> pooling)
 * without any download. Its vectors carry no meaning beyond token identity.
 *
 * Graph: last_hidden_state = mask * (E[ids] + T[types] + tanh((E[ids] + T[types]) W + b)).
 * Tokens do not attend to each other, so results cannot depend on padding — which makes the
 * "batch equals one-by-one" test exact.
 *
 * Usage: npx tsx embeddings/tools/make-tiny-model.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { gaussian, mulberry32 } from '../seeded-random.ts';
import { ONNX_PROTO_SUBSET, OnnxAttributeType, OnnxDataType } from './onnx-proto.ts';

const HIDDEN_SIZE = 32;
const SEED = 20250701;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Syllables frequent in ward procedures, plus e5-style prefix words so prefixes are visible. */
const SYLLABLES = `
đăng ký khai sinh tử kết hôn cho con cha mẹ vợ chồng trẻ em người giấy tờ thủ tục hồ sơ nộp ở đâu
cần gì những bao nhiêu tiền lệ phí thời gian mấy ngày làm việc phường xã ủy ban nhân dân trung tâm
phục vụ hành chính công một cửa dịch vụ trực tuyến cổng quốc gia căn cước công dân thẻ cấp đổi lại
mất hỏng tạm trú thường vắng lưu xóa tách hộ gia đình chứng thực bản sao chính chữ dịch hợp đồng
giao mua bán nhà đất di chúc thừa kế xác nhận tình trạng độc thân trích lục giám bảo trợ xã hội
trợ cấp hưu trí mai táng khuyết tật nghèo cận kinh doanh tiệm tạp hóa giấy phép xây dựng riêng lẻ
chuyển trường học sinh tiểu trung cơ sở khiếu nại tố cáo phản ánh kiến nghị tiếp định danh điện tử
mức vneid tài khoản điều chỉnh thông tin thay họ tên cải bổ sung dân tộc nước ngoài yếu tố quá hạn
phạt có không được và của là với thì tôi muốn hỏi xin cách như thế nào khi nếu đã chưa sau trước
trong từ đến tại theo quy luật nghị số năm tháng tuổi dưới trên đủ mới cũ sổ mẫu tờ đơn ảnh
query passage
`;

/** Characters for WordPiece fallback, so unseen words split into letters rather than [UNK]. */
const LETTERS = 'abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ0123456789';
const PUNCTUATION = ':.,?!;-/()"\'';

function buildVocab(): Map<string, number> {
  const tokens: string[] = [...SPECIAL_TOKENS];
  const seen = new Set(tokens);
  const add = (t: string) => {
    if (!seen.has(t)) {
      seen.add(t);
      tokens.push(t);
    }
  };
  for (const s of SYLLABLES.split(/\s+/u)) if (s) add(s.normalize('NFC'));
  for (const ch of LETTERS) {
    add(ch);
    add(`##${ch}`);
  }
  for (const ch of PUNCTUATION) add(ch);
  return new Map(tokens.map((t, i) => [t, i]));
}

function tokenizerJson(vocab: Map<string, number>): object {
  const id = (t: string) => vocab.get(t)!;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    // NFC first: Vietnamese arrives both precomposed and decomposed, and the vocab is NFC.
    // strip_accents must be explicitly false, otherwise BertNormalizer's lowercase implies it.
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFC' },
        { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
      ],
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
}

function floatTensor(name: string, dims: number[], values: Float32Array): object {
  return {
    name,
    dims,
    data_type: OnnxDataType.FLOAT,
    raw_data: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  };
}

function int64Tensor(name: string, dims: number[], values: bigint[]): object {
  const raw = new BigInt64Array(values);
  return { name, dims, data_type: OnnxDataType.INT64, raw_data: new Uint8Array(raw.buffer) };
}

function tensorValueInfo(name: string, elemType: number, dims: (string | number)[]): object {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) },
      },
    },
  };
}

function randomMatrix(rows: number, cols: number, scale: number, next: () => number): Float32Array {
  const m = new Float32Array(rows * cols);
  for (let i = 0; i < m.length; i++) m[i] = next() * scale;
  return m;
}

/** Serialises the tiny BERT-shaped graph as ONNX ModelProto bytes. */
export function buildOnnxModel(vocabSize: number, hidden: number, seed: number): Uint8Array {
  const next = gaussian(mulberry32(seed));
  const root = protobuf.parse(ONNX_PROTO_SUBSET, { keepCase: true }).root;
  const ModelProto = root.lookupType('onnx.ModelProto');
  const node = (op_type: string, input: string[], output: string[], attribute: object[] = []) => ({
    op_type,
    input,
    output,
    name: `${op_type}_${output[0]}`,
    attribute,
  });
  const graph = {
    name: 'tiny_bert',
    input: [
      tensorValueInfo('input_ids', OnnxDataType.INT64, ['batch_size', 'sequence_length']),
      tensorValueInfo('attention_mask', OnnxDataType.INT64, ['batch_size', 'sequence_length']),
      tensorValueInfo('token_type_ids', OnnxDataType.INT64, ['batch_size', 'sequence_length']),
    ],
    output: [tensorValueInfo('last_hidden_state', OnnxDataType.FLOAT, ['batch_size', 'sequence_length', hidden])],
    initializer: [
      floatTensor('word_embeddings', [vocabSize, hidden], randomMatrix(vocabSize, hidden, 1 / Math.sqrt(hidden), next)),
      floatTensor('token_type_embeddings', [2, hidden], randomMatrix(2, hidden, 0.1 / Math.sqrt(hidden), next)),
      floatTensor('dense_weight', [hidden, hidden], randomMatrix(hidden, hidden, 1 / Math.sqrt(hidden), next)),
      floatTensor('dense_bias', [hidden], randomMatrix(1, hidden, 0.1, next)),
      int64Tensor('unsqueeze_axes', [1], [-1n]),
    ],
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], ['words'], [{ name: 'axis', type: OnnxAttributeType.INT, i: 0 }]),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['types'], [{ name: 'axis', type: OnnxAttributeType.INT, i: 0 }]),
      node('Add', ['words', 'types'], ['summed']),
      node('MatMul', ['summed', 'dense_weight'], ['projected']),
      node('Add', ['projected', 'dense_bias'], ['biased']),
      node('Tanh', ['biased'], ['activated']),
      node('Add', ['summed', 'activated'], ['residual']),
      node('Cast', ['attention_mask'], ['mask_float'], [{ name: 'to', type: OnnxAttributeType.INT, i: OnnxDataType.FLOAT }]),
      node('Unsqueeze', ['mask_float', 'unsqueeze_axes'], ['mask_3d']),
      node('Mul', ['residual', 'mask_3d'], ['last_hidden_state']),
    ],
  };
  const model = {
    ir_version: 8,
    opset_import: [{ domain: '', version: 14 }],
    producer_name: 'smartbot-make-tiny-model',
    producer_version: '1',
    graph,
  };
  const err = ModelProto.verify(model);
  if (err) throw new Error(`invalid ModelProto: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Writes the complete model folder (config, tokenizer, ONNX graph) to `outDir`. */
export function makeTinyModel(outDir: string): void {
  const vocab = buildVocab();
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  const json = (name: string, value: object) =>
    writeFileSync(join(outDir, name), `${JSON.stringify(value, null, 2)}\n`);
  json('config.json', {
    _name_or_path: 'smartbot/tiny-bert-vi',
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: HIDDEN_SIZE,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: HIDDEN_SIZE,
    max_position_embeddings: 128,
    type_vocab_size: 2,
    vocab_size: vocab.size,
    pad_token_id: 0,
  });
  json('tokenizer.json', tokenizerJson(vocab));
  json('tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    model_max_length: 128,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  });
  json('special_tokens_map.json', {
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  });
  writeFileSync(join(outDir, 'onnx', 'model.onnx'), buildOnnxModel(vocab.size, HIDDEN_SIZE, SEED));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = resolve(process.argv[2] ?? join(here, '..', '..', 'tests', 'fixtures', 'tiny-model'));
  makeTinyModel(outDir);
  console.log(`tiny model written to ${outDir}`);
}
