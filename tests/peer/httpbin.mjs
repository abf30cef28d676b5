// A stand-in for the httpbin service the JavaScript SDK's integration suite calls from HTTP tasks
// (http://$HTTPBIN_SERVICE_HOSTNAME:8081). Serves only the routes the suite uses:
//   GET /api/hello?name=X  -> 200 {"message":"Hello, X"}
// Anything else answers 404 with a JSON body naming the route, so a new route the suite starts to
// use shows up plainly in the server log instead of passing by accident.
// Usage: node httpbin.mjs HOST PORT   (prints "httpbin stand-in listening on http://HOST:PORT")
import http from "node:http";

const [host = "127.0.0.1", portText = "8081"] = process.argv.slice(2);
const port = Number(portText);

const send = (response, status, body) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
};

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", `http://${host}:${port}`);
  console.log(`${request.method} ${url.pathname}${url.search}`);
  if (request.method === "GET" && url.pathname === "/api/hello") {
    send(response, 200, { message: `Hello, ${url.searchParams.get("name") ?? "world"}` });
    return;
  }
  send(response, 404, { error: `the httpbin stand-in does not serve ${request.method} ${url.pathname}` });
});

server.on("error", (error) => {
  console.error(`httpbin stand-in: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => console.log(`httpbin stand-in listening on http://${host}:${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
