// Layer rules (docs/architecture.md): which folders may import which. Relative imports only, so a path
// segment names the layer it reaches.
const layer = (name) => `(^|/)${name}/`;
const rule = (patterns) => ["error", { patterns }];
const forbid = (name, message) => ({ regex: layer(name), message });

const ROUTES_MESSAGE = "Services don't know the HTTP routes that call them.";
const serviceRules = [
  forbid("presenters", "Services return domain data; routes present it (presenters/)."),
  forbid("web", "Services don't know the web pages that call them."),
  { regex: "^kysely$", message: "Queries live in storage/ repos; services call them." },
  { regex: "(^|/)storage/raw-sql\\.ts$", message: "SQL text lives in storage/ repos; services call them." },
];

export const layerRules = [
  {
    files: ["src/routes/**/*.ts", "src/web/**/*.ts"],
    rules: {
      "no-restricted-imports": rule([
        forbid("storage", "Routes and web pages reach data through services/, never storage/."),
      ]),
    },
  },
  {
    files: ["src/services/**/*.ts"],
    ignores: ["src/services/seed/**", "src/services/io/**"],
    rules: { "no-restricted-imports": rule([...serviceRules, forbid("routes", ROUTES_MESSAGE)]) },
  },
  {
    // Seed files and imports are written in Notion's wire format, so these two read them with the
    // routes' request schemas (routes/*/schema.ts), and nothing else of routes/.
    files: ["src/services/seed/**/*.ts", "src/services/io/**/*.ts"],
    rules: {
      "no-restricted-imports": rule([
        ...serviceRules,
        { regex: "(^|/)routes/(?![a-z-]+/schema\\.ts$)", message: ROUTES_MESSAGE },
      ]),
    },
  },
  {
    // The MCP endpoint is another consumer of the services, like routes/: tools call services and
    // presenters, and read arguments with the routes' request schemas (routes/*/schema.ts) so a bad
    // value gets the REST API's message; never storage/.
    files: ["src/mcp/**/*.ts"],
    rules: {
      "no-restricted-imports": rule([
        forbid("storage", "MCP tools reach data through services/, never storage/."),
        {
          regex: "(^|/)routes/(?![a-z-]+/(markdown-)?schema\\.ts$)",
          message: "MCP tools call services, not routes.",
        },
      ]),
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": rule([
        ...["storage", "services", "routes", "web", "presenters", "http", "harness"].map((name) =>
          forbid(name, "domain/ is pure: it imports nothing that does I/O."),
        ),
        {
          regex: "^(node:)?(fs|net|http|child_process)(/|$)|^(fastify|kysely|pg|better-sqlite3)$",
          message: "domain/ is pure: no I/O modules.",
        },
      ]),
    },
  },
];
