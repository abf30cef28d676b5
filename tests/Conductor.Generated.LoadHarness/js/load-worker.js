"use strict";

// A no-op worker written with the official Conductor JavaScript SDK (TaskManager), run by the
// load harness as its own process:
//
//   node load-worker.js <server url> <concurrency> <poll timeout ms> <poll interval ms>
//
// It prints "READY" once it polls and stops polling when its stdin closes, then prints
// "STOPPED" and exits 0. SDK diagnostics go to stderr.

const { createConductorClient, TaskManager } = require("@io-orkes/conductor-javascript");

const [serverUrl, concurrency, pollTimeoutMs, pollIntervalMs] = process.argv.slice(2);
if (!serverUrl) {
  console.error("usage: node load-worker.js <server url> <concurrency> <poll timeout ms> <poll interval ms>");
  process.exit(2);
}

// The SDK lets CONDUCTOR_SERVER_URL win over the configured URL, and logs every result on
// stdout when CI is set: neither may change what is measured.
delete process.env.CONDUCTOR_SERVER_URL;
delete process.env.CI;

const quietLogger = {
  debug: () => {},
  info: () => {},
  warn: (...args) => console.error("WARN", ...args),
  error: (...args) => console.error("ERROR", ...args),
};

const noOpWorker = {
  taskDefName: "load_noop",
  execute: async () => ({ status: "COMPLETED", outputData: {} }),
};

async function main() {
  const client = await createConductorClient({ serverUrl, logger: quietLogger });
  const manager = new TaskManager(client, [noOpWorker], {
    logger: quietLogger,
    options: {
      workerID: `load-js-${process.pid}`,
      concurrency: Number(concurrency || 8),
      batchPollingTimeout: Number(pollTimeoutMs || 1000),
      pollInterval: Number(pollIntervalMs || 100),
    },
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    await manager.stopPolling();
    console.log("STOPPED");
    process.exit(0);
  };

  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.on("SIGTERM", stop);
  process.stdin.resume();

  manager.startPolling();
  console.log("READY");
}

main().catch((error) => {
  console.error("FATAL", error);
  process.exit(1);
});
