/**
 * What the catalogue replay finds different from Notion's recorded answers, each with its reason (also
 * in docs/compatibility.md). Two kinds: a deliberate difference in Quire, and a request the replay
 * cannot reproduce faithfully (the recording's workspace held things Quire's does not, or it reached
 * the internet, which tests never do).
 */
export const KNOWN_DIFFERENCES: Record<string, string> = {
  "GET /v1/data_sources/{id}/templates /request_id: not sent by Notion":
    "Quire: every answer carries request_id (as every other Notion answer does), which logs and the " +
    "harness request log key on; Notion's template list alone omits it, and no client reads its absence.",
  "POST /v1/file_uploads: status 200 in Notion, 400 in Quire (validation_error)":
    "Replay: the recorded external_url import fetched a file from www.w3.org; tests reach no internet, " +
    "so Quire rightly answers that the URL could not be resolved.",
  "GET /v1/file_uploads: status 200 in Notion, 400 in Quire (validation_error)":
    "Replay: the recording's workspace held uploads from earlier runs, so Notion had a next page where " +
    "Quire's fresh workspace had none; the cursor Notion handed out has no Quire counterpart.",
};
