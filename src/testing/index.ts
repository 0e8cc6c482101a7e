/**
 * `quire-server/testing`: a real Quire per test file, for integration test suites (docs/testing-your-integration.md).
 *
 *   import { startQuire } from "quire-server/testing";
 *   const quire = await startQuire({ seed: "test/seed.yaml" });
 *   const notion = quire.client();
 */
export {
  type ClientOptions,
  type FaultRuleRequest,
  type LoggedRequest,
  type Quire,
  type QuireClock,
  type StartQuireOptions,
  startQuire,
} from "./start-quire.ts";
export type { SeedResult } from "../services/seed/apply-seed.ts";
export { SeedError } from "../services/seed/seed-format.ts";
export { DEMO_SEED } from "../services/seed/demo-seed.ts";
export type { Capability } from "../services/access/viewer.ts";
export type {
  WaitForWebhookOptions,
  WebhookDelivery,
  WebhookRequest,
  WebhookSubscription,
} from "./webhook-helpers.ts";
