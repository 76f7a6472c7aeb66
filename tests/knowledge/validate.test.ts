import { describe, expect, it } from 'vitest';
import { validateContent } from '../../knowledge/validate.ts';
import { procedures, qa } from '../support/fixtures.ts';

const today = new Date('2026-11-22');
const opts = { today, staleAfterDays: 180 };

describe('validateContent', () => {
  it('accepts valid content without issues', () => {
    const r = validateContent(procedures.map((value) => ({ value })), qa.map((value) => ({ value })), opts);
    expect(r.issues).toEqual([]);
    expect(r.procedures).toHaveLength(procedures.length);
  });

  it('reports missing required fields in Vietnamese and keeps the rest', () => {
    const broken = { ...procedures[0], id: 'thieu-ten', name: '' };
    const r = validateContent([{ value: broken, source: 'a.json#1' }, { value: procedures[1] }], [], opts);
    expect(r.procedures.map((p) => p.id)).toEqual([procedures[1]!.id]);
    expect(r.issues[0]).toMatchObject({ level: 'error', entry: 'thieu-ten', source: 'a.json#1' });
    expect(r.issues[0]!.message).toContain('name');
    expect(r.issues[0]!.message).toContain('không được để trống');
  });

  it('rejects duplicate ids across procedures and Q&A', () => {
    const dup = { ...qa[0], id: procedures[0]!.id };
    const r = validateContent([{ value: procedures[0] }], [{ value: dup }], opts);
    expect(r.qa).toHaveLength(0);
    expect(r.issues.some((i) => i.message.includes('Trùng mã'))).toBe(true);
  });

  it('drops a malformed portal URL with a warning but keeps the procedure', () => {
    const r = validateContent([{ value: { ...procedures[0], portalUrl: 'dichvucong gov vn' } }], [], opts);
    expect(r.procedures).toHaveLength(1);
    expect(r.procedures[0]!.portalUrl).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ level: 'warning' });
  });

  it('flags stale review dates and dangling procedure links', () => {
    const r = validateContent([{ value: { ...procedures[0], reviewedAt: '2025-01-01' } }], [{ value: { ...qa[1], procedureId: 'khong-ton-tai' } }], opts);
    expect(r.issues.map((i) => i.message).join('\n')).toMatch(/quá 180 ngày[\s\S]*không có trong kho|không có trong kho[\s\S]*quá 180 ngày/);
  });

  it('never throws on garbage', () => {
    expect(() => validateContent([{ value: null }, { value: 42 }, { value: 'x' }], [{ value: [] }], opts)).not.toThrow();
  });
});
