/** OAuth clients, grants, codes and tokens of `/mcp` (migration 016). Conventions as in schema.ts. */

/** A client that registered itself (RFC 7591); `redirectUris` is a JSON list. */
export interface McpClientTable {
  clientId: string;
  clientName: string;
  clientUri: string | null;
  redirectUris: string;
  createdTime: string;
}

/** A person's "Allow" for one client: its tokens act as that person. */
export interface McpGrantTable {
  id: string;
  clientId: string;
  workspaceId: string;
  userId: string;
  createdTime: string;
  lastUsedTime: string | null;
  revokedTime: string | null;
}

export interface McpCodeTable {
  codeHash: string;
  grantId: string;
  redirectUri: string;
  /** PKCE S256 challenge: required, as OAuth 2.1 and the MCP authorization spec ask. */
  codeChallenge: string;
  expiresTime: string;
  usedTime: string | null;
}

export interface McpTokenTable {
  tokenHash: string;
  grantId: string;
  kind: "access" | "refresh";
  createdTime: string;
  /** Access tokens only. */
  expiresTime: string | null;
  /** A refresh token's one use (rotation); an access token is never marked used. */
  usedTime: string | null;
}
