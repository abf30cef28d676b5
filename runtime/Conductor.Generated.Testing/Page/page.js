// The test server's page: reads /ui/api/snapshot every second and draws the workflows, the
// selected workflow's tasks on a timeline, the queues and the workers polling. Plain script, no
// build step, no external assets; every text is set through textContent, never as HTML.
"use strict";

(function () {
  const snapshotUrl = "/ui/api/snapshot";
  const failedStatuses = new Set(["FAILED", "FAILED_WITH_TERMINAL_ERROR", "TIMED_OUT"]);
  const terminalWorkflow = new Set(["COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED"]);
  const activeWorkerMillis = 10000; // the real server's activeWorkerLastPollTimeout

  const state = { snapshot: null, lastKey: "", workflowId: null, taskId: null, open: new Set() };
  readHash();

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "className") node.className = value;
      else if (name === "style") Object.assign(node.style, value);
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function badge(status) {
    return el("span", { className: "badge s-" + status, "data-testid": "status" }, status);
  }

  function pad(n, width) { return String(n).padStart(width || 2, "0"); }

  function formatTime(millis) {
    if (!millis) return "–";
    const d = new Date(millis);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }

  function formatClock(millis) {
    if (!millis) return "–";
    const d = new Date(millis);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }

  function formatDuration(millis) {
    if (millis < 0) millis = 0;
    if (millis < 1000) return `${Math.round(millis)} ms`;
    if (millis < 60000) return `${(millis / 1000).toFixed(millis < 10000 ? 2 : 1)} s`;
    const minutes = Math.floor(millis / 60000);
    if (minutes < 60) return `${minutes} min ${Math.round((millis % 60000) / 1000)} s`;
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  }

  function workflowEnd(workflow, now) { return workflow.endTime || (terminalWorkflow.has(workflow.status) ? workflow.updateTime : now); }

  function json(value) { return JSON.stringify(value, null, 2); }

  function isEmpty(value) { return value === null || value === undefined || (typeof value === "object" && Object.keys(value).length === 0); }

  // <details> keep their open state across refreshes, by a key of the caller's.
  function collapsible(key, title, body, openByDefault) {
    const open = state.open.has(key) || (openByDefault && !state.open.has("closed:" + key));
    const details = el("details", { open: open, "data-key": key }, el("summary", {}, title), body);
    details.addEventListener("toggle", () => {
      if (details.open) { state.open.add(key); state.open.delete("closed:" + key); }
      else { state.open.delete(key); state.open.add("closed:" + key); }
    });
    return details;
  }

  function jsonBlock(value, testId) {
    return isEmpty(value) ? el("span", { className: "muted" }, "(empty)") : el("pre", { className: "json", "data-testid": testId }, json(value));
  }

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    state.workflowId = params.get("workflow");
    state.taskId = params.get("task");
  }

  function writeHash() {
    const params = new URLSearchParams();
    if (state.workflowId) params.set("workflow", state.workflowId);
    if (state.taskId) params.set("task", state.taskId);
    history.replaceState(null, "", "#" + params.toString());
  }

  function select(workflowId, taskId) {
    state.workflowId = workflowId;
    state.taskId = taskId;
    writeHash();
    render();
  }

  function renderSummary(snapshot) {
    const counts = new Map();
    for (const workflow of snapshot.workflows) counts.set(workflow.status, (counts.get(workflow.status) || 0) + 1);
    const summary = document.getElementById("summary");
    summary.replaceChildren(...[...counts.entries()].sort().map(([status, count]) =>
      el("span", { className: "count", "data-status": status }, badge(status), String(count))));
    document.getElementById("workflow-count").textContent = snapshot.workflowCount > snapshot.workflows.length
      ? `(newest ${snapshot.workflows.length} of ${snapshot.workflowCount})`
      : `(${snapshot.workflowCount})`;
  }

  function renderWorkflows(snapshot) {
    const body = document.querySelector("#workflows tbody");
    body.replaceChildren(...snapshot.workflows.map(workflow => el("tr", {
      "data-testid": "workflow-row",
      "data-workflow-id": workflow.workflowId,
      "data-status": workflow.status,
      className: workflow.workflowId === state.workflowId ? "selected" : null,
      onclick: () => select(workflow.workflowId, null),
    },
      el("td", {}, badge(workflow.status)),
      el("td", {}, `${workflow.workflowName ?? ""} `, el("span", { className: "muted" }, `v${workflow.workflowVersion}`)),
      el("td", { className: "mono" }, workflow.workflowId),
      el("td", { className: "mono" }, workflow.correlationId ?? ""),
      el("td", { className: "mono" }, formatTime(workflow.createTime)),
      el("td", { className: "num", "data-testid": "duration" }, formatDuration(workflowEnd(workflow, snapshot.serverTime) - workflow.createTime)))));
    document.getElementById("no-workflows").hidden = snapshot.workflows.length > 0;
  }

  function taskLabel(task) {
    return el("div", { className: "label", title: `${task.referenceTaskName} (${task.taskType})` },
      task.referenceTaskName,
      task.iteration > 0 ? el("small", {}, ` iteration ${task.iteration}`) : null,
      task.retryCount > 0 ? el("small", {}, ` retry ${task.retryCount}`) : null,
      el("small", {}, task.taskType !== task.referenceTaskName ? ` · ${task.taskType}` : ""));
  }

  function renderTimeline(workflow, now) {
    const start = workflow.createTime;
    const end = Math.max(workflowEnd(workflow, now), start + 1,
      ...workflow.tasks.map(task => task.endTime || (task.startTime ? now : task.scheduledTime)));
    const span = end - start;
    const percent = millis => Math.min(100, Math.max(0, ((millis - start) / span) * 100));

    const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction, index, all) => el("span", {
      className: "tick" + (index === all.length - 1 ? " last" : ""),
      style: { left: `${fraction * 100}%` },
    }, fraction === 0 ? "0" : formatDuration(span * fraction)));

    const lanes = workflow.tasks.map(task => {
      const scheduled = task.scheduledTime || start;
      const started = task.startTime || 0;
      const finished = task.endTime || (started ? (terminalWorkflow.has(workflow.status) ? task.updateTime : now) : 0);
      const barStart = percent(scheduled);
      const barEnd = finished ? percent(finished) : percent(terminalWorkflow.has(workflow.status) ? task.updateTime || scheduled : now);
      const runStart = started ? percent(started) : barEnd;
      const width = Math.max(0, barEnd - barStart);
      const waitShare = width > 0 ? ((runStart - barStart) / width) * 100 : 0;
      const took = started && finished ? formatDuration(finished - started) : started ? "running" : "waiting";
      const bar = el("div", {
        className: "bar",
        "data-testid": "timeline-bar",
        "data-task-id": task.taskId,
        "data-task-ref": task.referenceTaskName,
        "data-status": task.status,
        title: `${task.referenceTaskName}: ${task.status}, waited ${formatDuration((started || now) - scheduled)}, ran ${started ? formatDuration((finished || now) - started) : "not yet"}`,
        style: { left: `${barStart}%`, width: `${width}%` },
      },
        el("div", { className: "wait", style: { width: `${waitShare}%` } }),
        el("div", { className: "run s-" + task.status, style: { width: `${100 - waitShare}%` } }));
      // The caption goes right of the bar, or left of it near the end, or on it when the bar fills the track.
      const place = barEnd <= 75 ? "after" : barStart >= 25 ? "before" : "on";
      const text = el("span", {
        className: "bar-text " + place,
        style: place === "after" ? { left: `${barEnd}%` } : place === "before" ? { right: `${100 - barStart}%` } : { left: `${barStart}%` },
      }, `${task.status} · ${took}`);
      return el("div", {
        className: "lane" + (task.taskId === state.taskId ? " selected" : ""),
        "data-testid": "timeline-lane",
        onclick: () => select(workflow.workflowId, task.taskId),
      }, taskLabel(task), el("div", { className: "track", "data-testid": "timeline-track" }, bar, text));
    });

    return el("div", { className: "timeline", "data-testid": "timeline" },
      el("div", { className: "axis" }, el("div", { className: "label muted" }, "Task"), el("div", { className: "track" }, ticks)),
      lanes.length ? lanes : el("p", { className: "empty" }, "No task scheduled yet."),
      el("div", { className: "legend" },
        el("span", {}, el("i", { style: { background: "repeating-linear-gradient(45deg, #b9c7e6, #b9c7e6 3px, #d7e0f2 3px, #d7e0f2 6px)" } }), "waiting in the queue"),
        el("span", {}, el("i", { className: "s-COMPLETED" }), "completed"),
        el("span", {}, el("i", { className: "s-FAILED" }), "failed or timed out"),
        el("span", {}, el("i", { className: "s-IN_PROGRESS" }), "in progress")));
  }

  function renderTask(workflow, task, now) {
    const attempts = workflow.tasks.filter(other => other.referenceTaskName === task.referenceTaskName && other.iteration === task.iteration);
    const facts = [
      ["Status", badge(task.status)],
      ["Task type", task.taskType],
      ["Task id", el("span", { className: "mono" }, task.taskId)],
      ["Attempt", `${task.retryCount + 1} of ${attempts.length}${terminalWorkflow.has(workflow.status) ? "" : " so far"} (polled ${task.pollCount}×)`],
      ["Worker id", task.workerId ?? "–"],
      task.domain ? ["Domain", task.domain] : null,
      ["Scheduled", formatTime(task.scheduledTime)],
      ["Started", task.startTime ? `${formatTime(task.startTime)} (waited ${formatDuration(task.startTime - task.scheduledTime)})` : "not yet"],
      ["Ended", task.endTime ? `${formatTime(task.endTime)} (ran ${formatDuration(task.endTime - (task.startTime || task.scheduledTime))})` : task.startTime ? `running for ${formatDuration(now - task.startTime)}` : "–"],
    ].filter(Boolean);
    const key = "task:" + task.taskId;
    return el("div", { className: "task-detail", "data-testid": "task-detail", "data-task-id": task.taskId },
      el("h3", {}, `Task ${task.referenceTaskName}`),
      el("dl", { className: "kv" }, facts.map(([name, value]) => [el("dt", {}, name), el("dd", {}, value)])),
      task.reasonForIncompletion ? el("p", { className: "reason", "data-testid": "task-reason" }, task.reasonForIncompletion) : null,
      el("div", { className: "cols" },
        el("div", {}, el("h3", {}, "Input"), jsonBlock(task.inputData, "task-input")),
        el("div", {}, el("h3", {}, "Output"), jsonBlock(task.outputData, "task-output"))),
      el("h3", {}, `Logs (${task.logs.length})`),
      task.logs.length
        ? el("ol", { className: "logs", "data-testid": "task-logs" }, task.logs.map(log => el("li", {}, el("time", {}, formatClock(log.createdTime)), log.log ?? "")))
        : el("span", { className: "muted" }, "(none)"),
      attempts.length > 1 ? collapsible(key + ":attempts", `All ${attempts.length} attempts of ${task.referenceTaskName}`,
        el("table", {}, el("thead", {}, el("tr", {}, ["Attempt", "Status", "Worker id", "Reason"].map(h => el("th", {}, h)))),
          el("tbody", {}, attempts.map(attempt => el("tr", {},
            el("td", {}, String(attempt.retryCount + 1)), el("td", {}, badge(attempt.status)),
            el("td", {}, attempt.workerId ?? "–"), el("td", {}, attempt.reasonForIncompletion ?? ""))))), true) : null);
  }

  function renderDetail(snapshot) {
    const detail = document.getElementById("detail");
    const workflow = snapshot.workflows.find(w => w.workflowId === state.workflowId);
    if (!workflow) {
      detail.hidden = true;
      detail.replaceChildren();
      return;
    }

    const now = snapshot.serverTime;
    const task = workflow.tasks.find(t => t.taskId === state.taskId)
      || [...workflow.tasks].reverse().find(t => failedStatuses.has(t.status))
      || workflow.tasks[workflow.tasks.length - 1];
    const key = "wf:" + workflow.workflowId;
    detail.hidden = false;
    detail.setAttribute("data-workflow-id", workflow.workflowId);
    detail.replaceChildren(
      el("div", { className: "wf-head" },
        el("h2", {}, `${workflow.workflowName ?? ""} v${workflow.workflowVersion}`),
        badge(workflow.status),
        el("span", { className: "mono muted" }, workflow.workflowId)),
      el("div", { className: "facts" },
        el("span", {}, "Correlation id ", el("b", {}, workflow.correlationId ?? "–")),
        el("span", {}, "Started ", el("b", {}, formatTime(workflow.createTime))),
        el("span", {}, terminalWorkflow.has(workflow.status) ? "Took " : "Running for ", el("b", {}, formatDuration(workflowEnd(workflow, now) - workflow.createTime))),
        el("span", {}, "Tasks ", el("b", {}, String(workflow.tasks.length)))),
      workflow.reasonForIncompletion ? el("p", { className: "reason", "data-testid": "workflow-reason" }, workflow.reasonForIncompletion) : null,
      el("div", { className: "cols" },
        collapsible(key + ":input", "Workflow input", jsonBlock(workflow.input, "workflow-input"), false),
        collapsible(key + ":output", "Workflow output", jsonBlock(workflow.output, "workflow-output"), false)),
      renderTimeline(workflow, now),
      task ? renderTask(workflow, task, now) : null);
  }

  function renderQueues(snapshot) {
    document.querySelector("#queues tbody").replaceChildren(...snapshot.queues.map(queue => el("tr", { "data-testid": "queue-row", "data-queue": queue.queueName },
      el("td", {}, queue.taskType), el("td", {}, queue.domain ?? "–"), el("td", { className: queue.size > 0 ? "num busy" : "num" }, String(queue.size)))));
    document.getElementById("no-queues").hidden = snapshot.queues.length > 0;
  }

  function renderWorkers(snapshot) {
    const now = snapshot.serverTime;
    document.querySelector("#workers tbody").replaceChildren(...snapshot.pollData.map(poll => el("tr", {
      "data-testid": "worker-row",
      "data-worker-id": poll.workerId ?? "",
      className: now - poll.lastPollTime > activeWorkerMillis ? "stale" : null,
      title: `Last poll at ${formatTime(poll.lastPollTime)}`,
    },
      el("td", {}, poll.queueName), el("td", {}, poll.domain ?? "–"), el("td", { className: "mono" }, poll.workerId ?? "(none given)"),
      el("td", {}, `${formatDuration(now - poll.lastPollTime)} ago`))));
    document.getElementById("no-workers").hidden = snapshot.pollData.length > 0;
  }

  function render() {
    const snapshot = state.snapshot;
    if (!snapshot) return;
    if (!state.workflowId && snapshot.workflows.length) state.workflowId = snapshot.workflows[0].workflowId;
    renderSummary(snapshot);
    renderWorkflows(snapshot);
    renderDetail(snapshot);
    renderQueues(snapshot);
    renderWorkers(snapshot);
    document.getElementById("updated").textContent = `Server time ${formatClock(snapshot.serverTime)}`;
  }

  function markLoaded() { document.body.setAttribute("data-loaded", "true"); }

  async function refresh() {
    const error = document.getElementById("error");
    try {
      const response = await fetch(snapshotUrl, { cache: "no-store" });
      if (!response.ok) throw new Error(`${snapshotUrl} answered ${response.status}: ${await response.text()}`);
      const text = await response.text();
      const snapshot = JSON.parse(text);
      error.hidden = true;
      // Redraw when something changed, or while something runs (durations and "ago" move on).
      const key = text.replace(/"serverTime":\d+/, "");
      const moving = snapshot.workflows.some(w => !terminalWorkflow.has(w.status)) || snapshot.pollData.length > 0;
      state.snapshot = snapshot;
      if (key !== state.lastKey || moving) {
        state.lastKey = key;
        // A redraw between a press and its release would replace the element under the pointer
        // and lose the click: it waits for the release.
        if (!pointerDown) {
          render();
          return markLoaded();
        }
        redrawOnRelease = true;
      }
      document.getElementById("updated").textContent = `Server time ${formatClock(snapshot.serverTime)}`;
      markLoaded();
    } catch (failure) {
      error.textContent = `Cannot reach the test server (${failure.message}); the page shows the last state it read and keeps trying.`;
      error.hidden = false;
    }
  }

  let pointerDown = false, redrawOnRelease = false;
  document.addEventListener("pointerdown", () => { pointerDown = true; }, true);
  const release = () => {
    pointerDown = false;
    if (redrawOnRelease) { redrawOnRelease = false; setTimeout(render, 0); }
  };
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);

  let timer = null;
  function schedule() {
    clearInterval(timer);
    if (document.getElementById("live").checked) timer = setInterval(refresh, 1000);
  }

  document.getElementById("live").addEventListener("change", schedule);
  window.addEventListener("hashchange", () => { readHash(); render(); });
  refresh();
  schedule();
})();
