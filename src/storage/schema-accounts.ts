/** Web accounts, sessions, guest shares and OAuth (migration 009). Conventions as in schema.ts. */

export interface AccountTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdTime: string;
}

export interface MembershipTable {
  accountId: string;
  workspaceId: string;
  userId: string;
  role: "owner" | "member" | "guest";
  createdTime: string;
}

export interface SessionTable {
  idHash: string;
  accountId: string;
  workspaceId: string;
  csrfToken: string;
  createdTime: string;
  expiresTime: string;
}

export interface SignInFailureTable {
  key: string;
  failures: number;
  firstFailureTime: string;
  lockedUntil: string | null;
}

export interface GuestShareTable {
  userId: string;
  blockId: string;
  createdTime: string;
}

export interface OauthClientTable {
  integrationId: string;
  clientId: string;
  clientSecretHash: string;
  redirectUris: string;
  templatePageId: string | null;
}

export interface OauthGrantTable {
  id: string;
  clientIntegrationId: string;
  installationId: string;
  workspaceId: string;
  userId: string;
  duplicatedTemplateId: string | null;
  createdTime: string;
  revokedTime: string | null;
}

export interface OauthCodeTable {
  codeHash: string;
  grantId: string;
  redirectUri: string | null;
  codeChallenge: string | null;
  expiresTime: string;
  usedTime: string | null;
}

export interface OauthRefreshTokenTable {
  tokenHash: string;
  grantId: string;
  createdTime: string;
  usedTime: string | null;
}

export interface OauthAccessTokenTable {
  tokenId: string;
  grantId: string;
}
