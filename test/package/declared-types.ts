// Compile-time only: the hand-written declarations consumers get (types/testing.d.ts) must match the
// real entry in both directions. `tsc --noEmit` (npm run check) fails when they drift.
import type * as Declared from "../../types/testing.d.ts";
import type * as Real from "../../src/testing/index.ts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;

export type DeclaredTypesMatch = [
  Check<Same<Declared.Quire, Real.Quire>>,
  Check<Same<Declared.StartQuireOptions, Real.StartQuireOptions>>,
  Check<Same<Declared.SeedResult, Real.SeedResult>>,
  Check<Same<Declared.ClientOptions, Real.ClientOptions>>,
  Check<Same<Declared.Capability, Real.Capability>>,
  Check<Same<Declared.QuireClock, Real.QuireClock>>,
  Check<Same<Declared.FaultRuleRequest, Real.FaultRuleRequest>>,
  Check<Same<Declared.LoggedRequest, Real.LoggedRequest>>,
  Check<Same<typeof Declared.startQuire, typeof Real.startQuire>>,
  Check<Same<Declared.SeedError, Real.SeedError>>,
];
