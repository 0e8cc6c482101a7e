import { createHash, randomInt, timingSafeEqual } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A new secret in Notion's token format (`ntn_` + 46 alphanumerics). */
export function newToken(): string {
  let body = "";
  for (let i = 0; i < 46; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `ntn_${body}`;
}

/** Tokens are stored only as SHA-256 digests; they carry enough entropy that a slow hash adds nothing. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Compares two secrets in constant time, so a caller cannot learn a secret from how long a refusal took. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
