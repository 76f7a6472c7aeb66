/**
 * Ward profile (admins), the synonyms/abbreviations dictionary (editors) and write-only channel
 * credentials (admins). Ward and dictionary changes go live like content: the runtime rebuilds.
 */
import { zaloTokenStatus } from '../../adapters/zalo/zalo-token-store.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Lexicon, WardProfile } from '../../knowledge/schema.ts';
import { fold, normalizeText } from '../../knowledge/text/normalize.ts';
import type { AdminServices } from '../admin-services.ts';
import { cleanObject } from '../content/clean.ts';
import { explain } from '../content/content-validation.ts';
import { FORMS } from '../content/form-schema.ts';
import { clearSecret, isSecretKey, listSecretStatus, secretProblem, setSecret } from './secrets-repo.ts';

const SecretBody = z.object({ value: z.string().trim().min(1, 'Giá trị không được để trống.').max(2000, 'Giá trị quá dài.') });

/** Tidies staff input: abbreviation keys folded and lower-cased (the analyzer matches folded words), blanks dropped. */
function tidyLexicon(raw: unknown): unknown {
  const l = (raw ?? {}) as { abbreviations?: unknown; synonyms?: unknown; stopwords?: unknown };
  const abbreviations: Record<string, string> = {};
  if (l.abbreviations && typeof l.abbreviations === 'object') {
    for (const [k, v] of Object.entries(l.abbreviations as Record<string, unknown>)) {
      const key = fold(normalizeText(k));
      if (key && typeof v === 'string' && v.trim()) abbreviations[key] = v.trim();
    }
  }
  const synonyms = Array.isArray(l.synonyms)
    ? l.synonyms.map((g) => (Array.isArray(g) ? g.map((p) => String(p).trim()).filter(Boolean) : [])).filter((g) => g.length > 0)
    : [];
  const stopwords = Array.isArray(l.stopwords) ? [...new Set(l.stopwords.map((w) => fold(normalizeText(String(w)))).filter(Boolean))] : [];
  return { abbreviations, synonyms, stopwords };
}

/** Mounts /admin/api/settings/ward, /lexicon and /secrets/*. */
export async function settingsRoutes(app: FastifyInstance, s: AdminServices): Promise<void> {
  const { db, store, runtime } = s.ctx;

  app.get('/api/settings/ward', s.guard('viewer', () => ({ ward: store.getWard(), form: FORMS.ward })));

  app.put(
    '/api/settings/ward',
    s.guard('admin', async (request, reply, auth) => {
      const raw = cleanObject(FORMS.ward, ((request.body as { ward?: unknown })?.ward ?? {}) as Record<string, unknown>);
      const parsed = WardProfile.safeParse(raw);
      if (!parsed.success) {
        const errors = explain('ward', WardProfile, raw);
        return reply.status(400).send({ error: errors.map((e) => e.message).join(' '), errors });
      }
      const before = store.getWard();
      db.transaction(() => {
        store.setWard(parsed.data, auth.user.username);
        s.audit.record({ actor: auth.user.username, action: 'update', entityType: 'ward', entityId: 'ward', before, after: parsed.data });
      })();
      await runtime.settled();
      return { ward: parsed.data };
    }),
  );

  app.get('/api/settings/lexicon', s.guard('viewer', () => ({ lexicon: store.getLexicon() })));

  app.put(
    '/api/settings/lexicon',
    s.guard('editor', async (request, reply, auth) => {
      const tidy = tidyLexicon((request.body as { lexicon?: unknown })?.lexicon);
      const parsed = Lexicon.safeParse(tidy);
      if (!parsed.success) {
        const group = parsed.error.issues.find((i) => i.path[0] === 'synonyms');
        const message = group ? `Nhóm từ đồng nghĩa thứ ${Number(group.path[1]) + 1} cần ít nhất 2 cụm từ.` : 'Từ điển chưa hợp lệ.';
        return reply.status(400).send({ error: message });
      }
      const before = store.getLexicon();
      db.transaction(() => {
        store.setLexicon(parsed.data, auth.user.username);
        s.audit.record({ actor: auth.user.username, action: 'update', entityType: 'lexicon', entityId: 'lexicon', before, after: parsed.data });
      })();
      await runtime.settled();
      return { lexicon: parsed.data };
    }),
  );

  // The Zalo token status rides along so staff see "cấp quyền lại" before citizens go unanswered.
  app.get('/api/settings/secrets', s.guard('admin', () => ({ secrets: listSecretStatus(db, s.ctx.config), zalo: zaloTokenStatus(db) })));

  app.put<{ Params: { key: string } }>(
    '/api/settings/secrets/:key',
    s.guard('admin', (request, reply, auth) => {
      const { key } = request.params as { key: string };
      if (!isSecretKey(key)) return reply.status(404).send({ error: 'Không có thông số này.' });
      const body = SecretBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: body.error.issues[0]!.message });
      const problem = secretProblem(key, body.data.value);
      if (problem) return reply.status(400).send({ error: problem });
      const wasSet = listSecretStatus(db, s.ctx.config).find((x) => x.key === key)?.isSet ?? false;
      db.transaction(() => {
        setSecret(db, key, body.data.value, auth.user.username);
        // The audit keeps only whether a value was set, never the value.
        s.audit.record({ actor: auth.user.username, action: 'update', entityType: 'secret', entityId: key, before: { isSet: wasSet }, after: { isSet: true } });
      })();
      return { secrets: listSecretStatus(db, s.ctx.config) };
    }),
  );

  app.delete<{ Params: { key: string } }>(
    '/api/settings/secrets/:key',
    s.guard('admin', (request, reply, auth) => {
      const { key } = request.params as { key: string };
      if (!isSecretKey(key)) return reply.status(404).send({ error: 'Không có thông số này.' });
      db.transaction(() => {
        if (clearSecret(db, key)) s.audit.record({ actor: auth.user.username, action: 'delete', entityType: 'secret', entityId: key, before: { isSet: true }, after: { isSet: false } });
      })();
      return { secrets: listSecretStatus(db, s.ctx.config) };
    }),
  );
}
