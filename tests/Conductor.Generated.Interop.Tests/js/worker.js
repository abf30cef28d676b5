"use strict";

// A Conductor worker written with the official JavaScript SDK, an independent client of the
// test server. The interop tests start it as a child process:
//
//   node worker.js <server url, e.g. http://127.0.0.1:5000/api> [worker id]
//
// It prints one line "READY <worker id>" on stdout once it polls, and stops polling cleanly
// when its stdin closes or it receives SIGTERM/SIGINT, then prints "STOPPED" and exits 0.
// SDK diagnostics go to stderr so the tests can show them when something fails.

const { createConductorClient, TaskManager } = require("@io-orkes/conductor-javascript");

const serverUrl = process.argv[2] || process.env.INTEROP_SERVER_URL;
const workerId = process.argv[3] || process.env.INTEROP_WORKER_ID || "js-interop-worker";

if (!serverUrl) {
  console.error("usage: node worker.js <server url> [worker id]");
  process.exit(2);
}

// The SDK lets CONDUCTOR_SERVER_URL win over the configured URL; this worker must talk to the
// server it was given.
delete process.env.CONDUCTOR_SERVER_URL;

const stderrLogger = {
  debug: () => {},
  info: () => {},
  warn: (...args) => console.error("WARN", ...args),
  error: (...args) => console.error("ERROR", ...args),
};

/** Echoes its text back with facts about it, for the next task to pick up by expression. */
const echoWorker = {
  taskDefName: "js_echo",
  concurrency: 4,
  execute: async (task) => {
    const text = String(task.inputData?.text ?? "");
    return {
      status: "COMPLETED",
      outputData: {
        echoed: text,
        length: text.length,
        words: text.split(/\s+/).filter((word) => word.length > 0),
        taskId: task.taskId,
        workflowId: task.workflowInstanceId,
      },
    };
  },
};

/** Signs off whatever the .NET worker produced; the last step of the chained workflow. */
const signWorker = {
  taskDefName: "js_sign",
  concurrency: 4,
  execute: async (task) => ({
    status: "COMPLETED",
    outputData: { signed: `${task.inputData?.message} -- signed by ${workerId}` },
  }),
};

/** Polls only the "interop" domain: reaches tasks of workflows started with taskToDomain. */
const routedWorker = {
  taskDefName: "js_routed",
  domain: "interop",
  execute: async (task) => ({ status: "COMPLETED", outputData: { domain: task.domain ?? null } }),
};

/** One task at a time, so each update-v2 answer can hand it the next queued task. */
const serialWorker = {
  taskDefName: "js_serial",
  concurrency: 1,
  execute: async (task) => ({ status: "COMPLETED", outputData: { echoed: task.inputData?.text } }),
};

/** Throws on its first attempt (the SDK reports FAILED with the error), succeeds on the retry. */
const flakyWorker = {
  taskDefName: "js_flaky",
  execute: async (task) => {
    if ((task.retryCount ?? 0) === 0) {
      throw new Error("js_flaky fails its first attempt");
    }
    return { status: "COMPLETED", outputData: { attempt: task.retryCount + 1 } };
  },
};

/**
 * Works longer than its task definition's responseTimeoutSeconds; the SDK's lease extension
 * (IN_PROGRESS with extendLease, at 80% of the timeout) keeps the server from timing it out.
 */
const slowWorker = {
  taskDefName: "js_slow",
  leaseExtendEnabled: true,
  execute: async (task) => {
    const workMs = Number(task.inputData?.workMs ?? 0);
    await new Promise((resolve) => setTimeout(resolve, workMs));
    return { status: "COMPLETED", outputData: { workedMs: workMs } };
  },
};

/** Asks to be called back once with partial output (IN_PROGRESS), completes on the next poll. */
const callbackWorker = {
  taskDefName: "js_callback",
  execute: async (task) => {
    const pollCount = task.pollCount ?? 0;
    if (pollCount < 2) {
      return { status: "IN_PROGRESS", callbackAfterSeconds: 1, outputData: { pollCount, done: false } };
    }
    return { status: "COMPLETED", outputData: { pollCount, done: true } };
  },
};

async function main() {
  const client = await createConductorClient({ serverUrl, logger: stderrLogger });
  const manager = new TaskManager(client, [echoWorker, signWorker, routedWorker, serialWorker, flakyWorker, slowWorker, callbackWorker], {
    logger: stderrLogger,
    options: { workerID: workerId, pollInterval: 50, concurrency: 1 },
  });

  let stopping = false;
  const stop = async (why) => {
    if (stopping) {
      return;
    }
    stopping = true;
    await manager.stopPolling();
    console.log(`STOPPED ${why}`);
    process.exit(0);
  };

  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  process.stdin.on("end", () => stop("stdin closed"));
  process.stdin.on("close", () => stop("stdin closed"));
  process.stdin.resume();

  manager.startPolling();
  console.log(`READY ${workerId}`);
}

main().catch((error) => {
  console.error("FATAL", error);
  process.exit(1);
});
