import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { AppOptions } from "../../../src/app.ts";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";

/**
 * Failed sign-ins are slowed down per email, per client address and server-wide, and an attempt with
 * the right password is never refused for failures someone else made. Clients come from different
 * loopback addresses (127.0.0.x), as they would from different machines.
 */

const PASSWORD = "the owner's long password";
const FAST = { free: 1_000, baseMs: 1, maxMs: 1 };
// Each attempt costs one scrypt verification (about 0.3 s, several on a loaded machine).
const SLOW_TEST = { timeout: 90_000 };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(signInThrottle: AppOptions["signInThrottle"]): Promise<TestServer> {
  server = await startTestServer({ app: () => ({ signInThrottle }) });
  return server;
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(url: string, path: string, address: string, init: { cookie?: string; form?: string }) {
  return new Promise<Answer>((resolve, reject) => {
    const target = new URL(path, url);
    const outgoing = request(
      target,
      {
        method: init.form === undefined ? "GET" : "POST",
        localAddress: address,
        agent: false,
        headers: {
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...(init.form === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
        },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(init.form);
  });
}

/** The sign-in form's CSRF cookie, fetched from `address`; returns a function posting one attempt. */
async function signInForm(
  url: string,
  address: string,
): Promise<(email: string, password: string) => Promise<Answer>> {
  const form = await send(url, "/sign-in", address, {});
  const cookies = [form.headers["set-cookie"] ?? []].flat();
  const csrf = /quire_csrf=([^;]+)/.exec(cookies.join(";"))?.[1] ?? "";
  return (email, password) =>
    send(url, "/sign-in", address, {
      cookie: `quire_csrf=${csrf}`,
      form: new URLSearchParams({ _csrf: csrf, email, password, next: "/" }).toString(),
    });
}

async function owner(s: TestServer, email: string): Promise<void> {
  const ws = await s.workspace();
  await addPerson(s.ctx, { email, password: PASSWORD, workspaceId: ws.id, role: "owner" });
}

describe("web sign-in throttling", () => {
  it("never locks the owner out, from their own address or the attacker's", SLOW_TEST, async () => {
    const s = await start({ email: { free: 5, baseMs: 5, maxMs: 20 }, address: FAST, everyone: FAST });
    await owner(s, "throttle-boss@example.com");
    const attacker = await signInForm(s.url, "127.0.0.2");
    // Before the fix the fifth failure locked the email and the right password then got 429.
    for (let i = 0; i < 6; i++)
      expect((await attacker("throttle-boss@example.com", `guess ${i}`)).status).toBe(401);
    const atHome = await signInForm(s.url, "127.0.0.1");
    const signedIn = await atHome("throttle-boss@example.com", PASSWORD);
    expect(signedIn.status).toBe(303);
    expect([signedIn.headers["set-cookie"] ?? []].flat().join(";")).toMatch(/quire_session=/);
    // Behind one NAT with the attacker, the right password still works, only later.
    expect((await attacker("throttle-boss@example.com", `guess again`)).status).toBe(401);
    expect((await attacker("throttle-boss@example.com", PASSWORD)).status).toBe(303);
  });

  it("spaces out concurrent guesses at one email, then lets the owner in", SLOW_TEST, async () => {
    const s = await start({
      email: { free: 2, baseMs: 2_000, maxMs: 2_000 },
      address: FAST,
      everyone: FAST,
      maxWaitMs: 2_000,
    });
    await owner(s, "throttle-target@example.com");
    const first = await signInForm(s.url, "127.0.0.20");
    for (let i = 0; i < 2; i++)
      expect((await first("throttle-target@example.com", `guess ${i}`)).status).toBe(401);
    const forms = await Promise.all(
      Array.from({ length: 6 }, (_, i) => signInForm(s.url, `127.0.0.${21 + i}`)),
    );
    const answers = await Promise.all(
      forms.map((attempt, i) => attempt("throttle-target@example.com", `burst ${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    // One guess per 2 s, with at most 2 s of queue: two of a burst get their turn, the rest come back later.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(3);
    const refused = answers.find((a) => a.status === 429);
    expect(refused?.headers["retry-after"]).toMatch(/^\d+$/);
    expect(refused?.body).toContain("Too many sign-in attempts right now. Try again in");
    const atHome = await signInForm(s.url, "127.0.0.1");
    expect((await atHome("throttle-target@example.com", PASSWORD)).status).toBe(303);
  });

  it("throttles one address spraying many emails, not the owner elsewhere", SLOW_TEST, async () => {
    const s = await start({
      email: FAST,
      address: { free: 3, baseMs: 2_000, maxMs: 2_000 },
      everyone: FAST,
      maxWaitMs: 2_000,
    });
    await owner(s, "throttle-own@example.com");
    const sprayer = await signInForm(s.url, "127.0.0.3");
    for (let i = 0; i < 3; i++)
      expect((await sprayer(`throttle-user${i}@example.com`, "Password1!")).status).toBe(401);
    // Before the fix nothing here was throttled: every attempt was a 401.
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => sprayer(`throttle-spray${i}@example.com`, "Password1!")),
    );
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(3);
    const atHome = await signInForm(s.url, "127.0.0.1");
    expect((await atHome("throttle-own@example.com", PASSWORD)).status).toBe(303);
  });

  it("throttles spraying from many addresses server-wide", SLOW_TEST, async () => {
    const s = await start({
      email: FAST,
      address: FAST,
      everyone: { free: 3, baseMs: 2_000, maxMs: 2_000 },
      maxWaitMs: 2_000,
    });
    const forms = await Promise.all(
      Array.from({ length: 9 }, (_, i) => signInForm(s.url, `127.0.0.${40 + i}`)),
    );
    for (let i = 0; i < 3; i++)
      expect((await forms[i]!(`throttle-wide${i}@example.com`, "Password1!")).status).toBe(401);
    const answers = await Promise.all(
      forms.slice(3).map((attempt, i) => attempt(`throttle-many${i}@example.com`, "x")),
    );
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(3);
  });
});
