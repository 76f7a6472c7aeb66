/**
 * Reads the bundled ward knowledge base from knowledge/data: procedures/*.json, qa/*.json,
 * ward-profile.json and lexicon.json. Unreadable files are reported, never thrown.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lexicon, WardProfile } from './schema.ts';
import { validateContent, type RawItem, type ValidationResult, type ValidateOptions } from './validate.ts';

/** Default location of the bundled knowledge base. */
export const BUNDLED_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

/** Everything in a knowledge bundle, validated. */
export interface KnowledgeBundle extends ValidationResult {
  ward: WardProfile;
  lexicon: Lexicon;
}

function readJsonArray(file: string, issues: ValidationResult['issues']): RawItem[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error('tệp phải chứa một mảng JSON');
    return parsed.map((value, i) => ({ value, source: `${basename(file)}#${i + 1}` }));
  } catch (error) {
    issues.push({ level: 'error', entry: basename(file), source: file, message: `Không đọc được tệp: ${(error as Error).message}` });
    return [];
  }
}

function readFolder(dir: string, issues: ValidationResult['issues']): RawItem[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => readJsonArray(join(dir, f), issues));
}

/** Loads and validates a bundle directory. Throws only when the ward profile or lexicon is unusable. */
export function loadBundle(dir: string = BUNDLED_DATA_DIR, options: ValidateOptions): KnowledgeBundle {
  const readIssues: ValidationResult['issues'] = [];
  const procedures = readFolder(join(dir, 'procedures'), readIssues);
  const qa = readFolder(join(dir, 'qa'), readIssues);
  const result = validateContent(procedures, qa, options);
  const ward = WardProfile.parse(JSON.parse(readFileSync(join(dir, 'ward-profile.json'), 'utf8')));
  const lexicon = Lexicon.parse(JSON.parse(readFileSync(join(dir, 'lexicon.json'), 'utf8')));
  return { ...result, issues: [...readIssues, ...result.issues], ward, lexicon };
}
