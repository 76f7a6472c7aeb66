import { describe, expect, it } from 'vitest';
import { loadEvalSets } from '../../bot/cli/eval-core.ts';

describe('loadEvalSets', () => {
  it('loads the questions, negatives and dialogues of a set', () => {
    const sets = loadEvalSets('tests/eval/set1', 'extra');
    expect(sets.positives.length).toBeGreaterThan(50);
    expect(sets.negatives.length).toBeGreaterThan(10);
    expect(sets.dialogues.length).toBeGreaterThan(5);
  });

  it('refuses a folder or prefix with no set instead of reporting 0 %', () => {
    expect(() => loadEvalSets('tests/eval/set1', 'dev')).toThrow(/extra|dev\.jsonl/);
    expect(() => loadEvalSets('tests/eval/khong-co', 'extra')).toThrow(/--sets/);
  });
});
