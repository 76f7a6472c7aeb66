/**
 * One error boundary for HTTP: client mistakes get a 400 with a Vietnamese message, and server
 * faults are logged with the request id but shown to citizens only as a generic apology.
 */
import type { FastifyError, FastifyInstance } from 'fastify';

/** Vietnamese messages for fastify's own client errors. */
function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Nội dung gửi lên quá dài.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Định dạng không được hỗ trợ: hãy gửi JSON (Content-Type: application/json).';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Nội dung gửi lên đang trống.';
    default:
      return error.statusCode === 404 ? 'Không tìm thấy trang yêu cầu.' : 'Yêu cầu không hợp lệ: nội dung JSON bị lỗi.';
  }
}

/** Installs the error and not-found handlers. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Oversized or wrongly typed bodies are invalid input too: the chat contract promises 400.
      const code = status === 413 || status === 415 ? 400 : status;
      return reply.status(code).send({ error: clientMessage(error) });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'Hệ thống đang gặp sự cố, bạn vui lòng thử lại sau ít phút.' });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'Không tìm thấy trang yêu cầu.' }));
}
