/** A user as Notion names one inside other objects: `{ object: "user", id }` (reference/user). */
export function partialUser(id: string) {
  return { object: "user", id };
}
