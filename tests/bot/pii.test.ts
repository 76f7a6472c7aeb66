import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../bot/pii.ts';

describe('maskPersonalData', () => {
  it('masks a 12-digit citizen ID number, keeping the last two digits', () => {
    expect(maskPersonalData('cccd của tôi 001203004567')).toBe('cccd của tôi **********67');
  });
  it('masks phone numbers in common spellings', () => {
    expect(maskPersonalData('gọi 0912345678')).toBe('gọi *******678');
    expect(maskPersonalData('sdt 0912.345.678')).not.toContain('345');
    expect(maskPersonalData('+84 912 345 678')).not.toMatch(/345/);
  });
  it('masks numbers written with several separators, brackets or full-width digits', () => {
    for (const text of ['0912 - 345 - 678', '+84 (912) 345 678', '(024) 3825 1234', '0912  345  678', '０９１２３４５６７８']) {
      expect(maskPersonalData(`gọi ${text}`)).not.toMatch(/\d{3}\D{0,3}\d{3}\D{0,3}\d/);
    }
  });

  it('masks old 9-digit CMND numbers and e-mails', () => {
    expect(maskPersonalData('cmnd 123456789')).toBe('cmnd *******89');
    expect(maskPersonalData('mail a.b@gmail.com nhé')).toBe('mail [email] nhé');
  });
  it('leaves ordinary numbers such as fees and dates alone', () => {
    expect(maskPersonalData('lệ phí 8.000 đồng, ngày 01/7/2025, 60 ngày')).toBe('lệ phí 8.000 đồng, ngày 01/7/2025, 60 ngày');
  });
});
