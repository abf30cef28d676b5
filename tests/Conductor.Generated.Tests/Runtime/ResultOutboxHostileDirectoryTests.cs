using System.Diagnostics;
using Conductor.Generated.Client;
using Conductor.Generated.Outbox;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// An outbox directory as a hostile or careless environment leaves it: a file the process cannot
/// read, a FIFO, links, a directory created by someone else with a wide mode. Every unusable
/// entry is set aside with a warning, the start never stops on one, and what the runtime stores
/// is readable by its user only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ResultOutboxHostileDirectoryTests : IDisposable
{
    private const int OutboxFileUnreadableEvent = 32;
    private const int OutboxEntryNotAFileEvent = 63;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "conductor-outbox-hostile", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_fifo_and_links_in_the_outbox_are_set_aside_unopened_and_the_start_goes_on()
    {
        const string taskType = "outbox_fifo";
        LeaveResultFromEarlierRun("left-by-fifo-run", taskType);
        var fifo = Path.Combine(_directory, "fifo.result.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        File.CreateSymbolicLink(Path.Combine(_directory, "dangling.result.json"), Path.Combine(_directory, "nowhere"));
        File.CreateSymbolicLink(Path.Combine(_directory, "device.result.json"), "/dev/zero");

        WorkerHostFixture? fixture = null;
        try
        {
            // Opening a FIFO for reading waits for a writer: a start that opens it never returns.
            var starting = Task.Run(() => StartAsync([Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))], configure: WithOutbox));
            if (await Task.WhenAny(starting, Task.Delay(TimeSpan.FromSeconds(60))) != starting)
            {
                await using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
                {
                    // Lets the stuck start read the FIFO, so the test ends.
                }

                Assert.Fail("The start opened the FIFO in the outbox and waited on it.");
            }

            fixture = await starting;
            await fixture.WaitForUpdateAsync("left-by-fifo-run", "COMPLETED");
            Assert.True(File.Exists(fifo + ".unreadable"), "the FIFO set aside");
            Assert.Equal(3, fixture.Logs.WithEventId(OutboxEntryNotAFileEvent).Count);
            await Eventually.TrueAsync(() => Directory.GetFiles(_directory, "*.result.json").Length == 0, "the delivered result removed, nothing else left");
        }
        finally
        {
            if (fixture is not null)
            {
                await fixture.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_file_the_process_cannot_read_is_set_aside_and_the_start_goes_on()
    {
        const string taskType = "outbox_unreadable";
        LeaveResultFromEarlierRun("left-readable", taskType);
        LeaveResultFromEarlierRun("left-locked", taskType);
        var locked = Directory.GetFiles(_directory, "left-locked.*.result.json").Single();

        // Held exclusively by another open (FileShare.None takes an exclusive lock on Unix), so
        // reading it fails with an I/O error even for root; without root, also a file of mode 000.
        using var holder = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        string? forbidden = null;
        if (!Environment.IsPrivilegedProcess)
        {
            LeaveResultFromEarlierRun("left-forbidden", taskType);
            forbidden = Directory.GetFiles(_directory, "left-forbidden.*.result.json").Single();
            File.SetUnixFileMode(forbidden, UnixFileMode.None);
        }

        await using var fixture = await StartAsync([Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))], configure: WithOutbox);

        await fixture.WaitForUpdateAsync("left-readable", "COMPLETED");
        Assert.True(File.Exists(locked + ".unreadable"), "the unreadable file set aside");
        Assert.Empty(fixture.Server.UpdatesOf("left-locked"));
        var unreadable = fixture.Logs.WithEventId(OutboxFileUnreadableEvent);
        Assert.Equal(forbidden is null ? 1 : 2, unreadable.Count);
        Assert.All(unreadable, entry => Assert.True(entry.Exception is IOException or UnauthorizedAccessException, entry.Exception?.GetType().Name));
    }

    [Fact]
    public async Task An_existing_outbox_directory_is_made_owner_only_and_result_files_are_0600()
    {
        const string taskType = "outbox_private";
        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        UnixFileMode? fileMode = null;
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"secret":"s3cr3t"}""")))],
            server =>
            {
                server.BeforeUpdate = async update =>
                {
                    fileMode ??= File.GetUnixFileMode(Directory.GetFiles(_directory, "*.result.json").Single());
                    await release.Task;
                };
                server.Enqueue(taskType, "private-1");
            },
            WithOutbox);

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(_directory));
        await Eventually.TrueAsync(() => fileMode is not null, "the result stored and sent");
        release.SetResult();
        await fixture.WaitForUpdateAsync("private-1", "COMPLETED");
        Assert.Equal(OwnerOnlyFile, fileMode);
    }

    private void WithOutbox(ConductorWorkerOptions options) => options.ResultOutboxDirectory = _directory;

    /// <summary>A result stored by an earlier run that died before sending it.</summary>
    private void LeaveResultFromEarlierRun(string taskId, string taskType)
    {
        var (outbox, _) = ResultOutbox.Open(_directory, 1024 * 1024, NullLogger.Instance);
        var stored = outbox.TryStore(
            new TaskResult { TaskId = taskId, WorkflowInstanceId = "wf-" + taskId, Status = TaskResultStatus.Completed, OutputData = "{}"u8.ToArray() },
            taskType);
        Assert.NotNull(stored);
    }
}
