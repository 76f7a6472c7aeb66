import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge/sqlite/database.ts';
import { SqliteKnowledgeStore } from '../../knowledge/sqlite/sqlite-knowledge-store.ts';
import { lexicon, procedures, qa, tempDir, ward } from '../support/fixtures.ts';

describe('SqliteKnowledgeStore', () => {
  it('persists content in a real file across reopen, with revisions', () => {
    const file = join(tempDir(), 'kb.db');
    const db = openDatabase(file);
    const store = new SqliteKnowledgeStore(db);
    expect(store.isEmpty()).toBe(true);
    store.importAll({ procedures, qa, ward, lexicon });
    store.upsertProcedure({ ...procedures[0]!, fee: 'Miễn phí hoàn toàn.' }, 'can-bo-a');
    db.close();

    const again = new SqliteKnowledgeStore(openDatabase(file));
    expect(again.listProcedures()).toHaveLength(procedures.length);
    expect(again.getProcedure(procedures[0]!.id)?.fee).toBe('Miễn phí hoàn toàn.');
    expect(again.getWard()?.name).toBe(ward.name);
    const history = again.history('procedure', procedures[0]!.id);
    expect(history[0]).toMatchObject({ action: 'save', actor: 'can-bo-a' });
    expect(history).toHaveLength(2);
  });

  it('applies an import all-or-nothing', () => {
    const store = new SqliteKnowledgeStore(openDatabase(join(tempDir(), 'kb.db')));
    const bad = { ...procedures[1]!, name: '' };
    expect(() => store.importAll({ procedures: [procedures[0]!, bad], qa: [] })).toThrow();
    expect(store.isEmpty()).toBe(true);
  });

  it('notifies listeners after changes and deletes', () => {
    const store = new SqliteKnowledgeStore(openDatabase(join(tempDir(), 'kb.db')));
    const seen: string[] = [];
    store.onChange((c) => seen.push(`${c.type}:${c.id}`));
    store.upsertQa(qa[0]!);
    expect(store.deleteQa(qa[0]!.id)).toBe(true);
    expect(store.deleteQa('khong-co')).toBe(false);
    expect(seen).toEqual([`qa:${qa[0]!.id}`, `qa:${qa[0]!.id}`]);
  });
});
