import { request } from "node:http";

/**
 * Starts a file upload's send that promises `promisedBytes` of file, writes `sentBytes` of them and
 * leaves the request open, as a client that stalled or was cut off mid-upload. Resolves once the bytes
 * are written (plus a moment for the server to read them).
 */
export function sendPartOfUpload(
  url: string,
  token: string,
  { promisedBytes, sentBytes }: { promisedBytes: number; sentBytes: number },
): Promise<void> {
  const boundary = "partialboundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n`;
  return new Promise((resolve) => {
    const req = request(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "notion-version": "2025-09-03",
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.length + promisedBytes),
      },
    });
    req.on("error", () => undefined);
    req.write(head);
    req.write(Buffer.alloc(sentBytes, 97), () => setTimeout(resolve, 500));
  });
}
