"use strict";

// Drives a workflow through the official JavaScript SDK's clients (MetadataClient,
// WorkflowExecutor) instead of a worker: registers task definitions and a workflow, reads
// them back, starts the workflow and waits for it to end.
//
//   node client.js <server url, e.g. http://127.0.0.1:5000/api> <text>
//
// Prints one line "RESULT <json>" with what it read back and the ended workflow, and exits 0;
// any error is printed on stderr and exits 1.

const { createConductorClient, MetadataClient, WorkflowExecutor } = require("@io-orkes/conductor-javascript");

const serverUrl = process.argv[2];
const text = process.argv[3] ?? "";
const waitLimitMs = 60_000;
const waitIntervalMs = 100;

if (!serverUrl) {
  console.error("usage: node client.js <server url> <text>");
  process.exit(2);
}

// The SDK lets CONDUCTOR_SERVER_URL win over the configured URL.
delete process.env.CONDUCTOR_SERVER_URL;

const taskDef = (name) => ({
  name,
  retryCount: 0,
  timeoutSeconds: 60,
  responseTimeoutSeconds: 30,
  ownerEmail: "tests@example.com",
});

const workflowDef = {
  name: "interop_sdk_client",
  version: 1,
  ownerEmail: "tests@example.com",
  schemaVersion: 2,
  tasks: [
    { name: "js_echo", taskReferenceName: "jsref", type: "SIMPLE", inputParameters: { text: "${workflow.input.text}" } },
    {
      name: "interop_shout",
      taskReferenceName: "netref",
      type: "SIMPLE",
      inputParameters: { text: "${jsref.output.echoed}", words: "${jsref.output.words}" },
    },
  ],
  outputParameters: { shouted: "${netref.output.message}", wordCount: "${netref.output.wordCount}" },
};

async function waitUntilEnded(executor, workflowId) {
  const deadline = Date.now() + waitLimitMs;
  for (;;) {
    const workflow = await executor.getWorkflow(workflowId, true);
    if (!["RUNNING", "PAUSED"].includes(workflow.status)) {
      return workflow;
    }
    if (Date.now() > deadline) {
      throw new Error(`workflow ${workflowId} still ${workflow.status} after ${waitLimitMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, waitIntervalMs));
  }
}

async function main() {
  const client = await createConductorClient({ serverUrl });
  const metadata = new MetadataClient(client);
  const executor = new WorkflowExecutor(client);

  await metadata.registerTasks([taskDef("js_echo"), taskDef("interop_shout")]);
  await metadata.registerWorkflowDef(workflowDef, true);
  // Registering the same name and version again without overwrite is a conflict.
  const secondRegistration = await metadata.registerWorkflowDef(workflowDef, false).then(
    () => "accepted",
    (error) => String(error?.message ?? error),
  );
  const readTaskDef = await metadata.getTask("interop_shout");
  const readWorkflowDef = await metadata.getWorkflowDef("interop_sdk_client");

  const workflowId = await executor.startWorkflow({
    name: "interop_sdk_client",
    version: 1,
    correlationId: "interop-correlation",
    input: { text },
  });
  const workflow = await waitUntilEnded(executor, workflowId);

  console.log("RESULT " + JSON.stringify({ workflowId, secondRegistration, readTaskDef, readWorkflowDef, workflow }));
}

main().catch((error) => {
  console.error("FAILED", error);
  process.exit(1);
});
