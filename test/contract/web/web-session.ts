import type { TestServer } from "../../support/quire.ts";

/** A signed-in person driving the web UI with plain HTTP (forms as a browser without JavaScript posts them). */
export interface WebUser {
  get(path: string): Promise<{ status: number; text: string; location: string | null }>;
  post(
    path: string,
    form: Record<string, string | string[]>,
  ): Promise<{ status: number; text: string; location: string | null }>;
  cookie: string;
}

/** The value a response sets for cookie `name`. */
export function cookieOf(response: Response, name: string): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    if (pair?.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  return undefined;
}

export function csrfOf(page: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
}

export async function webSignIn(server: TestServer, email: string, password: string): Promise<WebUser> {
  const form = await fetch(`${server.url}/sign-in`);
  const pre = cookieOf(form, "quire_csrf") ?? "";
  const signedIn = await fetch(`${server.url}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `quire_csrf=${pre}` },
    body: new URLSearchParams({ _csrf: pre, email, password, next: "/" }),
  });
  const session = cookieOf(signedIn, "quire_session");
  if (!session) throw new Error(`sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
  const cookie = `quire_session=${session}`;
  const read = async (response: Response) => ({
    status: response.status,
    text: await response.text(),
    location: response.headers.get("location"),
  });
  const user: WebUser = {
    cookie,
    get: async (path) =>
      read(await fetch(`${server.url}${path}`, { redirect: "manual", headers: { cookie } })),
    post: async (path, fields) => {
      const csrf = csrfOf((await user.get("/workspaces")).text);
      const body = new URLSearchParams({ _csrf: csrf });
      for (const [k, v] of Object.entries(fields))
        for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
      return read(
        await fetch(`${server.url}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie },
          body,
        }),
      );
    },
  };
  return user;
}
