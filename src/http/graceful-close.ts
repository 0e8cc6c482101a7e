import type { FastifyInstance } from "fastify";

/** How long (ms) a stopping server gives in-flight requests before it cuts them off. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting connections and lets the requests in flight finish, for at most `graceMs`; then the
 * connections still open are cut. Without the bound, one client that stalls mid-body (an upload left
 * half sent) would keep a stopping server alive until its body timeout.
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  const deadline = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}
