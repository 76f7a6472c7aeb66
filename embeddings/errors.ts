/**
 * Coded errors raised by the embeddings layer. Callers (the indexer, the CLIs, start-up checks)
 * switch on `code` instead of parsing messages, and messages always say what to do next.
 */

/** Every error code the embeddings layer can raise. */
export type EmbeddingErrorCode =
  | 'MODEL_DIR_MISSING'
  | 'MODEL_INVALID'
  | 'MODEL_LOAD_FAILED'
  | 'MODEL_DOWNLOAD_FAILED'
  | 'DIMENSION_MISMATCH'
  | 'INVALID_VECTOR'
  | 'INVALID_OPTIONS'
  | 'INDEX_CORRUPT';

/** An error from the embeddings layer, carrying a machine-readable `code`. */
export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError';
  constructor(
    readonly code: EmbeddingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
