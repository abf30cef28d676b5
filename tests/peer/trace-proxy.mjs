// A recording reverse proxy between the peer suite and the test server (run.sh --trace): forwards
// every request unchanged and writes one line per exchange to stdout, "STATUS METHOD PATH", plus the
// request and answer bodies (cut at 2,000 characters) when the answer is not a success. It shows which
// routes the suite calls and what the server answered when a test failed.
// Usage: node trace-proxy.mjs TARGET_BASE_URL   (prints "trace proxy listening on http://127.0.0.1:PORT")
import http from "node:http";

const target = new URL(process.argv[2] ?? "http://127.0.0.1:8080");
const cut = (text) => (text.length > 2000 ? `${text.slice(0, 2000)}...` : text);

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host },
      },
      (answer) => {
        const answerChunks = [];
        answer.on("data", (chunk) => answerChunks.push(chunk));
        answer.on("end", () => {
          const answerBody = Buffer.concat(answerChunks);
          const status = answer.statusCode ?? 0;
          let line = `${status} ${request.method} ${request.url}`;
          if (status >= 300) {
            line += `\n  request: ${cut(body.toString("utf8"))}\n  answer: ${cut(answerBody.toString("utf8"))}`;
          }
          console.log(line);
          response.writeHead(status, answer.headers);
          response.end(answerBody);
        });
      },
    );
    upstream.on("error", (error) => {
      console.log(`502 ${request.method} ${request.url}\n  proxy error: ${error.message}`);
      response.writeHead(502, { "content-type": "text/plain" });
      response.end(`trace proxy: ${error.message}`);
    });
    upstream.end(body);
  });
});

server.listen(0, "127.0.0.1", () => {
  console.log(`trace proxy listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
