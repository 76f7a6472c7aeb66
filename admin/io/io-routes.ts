/**
 * Import/export routes. Uploads arrive as base64 inside JSON (no multipart dependency; files are
 * small), with a larger body limit on that route only.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AdminServices } from '../admin-services.ts';
import { vnDay } from '../dates.ts';
import { exportCsv, exportJson, exportXlsx, templateCsv, templateXlsx } from './export.ts';
import { ImportFileError, ImportService } from './import-service.ts';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const UploadBody = z.object({ fileName: z.string().max(200), dataBase64: z.string().max(Math.ceil((MAX_FILE_BYTES * 4) / 3) + 16) });
const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv', 'json']).catch('xlsx'), kind: z.enum(['procedure', 'qa']).catch('procedure') });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(reply: FastifyReply, name: string, type: string, body: string | Buffer) {
  // ASCII-only names: every browser accepts them without RFC 5987 encoding.
  return reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').type(type).send(body);
}

/** Mounts /admin/api/export*, /admin/api/import/dry-run and /admin/api/import/apply. */
export async function ioRoutes(app: FastifyInstance, s: AdminServices, imports: ImportService): Promise<void> {
  const { store } = s.ctx;

  app.get(
    '/api/export',
    s.guard('viewer', async (request, reply) => {
      const q = ExportQuery.parse(request.query);
      const day = vnDay();
      if (q.format === 'json') return download(reply, `smartbot-noi-dung-${day}.json`, 'application/json; charset=utf-8', exportJson(store));
      if (q.format === 'csv') return download(reply, `smartbot-${q.kind === 'qa' ? 'hoi-dap' : 'thu-tuc'}-${day}.csv`, 'text/csv; charset=utf-8', exportCsv(store, q.kind));
      return download(reply, `smartbot-noi-dung-${day}.xlsx`, XLSX_TYPE, await exportXlsx(store));
    }),
  );

  app.get(
    '/api/export/template',
    s.guard('viewer', async (request, reply) => {
      const q = ExportQuery.parse(request.query);
      if (q.format === 'csv') return download(reply, `mau-${q.kind === 'qa' ? 'hoi-dap' : 'thu-tuc'}.csv`, 'text/csv; charset=utf-8', templateCsv(q.kind));
      return download(reply, 'mau-nhap-noi-dung.xlsx', XLSX_TYPE, await templateXlsx());
    }),
  );

  app.post(
    '/api/import/dry-run',
    { bodyLimit: Math.ceil((MAX_FILE_BYTES * 4) / 3) + 4096 },
    s.guard('editor', async (request, reply, auth) => {
      const body = UploadBody.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Hãy chọn tệp cần nhập (tối đa 10 MB).' });
      const data = Buffer.from(body.data.dataBase64, 'base64');
      if (!data.length) return reply.status(400).send({ error: 'Tệp đang trống.' });
      try {
        return await imports.dryRun(body.data.fileName, data, auth.user.username);
      } catch (error) {
        if (error instanceof ImportFileError) return reply.status(400).send({ error: error.message });
        throw error;
      }
    }),
  );

  app.post(
    '/api/import/apply',
    s.guard('editor', async (request, reply, auth) => {
      const body = z.object({ token: z.string().max(100) }).safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: 'Thiếu mã báo cáo thử.' });
      const result = await imports.apply(body.data.token, auth.user.username);
      if (!result.ok) return reply.status(result.status).send({ error: result.error });
      return result;
    }),
  );
}
