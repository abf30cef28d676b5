using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Outbox;

/// <summary>
/// A directory of results the server does not have yet. A result is written and flushed to disk
/// before it is sent and removed once the server has it, so a result survives the process being
/// killed and a server outage of any length: the next start sends what is left.
/// </summary>
/// <remarks>
/// Each result is one file, written to a <c>.tmp</c> name, flushed to the device and then
/// renamed, so a file with the final name is always complete. The total size is bounded; a
/// result that does not fit, or cannot be written (disk full, no permission), is sent from
/// memory only, as without an outbox. The outbox never makes a task fail.
/// </remarks>
internal sealed class ResultOutbox
{
    public const string FileSuffix = ".result.json";
    public const string PartialSuffix = ".tmp";
    public const string UnreadableSuffix = ".unreadable";

    /// <summary>Task ids up to this length made of safe characters are used as file names as they are.</summary>
    private const int LongestPlainTaskId = 100;

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private long _bytesStored;

    private ResultOutbox(string directory, long maxBytes, ILogger logger)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        _logger = logger;
    }

    /// <summary>The bytes the stored results take.</summary>
    public long BytesStored => Interlocked.Read(ref _bytesStored);

    /// <summary>
    /// Opens (creating it when missing; made readable by this user only on Unix, also when it
    /// existed) the outbox in <paramref name="directory"/>, and returns it with the results a
    /// previous process left, oldest first. Leftover partial files are deleted; entries that are
    /// not plain files are renamed <c>*.unreadable</c> without being opened, and files that
    /// cannot be read (invalid, permissions, I/O errors) are renamed too; each is logged. Throws
    /// <see cref="InvalidOperationException"/> when the directory itself cannot be used.
    /// </summary>
    public static (ResultOutbox Outbox, IReadOnlyList<StoredResult> Pending) Open(string directory, long maxBytes, ILogger logger)
    {
        var fullPath = Path.GetFullPath(directory);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(fullPath);
            }
            else
            {
                // Results may carry secrets from the workers' output: owner-only, also when the
                // directory was there already (created by someone else, or with the umask's mode).
                Directory.CreateDirectory(fullPath, OwnerOnlyDirectory);
                MakeOwnerOnly(fullPath, logger);
            }

            var outbox = new ResultOutbox(fullPath, maxBytes, logger);
            return (outbox, outbox.LoadPending());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The result outbox directory '{fullPath}' cannot be used: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Writes <paramref name="result"/> to disk and flushes it to the device; returns the stored
    /// result, or <see langword="null"/> (logged) when it does not fit or cannot be written.
    /// </summary>
    public StoredResult? TryStore(TaskResult result, string taskType)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new OutboxRecord(OutboxRecord.CurrentVersion, taskType, result), OutboxJsonContext.Default.OutboxRecord);
        if (Interlocked.Add(ref _bytesStored, bytes.Length) > _maxBytes)
        {
            Interlocked.Add(ref _bytesStored, -bytes.Length);
            WorkerLog.OutboxFull(_logger, result.TaskId, taskType, _maxBytes);
            return null;
        }

        var path = Path.Combine(_directory, $"{FileNameOf(result.TaskId)}.{Guid.NewGuid():N}{FileSuffix}");
        var partialPath = path + PartialSuffix;
        try
        {
            using (var file = new FileStream(partialPath, FileOptionsFor(FileMode.Create)))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            File.Move(partialPath, path);
            return new StoredResult(path, bytes.Length, taskType, result);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Interlocked.Add(ref _bytesStored, -bytes.Length);
            TryDelete(partialPath);
            WorkerLog.OutboxWriteFailed(_logger, exception, result.TaskId, taskType);
            return null;
        }
    }

    /// <summary>Removes a stored result: the server has it (or refused it for good).</summary>
    public void Remove(StoredResult stored)
    {
        if (TryDelete(stored.Path))
        {
            Interlocked.Add(ref _bytesStored, -stored.Bytes);
        }
    }

    /// <summary>Created owner-only (0600) on Unix, whatever the umask.</summary>
    private static FileStreamOptions FileOptionsFor(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    /// <summary>Sets an existing directory to 0700; warns once when that is not possible (not the owner).</summary>
    private static void MakeOwnerOnly(string directory, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(directory);
        if ((mode & ~OwnerOnlyDirectory) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(directory, mode & OwnerOnlyDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            WorkerLog.OutboxNotPrivate(logger, exception, directory, Convert.ToString((int)mode, 8));
        }
    }

    /// <summary>
    /// Whether an entry may be opened as an outbox file: a regular file with content. FIFOs,
    /// sockets and devices report no size (and opening a FIFO would wait for a writer); links
    /// could point anywhere; a complete outbox file is never empty.
    /// </summary>
    private static bool IsPlainFileWithContent(FileInfo file) =>
        file.LinkTarget is null && file.Length > 0;

    /// <summary>Renames an entry that cannot be used to <c>*.unreadable</c>, so it is neither read again nor counted; never throws.</summary>
    private void SetAside(FileInfo file)
    {
        try
        {
            File.Move(file.FullName, file.FullName + UnreadableSuffix, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            WorkerLog.OutboxEntryNotSetAside(_logger, exception, file.Name);
        }
    }

    private List<StoredResult> LoadPending()
    {
        foreach (var partial in Directory.EnumerateFiles(_directory, "*" + FileSuffix + PartialSuffix))
        {
            // Written by a process that died before it could send the result: never complete.
            TryDelete(partial);
        }

        var pending = new List<StoredResult>();
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("*" + FileSuffix).OrderBy(file => file.LastWriteTimeUtc))
        {
            if (!IsPlainFileWithContent(file))
            {
                WorkerLog.OutboxEntryNotAFile(_logger, file.Name);
                SetAside(file);
                continue;
            }

            try
            {
                var record = JsonSerializer.Deserialize(File.ReadAllBytes(file.FullName), OutboxJsonContext.Default.OutboxRecord);
                if (record is not { Version: OutboxRecord.CurrentVersion, Result.TaskId.Length: > 0 })
                {
                    throw new JsonException($"not a version {OutboxRecord.CurrentVersion} outbox record");
                }

                pending.Add(new StoredResult(file.FullName, file.Length, record.TaskType, record.Result));
                _bytesStored += file.Length;
            }
            catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
            {
                // Not valid, or not readable by this process (permissions, an I/O error): set
                // aside, never a reason not to start.
                WorkerLog.OutboxFileUnreadable(_logger, exception, file.Name);
                SetAside(file);
            }
        }

        return pending;
    }

    /// <summary>The task id when it is a safe file name (Conductor's ids are UUIDs), else its SHA-256.</summary>
    private static string FileNameOf(string taskId)
    {
        if (taskId.Length is > 0 and <= LongestPlainTaskId && taskId.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            return taskId;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(taskId)));
    }

    private bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            WorkerLog.OutboxDeleteFailed(_logger, exception, Path.GetFileName(path));
            return false;
        }
    }
}
