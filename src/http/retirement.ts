import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";

/**
 * A connection idle this long while its worker retires is closed. A request whose bytes are already on
 * their way is read long before, so only a client that stays silent (a pooled, kept-alive connection)
 * sees the close, which HTTP allows a server to make at any time (RFC 9112 §9.3).
 */
export const RETIRE_IDLE_GRACE_MS = 1000;
const SWEEP_EVERY_MS = 100;

interface Tracked {
  /** Requests of this connection not yet answered in full. */
  busy: number;
  /** The response in progress, whose head may still take `Connection: close`. */
  response: ServerResponse | null;
  idleSince: number;
}

export interface Retirement {
  /**
   * Stops listening, answers every request that arrived or arrives on a connection already open (each
   * with `Connection: close`, so the client opens its next one elsewhere), closes connections that stay
   * idle for `RETIRE_IDLE_GRACE_MS`, and resolves once the last one is gone.
   */
  retire(): Promise<void>;
}

/**
 * How a cluster worker leaves without a request going unanswered. `http.Server.close()` would close
 * every connection idle at that instant, including one the worker was just handed whose request it has
 * not read yet: that client's request fails. Here nothing is closed while it may still carry a request.
 * Call before the server listens, so every connection is tracked.
 */
export function retirementOf(server: Server): Retirement {
  const connections = new Map<Socket, Tracked>();
  let retiring = false;
  server.on("connection", (socket: Socket) => {
    connections.set(socket, { busy: 0, response: null, idleSince: Date.now() });
    socket.once("close", () => connections.delete(socket));
  });
  // First among the listeners, so the header is set before any handler can write the response's head.
  server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    const tracked = connections.get(request.socket);
    if (retiring) response.setHeader("connection", "close");
    if (!tracked) return;
    tracked.busy++;
    tracked.response = response;
    response.once("close", () => {
      tracked.busy--;
      if (tracked.response === response) tracked.response = null;
      tracked.idleSince = Date.now();
    });
  });

  const sweep = () => {
    const now = Date.now();
    for (const [socket, tracked] of connections) {
      if (tracked.busy === 0 && now - tracked.idleSince >= RETIRE_IDLE_GRACE_MS) socket.destroy();
    }
  };

  return {
    retire: () =>
      new Promise<void>((resolve) => {
        retiring = true;
        // After a pause the event loop runs timers before it reads sockets: sweeping in the check
        // phase, after the poll, lets a request that has arrived meanwhile mark its connection busy.
        const timer = setInterval(() => setImmediate(sweep), SWEEP_EVERY_MS);
        for (const tracked of connections.values()) {
          if (tracked.response && !tracked.response.headersSent) {
            tracked.response.setHeader("connection", "close");
          }
        }
        // net.Server's close stops listening and calls back once every connection has ended; the
        // http.Server override would also drop the idle ones at once.
        NetServer.prototype.close.call(server, () => {
          clearInterval(timer);
          resolve();
        });
      }),
  };
}
