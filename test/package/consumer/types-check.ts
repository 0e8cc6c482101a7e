// Type-checked in each consumer project by the smoke test (tsc, module node16): in an ES module project
// it resolves the `import` declarations, in a CommonJS one the `require` ones (dist/testing.d.cts).
import { type Quire, type SeedResult, startQuire } from "quire-server/testing";

export async function typed(): Promise<string> {
  const quire: Quire = await startQuire({ seed: { pages: [{ key: "home", title: "Home" }] } });
  const seeded: SeedResult = quire.seeded;
  const me = await quire.client().users.me({});
  const token: string = await quire.integration("Typed", { capabilities: ["read"], share: [] });
  // @ts-expect-error: a seed is a path or an object, so the declarations are real, not `any`
  await startQuire({ seed: 42 });
  await quire.close();
  return `${me.id} ${token} ${Object.keys(seeded.ids).join()}`;
}
